"""MindMup maps (`.mup` JSON, formatVersion 3) in: argument maps and plain mind maps.

- a node -> a claim (id: a short slug of its title); a title `# Heading` followed by
  a blank line gives the claim's title and its text;
- a group node (`attr.group` `supporting` / `opposing`, title `group`) -> one
  argument for/against its parent claim, its claim children the linked premises;
  an opposing group inside a group (an "inline objection") undercuts that group's
  argument; empty groups are left out (with a note);
- a plain child of a claim (mind-map style, no group) -> a reason for it;
- `attr_implicit_claim` -> a claim marked `reconstruction` (an unstated premise);
- sticky notes and `attr.note` -> the note of the claim (or argument) they hang on;
  a `parentConnector` label other than the usual `+`/`X` words -> the argument's note;
- `links` (no argumentative meaning in MindMup) -> "Linked to: ..." in the note of
  the claim they start from;
- the first top-level node is the thesis; themes, icons, styles and positions are
  left out.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from argmap.errors import InputError
from argmap.formats.common import IdAllocator, build_map, deep_recursion, slug
from argmap.model import SCHEMA_VERSION, ArgumentMap

GROUPS = {"supporting": "support", "opposing": "attack"}
USUAL_LABELS = {"supports (+)", "+", "rejects (X)", "X", "supports", "rejects", "opposes", "-"}
MAX_NESTING = 600  # JSON levels: 300 tree levels (Python reads about 1,000)
_HEADING = re.compile(r"^#+\s+(.+?)\s*\n\s*\n(.+)$", re.S)


def parse_mindmup(path: Path | str, data: bytes) -> Any:
    """The JSON of a .mup file, read as map files are (duplicate keys, lone
    surrogates `"\\ud800"` and absurd integers are errors, not silently kept), but
    deeper: a mind map nests two JSON levels per tree level."""
    from argmap.store import parse_json

    if not data.strip():
        raise InputError(f"{path}: file is empty, expected a MindMup JSON object")
    return parse_json(Path(path), data, max_nesting=MAX_NESTING)


def from_mindmup(data: Any, path: Path | str = "<mindmup>", name: str = "", notes: list[str] | None = None) -> ArgumentMap:
    notes = notes if notes is not None else []
    if not isinstance(data, dict) or not isinstance(data.get("ideas"), dict):
        raise InputError(f"{path}: not a MindMup map (expected a JSON object with 'ideas')")
    reader = _Reader(path, notes)
    with deep_recursion():
        tops = [reader.node(n, f"ideas[{json.dumps(k)}]", None) for k, n in _ordered(data["ideas"], "ideas", path)]
    claims = [t for t in tops if t is not None]
    if not claims:
        raise InputError(f"{path}: ideas: the map has no claim node")
    if len(claims) > 1:
        notes.append(f"{len(claims)} top-level nodes; the first is the thesis, the others stand apart")
    reader.links(data.get("links"))
    if reader.icons:
        notes.append(f"left out {reader.icons} icon(s)")
    title = data.get("title") if isinstance(data.get("title"), str) else ""
    document = {
        "schema_version": SCHEMA_VERSION,
        "title": " ".join(title.split()) or name,
        "thesis": claims[0],
        "claims": reader.claims,
        "arguments": reader.arguments,
    }
    return build_map(document, path, "MindMup map")


def _ordered(ideas: Any, where: str, path: Path | str) -> list[tuple[str, dict]]:
    """Children by numeric rank ("-7.5" before "1" before "11")."""
    if ideas in ([], None):  # argmap2mup (Lua) writes an empty table as []
        return []
    if not isinstance(ideas, dict):
        raise InputError(f"{path}: {where}: must be an object")
    out = []
    for key, node in ideas.items():
        if not isinstance(node, dict):
            raise InputError(f"{path}: {where}[{json.dumps(key)}]: a node must be an object")
        try:
            rank = float(key)
        except ValueError:
            raise InputError(f"{path}: {where}[{json.dumps(key)}]: a rank key must be a number") from None
        out.append((rank, key, node))
    return [(key, node) for _, key, node in sorted(out, key=lambda t: t[:2])]


def _style_names(attr: dict) -> list[str]:
    names = attr.get("styleNames")
    return [n for n in names if isinstance(n, str)] if isinstance(names, list) else []


def _connector_label(attr: dict) -> str:
    connector = attr.get("parentConnector")
    label = connector.get("label") if isinstance(connector, dict) else None
    return label.strip() if isinstance(label, str) and label.strip() not in USUAL_LABELS else ""


def _note_text(attr: dict) -> str:
    note = attr.get("note")
    return note["text"].strip() if isinstance(note, dict) and isinstance(note.get("text"), str) else ""


def _title(node: dict) -> str:
    title = node.get("title")
    return title.replace("\u00a0", " ").strip() if isinstance(title, str) else ""


class _Reader:
    def __init__(self, path: Path | str, notes: list[str]) -> None:
        self.path, self.notes = path, notes
        self.ids = IdAllocator()
        self.claims: list[dict] = []
        self.arguments: list[dict] = []
        self.claim_of: dict[str, dict] = {}  # MindMup id (as a string) -> claim
        self.icons = 0

    def node(self, node: dict, where: str, parent: str | None) -> str | None:
        """Read a node below `parent` (a claim id, or None at top level); the claim id
        it became, if it is a claim."""
        attr = node.get("attr") if isinstance(node.get("attr"), dict) else {}
        if attr.get("group") is not None:
            if parent is None:
                self.notes.append(f"{where}: left out a group at top level (it has no claim to bear on)")
            else:
                self.group(node, attr, where, parent, None)
            return None
        if "sticky_note" in _style_names(attr):
            if parent is not None:
                self._add_note(self.claim_of_id(parent), "Sticky note: " + _title(node))
            else:
                self.notes.append(f"{where}: left out a sticky note at top level (it hangs on no claim): {_title(node)[:60]}")
            return None
        return self.claim(node, attr, where, parent)

    def claim_of_id(self, claim_id: str) -> dict:
        return next(c for c in reversed(self.claims) if c["id"] == claim_id)

    def claim(self, node: dict, attr: dict, where: str, parent: str | None) -> str:
        self.icons += isinstance(attr.get("icon"), dict) or isinstance(node.get("icon"), dict)
        text = _title(node)
        if not text:
            raise InputError(f"{self.path}: {where}: a claim node needs a title")
        claim: dict = {"id": "", "text": text}
        heading = _HEADING.match(text)
        if heading:
            claim["title"], claim["text"] = heading.group(1).strip(), heading.group(2).strip()
        claim["id"] = self.ids.take(slug(claim.get("title") or claim["text"], words=6))
        if (note := _note_text(attr)) not in ("", claim["text"]):
            claim["note"] = note
        if "attr_implicit_claim" in _style_names(attr):
            claim["reconstruction"] = True
            self._add_note(claim, "An implicit premise in the MindMup map (unstated by the author).")
        self.claims.append(claim)
        if "id" in node:
            self.claim_of[str(node["id"])] = claim
        if parent is not None:  # a plain mind-map child: a reason for its parent
            argument = self._argument([claim["id"]], "support", parent)
            if label := _connector_label(attr):
                argument["note"] = label
        for key, child in _ordered(node.get("ideas"), f"{where}.ideas", self.path):
            self.node(child, f"{where}.ideas[{json.dumps(key)}]", claim["id"])
        return claim["id"]

    def group(self, node: dict, attr: dict, where: str, target: str, parent_group: str | None) -> None:
        """A group: one argument on `target` (a claim, or the argument of the group it
        sits in, which an opposing group undercuts)."""
        kind = attr.get("group")
        if kind not in GROUPS:
            raise InputError(f"{self.path}: {where}.attr.group: {kind!r} is neither 'supporting' nor 'opposing'")
        if parent_group is not None and kind == "supporting":
            self.notes.append(f"{where}: left out a supporting group inside a group (argmap supports claims, not reasons)")
            return
        children = _ordered(node.get("ideas"), f"{where}.ideas", self.path)
        premise_nodes = [(k, c) for k, c in children if not isinstance(c.get("attr"), dict)
                         or (c["attr"].get("group") is None and "sticky_note" not in _style_names(c["attr"]))]
        if not premise_nodes:
            inside = " inside a group" if parent_group is not None else ""
            self.notes.append(f"{where}: left out an empty {kind} group{inside}")
            return
        argument = self._argument([], GROUPS[kind], parent_group or target)
        for key, child in premise_nodes:
            cattr = child.get("attr") if isinstance(child.get("attr"), dict) else {}
            argument["premises"].append(self.claim(child, cattr, f"{where}.ideas[{json.dumps(key)}]", None))
        if label := _connector_label(attr):
            argument["note"] = label
        if note := _note_text(attr):
            self._add_note(argument, note)
        for key, child in children:
            cattr = child.get("attr") if isinstance(child.get("attr"), dict) else {}
            if cattr.get("group") is not None:
                self.group(child, cattr, f"{where}.ideas[{json.dumps(key)}]", target, argument["id"])
            elif "sticky_note" in _style_names(cattr):
                self._add_note(argument, "Sticky note: " + _title(child))

    def _argument(self, premises: list[str], polarity: str, target: str) -> dict:
        argument = {"id": self.ids.take(f"arg-{len(self.arguments) + 1}"), "premises": premises,
                    "polarity": polarity, "target": target}
        self.arguments.append(argument)
        return argument

    @staticmethod
    def _add_note(item: dict, text: str) -> None:
        item["note"] = f"{item['note']}\n{text}" if item.get("note") else text

    def links(self, links: Any) -> None:
        for i, link in enumerate(links if isinstance(links, list) else []):
            if not isinstance(link, dict):
                continue
            a, b = self.claim_of.get(str(link.get("ideaIdFrom"))), self.claim_of.get(str(link.get("ideaIdTo")))
            if a is None or b is None:
                self.notes.append(f"links[{i}]: left out a link to or from a node that is not a claim")
                continue
            self._add_note(a, f"Linked to: {b.get('title') or b['text']}")
