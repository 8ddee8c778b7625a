"""Kialo discussion exports (`.txt`), in and out.

Kialo writes two dialects. The older starts `Discussion Title: NAME` and has one entry
a line (`1.1. Con: text`); the current starts `Discussion Name:` with the name on the
next line, writes `1.1. Con:` on a line of its own with the text on the following
(indented) lines, cites `[n]` and ends with a `Sources:` list (`[n] URL` and an
optional quoted passage).

Import:
- an entry labelled Pro/Con -> a claim (id = its Kialo number, `1.2.1`) and a
  one-premise argument for/against its parent (Pro/Con are relative to the parent: a
  Con of a Con is a rebuttal);
- `-> See 1.x.` -> one more argument from the claim it names (no copy); when that
  claim belongs to another thesis of the file it is copied into this map;
- `-> See discussion #N: text` (another discussion) -> a claim with that text and a
  note saying where it is;
- `[n]` markers whose number is in `Sources:` -> evidence (the quoted passage, if
  any) from that source; the marker leaves the text;
- Markdown links and backslash escapes stay in the text as Kialo wrote them;
- several theses (top-level entries, or `Thesis:` entries under a `Question:`) ->
  one map each.

Export writes the current dialect, the thesis first, each argument's premises as
entries under its target (a premise reached a second time as `-> See`), evidence as
`[n]` with a `Sources:` list. Kialo has no linked premises and no undercuts: a
linked argument becomes one entry per premise, an undercut a Con under the
argument's first premise (which Kialo reads as "not a good reason"), and claims not
reachable from the thesis are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from argmap.errors import InputError
from argmap.formats.common import build_map, deep_recursion
from argmap.model import SCHEMA_VERSION, ArgumentMap

HEADER_OLD = "Discussion Title:"
HEADER_NEW = "Discussion Name:"
_ENTRY = re.compile(r"^(\s*)((?:\d+\.)+)(?:\s+|$)(?:(Pro|Con|Thesis|Question):(?:\s+|$))?(.*)$")
_SEE = re.compile(r"^->\s*See\s+((?:\d+\.)*\d+)\.?\s*$")
_SEE_EXTERNAL = re.compile(r"^->\s*See\s+discussion\s+#(\d+):?\s*(.*)$", re.S)
_CITATION = re.compile(r"\s?\[(\d+)\](?!\()")  # `[2](https://...)` is a Markdown link
_SOURCE = re.compile(r"^\[(\d+)\]\s*(.*)$")
MAX_NUMBER = 199  # characters of an entry's number: its argument's id "a1.2..." has at most 200
_KEEP_TEXT = "\u200b"  # the export puts a zero-width space before a text line that would read as syntax
_KEPT_LINE = re.compile("^" + _KEEP_TEXT, re.M)


def looks_like_kialo(text: str) -> bool:
    start = text.lstrip("\ufeff \t\r\n")
    return start.startswith((HEADER_OLD, HEADER_NEW))


@dataclass
class Entry:
    number: str  # "1.2.1" (Kialo writes "1.2.1.")
    label: str  # "Pro", "Con", "Thesis", "Question" or "" (an old-dialect thesis)
    line: int
    lines: list[str] = field(default_factory=list)

    @property
    def parent(self) -> str:
        return self.number.rpartition(".")[0]

    @property
    def raw(self) -> str:
        """The text as written, with the export's marks on lines that would read as syntax."""
        return "\n".join(self.lines).strip()

    @property
    def text(self) -> str:
        return _unmarked(self.raw)


def _unmarked(text: str) -> str:
    return _KEPT_LINE.sub("", text)


@dataclass
class Discussion:
    name: str
    entries: dict[str, Entry]
    sources: dict[str, tuple[str, str, int]]  # n -> (reference, quoted passage, line)


# ------------------------------------------------------------------ reading


def parse_kialo(text: str, path: Path | str = "<kialo>") -> Discussion:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    start = next((i for i, line in enumerate(lines) if line.strip()), 0)
    head = lines[start].strip() if lines else ""
    if head.startswith(HEADER_OLD):
        name, body = head[len(HEADER_OLD):].strip(), start + 1
    elif head.startswith(HEADER_NEW):
        name = head[len(HEADER_NEW):].strip()
        body = start + 1
        if not name and body < len(lines):
            name, body = lines[body].strip(), body + 1
    else:
        raise InputError(f"{path}:{start + 1}:1: not a Kialo export (expected '{HEADER_OLD}' or '{HEADER_NEW}')")
    entries: dict[str, Entry] = {}
    sources_at = next((i for i in range(body, len(lines)) if lines[i].strip() == "Sources:" and not lines[i][:1].isspace()), len(lines))
    current: Entry | None = None
    theses = _old_theses(lines, body, sources_at) if head.startswith(HEADER_OLD) else set()
    for i in range(body, sources_at):
        entry = _entry(lines[i], i + 1, entries, i in theses, path)
        if entry is not None:
            entries[entry.number] = current = entry
        elif current is not None:
            current.lines.append(lines[i].strip())
        elif lines[i].strip():
            raise InputError(f"{path}:{i + 1}:1: text before the first numbered entry ('1. ...')")
    if not entries:
        raise InputError(f"{path}:{body + 1}:1: no numbered entries ('1. ...') in this Kialo export")
    return Discussion(name or Path(str(path)).stem, entries, _sources(lines, sources_at, path))


def _old_theses(lines: list[str], start: int, end: int) -> set[int]:
    """The indexes of the lines that start an old-dialect thesis: `N. text` with no
    label, N = 1, 2, ... in turn. Claim text can hold a numbered list too
    ("1. cheap" / "2. fast"): such a line is text when an entry under an earlier
    thesis follows it (the file is in pre-order). (A list at the very end of the
    file that goes on to the next thesis number still reads as a thesis.)"""
    tops: list[tuple[int, int, bool, bool]] = []  # (line index, top-level number, a bare `N.` line?, top level?)
    for i in range(start, end):
        m = _ENTRY.match(lines[i])
        if m and not m.group(1):
            head, _, rest = m.group(2)[:-1].partition(".")
            if (m.group(3) or not rest) and len(head) < 10:
                tops.append((i, int(head), not m.group(3), not rest))
    lowest_later: dict[int, float] = {}
    lowest = float("inf")
    for i, top, bare, _ in reversed(tops):
        lowest_later[i] = lowest
        if not bare:
            lowest = min(lowest, top)
    found: set[int] = set()
    last = 0  # the last top-level number (a labelled `2. Thesis:` counts too)
    for i, top, bare, level1 in tops:
        if bare and top == last + 1 and lowest_later[i] >= top:
            found.add(i)
            last = top
        elif not bare and level1:
            last = max(last, top)
    return found


def _entry(line: str, lineno: int, entries: dict[str, Entry], thesis: bool, path: Path | str) -> Entry | None:
    """The entry a line starts, or None for a line of text (a continuation)."""
    m = _ENTRY.match(line)
    if m is None:
        return None
    indent, number, label, rest = m.group(1), m.group(2)[:-1], m.group(3) or "", m.group(4)
    parent = number.rpartition(".")[0]
    col = len(indent) + 1
    if not label:
        # an unlabelled entry is an old-dialect thesis (see _old_theses); anything
        # else that looks numbered ("1. first point") is text
        if not thesis:
            return None
    elif len(number) > MAX_NUMBER:  # (its argument's id is "a" + the number)
        raise InputError(f"{path}:{lineno}:{col}: entry {number[:7]}... is numbered {len(number)} characters long; "
                         f"argmap ids take {MAX_NUMBER}")
    elif number in entries:
        raise InputError(f"{path}:{lineno}:{col}: entry {number}. appears twice (first at line {entries[number].line})")
    elif parent and parent not in entries:
        raise InputError(f"{path}:{lineno}:{col}: entry {number}. comes before its parent {parent}.")
    elif label in ("Pro", "Con") and not parent:
        raise InputError(f"{path}:{lineno}:{col}: a top-level entry cannot be a {label}; it is a thesis or a question")
    elif label == "Thesis" and parent and entries[parent].label != "Question":
        raise InputError(f"{path}:{lineno}:{col}: a Thesis: entry must be top-level or under a Question:")
    rest = rest.strip()
    return Entry(number, label, lineno, [rest] if rest else [])


def _sources(lines: list[str], at: int, path: Path | str) -> dict[str, tuple[str, str, int]]:
    """`[n] reference` lines after `Sources:`, each with the quoted passage below it
    (which may run over several paragraphs): n -> (reference, passage, line)."""
    found: list[tuple[str, str, int, list[str]]] = []
    line_of: dict[str, int] = {}
    for i in range(at + 1, len(lines)):
        m = _SOURCE.match(lines[i])
        if m:
            if m.group(1) in line_of:
                raise InputError(f"{path}:{i + 1}:1: source [{m.group(1)}] appears twice (first at line {line_of[m.group(1)]})")
            line_of[m.group(1)] = i + 1
            found.append((m.group(1), m.group(2).strip(), i + 1, []))
        elif found:
            found[-1][3].append(_unmarked(lines[i].strip()))
        elif lines[i].strip():
            raise InputError(f"{path}:{i + 1}:1: expected a source '[n] reference' after 'Sources:'")
    out = {}
    for n, ref, line, quote_lines in found:
        quote = "\n".join(quote_lines).strip()
        if len(quote) >= 2 and quote[0] == quote[-1] == '"':
            quote = quote[1:-1]
        out[n] = (ref, quote.strip(), line)
    return out


def theses(d: Discussion) -> list[Entry]:
    """The discussion's theses in file order (those under a Question: included)."""
    return [e for e in d.entries.values()
            if e.label == "Thesis" or (not e.parent and e.label == "")]


def from_kialo(text: str, path: Path | str = "<kialo>", name: str = "", notes: list[str] | None = None,
               thesis: int | None = None) -> list[ArgumentMap]:
    """One map per thesis of the export (only the `thesis`-th, 1-based, when given)."""
    notes = notes if notes is not None else []
    d = parse_kialo(text, path)
    found = theses(d)
    if not found:
        raise InputError(f"{path}: no thesis in this Kialo export (a top-level entry or a 'Thesis:' entry)")
    if thesis is not None:
        if not 1 <= thesis <= len(found):
            raise InputError(f"{path}: --thesis {thesis}: the file has {len(found)} thes{'is' if len(found) == 1 else 'es'}")
        chosen = [found[thesis - 1]]
    else:
        chosen = found
    for e in d.entries.values():
        if e.label == "Question" and not any(t.parent == e.number for t in found):
            notes.append(f"question {e.number} has no Thesis: entry under it")
    tops = tuple(t.number + "." for t in found)
    stray = [e for e in d.entries.values() if e.label in ("Pro", "Con") and not e.number.startswith(tops)]
    if stray:  # (a Pro/Con of a Question: Kialo hangs them on theses)
        notes.append(f"left out {len(stray)} entr{'y' if len(stray) == 1 else 'ies'} under no thesis "
                     f"({', '.join(f'{e.number}. at line {e.line}' for e in stray[:3])})")
    return [_map(d, t, path, name, notes, len(found) > 1) for t in chosen]


def _map(d: Discussion, top: Entry, path: Path | str, name: str, notes: list[str], several: bool) -> ArgumentMap:
    builder = _Builder(d, top, path, notes)
    builder.walk()
    sources = [{"id": f"source-{n}", **({"url": ref} if re.match(r"https?://\S+$", ref) else {"title": ref})}
               for n, (ref, _, _) in sorted(d.sources.items(), key=lambda kv: int(kv[0])) if n in builder.cited]
    document: dict = {
        "schema_version": SCHEMA_VERSION,
        "title": f"{d.name} ({top.text.splitlines()[0] if top.text else top.number})" if several else d.name or name,
        "thesis": top.number,
        "claims": builder.claims,
        "arguments": builder.arguments,
    }
    question = d.entries.get(top.parent)
    if question is not None and question.label == "Question":
        document["description"] = "Kialo question: " + question.text
    if sources:
        document["sources"] = sources
    return build_map(document, path, "Kialo export")


class _Builder:
    """The claims and arguments of one thesis's subtree (and what its `-> See`s name)."""

    def __init__(self, d: Discussion, top: Entry, path: Path | str, notes: list[str]) -> None:
        self.d, self.top, self.path, self.notes = d, top, path, notes
        self.claims: list[dict] = []
        self.arguments: list[dict] = []
        self.have: set[str] = set()
        self.cited: set[str] = set()
        self.edges: set[tuple[str, str, str]] = set()

    def _in_subtree(self, number: str) -> bool:
        return number == self.top.number or number.startswith(self.top.number + ".")

    def walk(self) -> None:
        for e in self.d.entries.values():
            if self._in_subtree(e.number):
                self._entry(e)

    def _entry(self, e: Entry) -> None:
        parent = self.d.entries.get(e.parent)
        if parent is not None and parent is not self.top and _SEE.match(parent.raw):
            raise InputError(f"{self.path}:{e.line}:1: entry {e.number}. is under {parent.number}., a '-> See' entry "
                             "(which has no entries of its own: put them under the claim it names)")
        see = _SEE.match(e.raw)  # (a marked `-> See` line is a claim's text)
        if see and e is not self.top:
            self._see(e, see.group(1))
            return
        external = _SEE_EXTERNAL.match(e.raw)
        claim = self._claim(e.number, e.text, e.line)
        if external:
            claim["text"] = _unmarked(external.group(2)).strip() or f"Kialo discussion #{external.group(1)}"
            claim["note"] = f"In Kialo discussion #{external.group(1)}, not in this export."
        if e is not self.top:
            self._argument(e.number, e.label, e.parent, e)

    def _claim(self, number: str, text: str, line: int) -> dict:
        claim: dict = {"id": number, "text": ""}
        evidence = []
        for n in _CITATION.findall(text):
            if n in self.d.sources:
                self.cited.add(n)
                quote = self.d.sources[n][1]
                evidence.append({"source": f"source-{n}", **({"quote": quote} if quote else {})})
        text = _CITATION.sub(lambda m: "" if m.group(1) in self.d.sources else m.group(0), text).strip()
        text = text.replace("[" + _KEEP_TEXT, "[")
        if not text:
            raise InputError(f"{self.path}:{line}:1: entry {number}. has no text")
        claim["text"] = text
        if evidence:
            claim["evidence"] = [dict(t) for t in dict.fromkeys(tuple(sorted(x.items())) for x in evidence)]
        self.claims.append(claim)
        self.have.add(number)
        return claim

    def _argument(self, premise: str, label: str, target: str, e: Entry) -> None:
        polarity = "support" if label == "Pro" else "attack"
        if premise == target or (premise, polarity, target) in self.edges:
            why = "it names its own parent: a claim cannot bear on itself" if premise == target else \
                "it repeats a relation already in the map"
            self.notes.append(f"line {e.line}: left out entry {e.number}. ({why})")
            return
        self.edges.add((premise, polarity, target))
        self.arguments.append({"id": f"a{e.number}", "premises": [premise], "polarity": polarity, "target": target})

    def _see(self, e: Entry, number: str) -> None:
        named = self.d.entries.get(number)
        if named is None:
            raise InputError(f"{self.path}:{e.line}:1: entry {e.number}. refers to {number}., which is not in the file")
        if _SEE.match(named.raw):
            raise InputError(f"{self.path}:{e.line}:1: entry {e.number}. refers to {number}., itself a '-> See' entry")
        if not self._in_subtree(number) and number not in self.have:
            self._claim(number, named.text, named.line)  # the claim only, from another thesis
            self.notes.append(f"copied claim {number}. from another thesis (named by {e.number}.)")
        self._argument(number, e.label, e.parent, e)


# ------------------------------------------------------------------ writing


def to_kialo(m: ArgumentMap) -> str:
    """The map as a current-dialect Kialo export (see the module docstring)."""
    claims = {c.id: c for c in m.claims}
    entries = _entries_under(m)
    numbers: dict[str, str] = {}
    sources: dict[tuple[str, str], int] = {}
    out = [HEADER_NEW, _one_line(m.title) or _one_line(claims[m.thesis].text), ""]

    def cite(cid: str) -> str:
        marks = []
        for ev in claims[cid].evidence:
            key = (ev.source, ev.quote)
            sources.setdefault(key, len(sources) + 1)
            marks.append(f" [{sources[key]}]")
        return "".join(dict.fromkeys(marks))

    def write(number: str, label: str, cid: str, depth: int) -> None:
        indent = "  " * depth
        out.append(f"{indent}{number}. {label}:")
        if cid in numbers:
            out.append(f"{indent}-> See {numbers[cid]}.")
            out.append("")
            return
        numbers[cid] = number
        text = _text_lines(claims[cid].text) + cite(cid)
        out.extend(f"{indent}{line}" if line else "" for line in text.split("\n"))
        out.append("")
        for k, (child_label, child) in enumerate(entries.get(cid, []), 1):
            write(f"{number}.{k}", child_label, child, depth + 1)

    with deep_recursion():
        write("1", "Thesis", m.thesis, 0)
    if sources:
        out.append("Sources:")
        by_id = {s.id: s for s in m.sources}
        for (source, quote), n in sources.items():
            s = by_id.get(source)
            ref = (s.url or s.title or s.id) if s else source
            out.append(f"[{n}] {_one_line(ref)}")
            if quote:  # a line of it that reads `[n] ...` would start another source
                out.append("\n".join(_KEEP_TEXT + line if _SOURCE.match(line) else line for line in f'"{quote}"'.split("\n")))
    return "\n".join(out).rstrip("\n") + "\n"


def _entries_under(m: ArgumentMap) -> dict[str, list[tuple[str, str]]]:
    """claim id -> the (Pro/Con, claim id) entries Kialo shows under it: the premises of
    the arguments on the claim, and the premises of arguments against an argument
    whose first premise it is (Kialo weighs a reason's relevance by the Cons under it,
    so an undercut of "O against T" is a Con of O, not of T)."""
    claim_ids = {c.id for c in m.claims}
    first_premise = {a.id: a.premises[0] for a in m.arguments}
    entries: dict[str, list[tuple[str, str]]] = {}
    for a in m.arguments:
        home = a.target if a.target in claim_ids else first_premise.get(a.target)
        if home is not None:
            label = "Pro" if a.polarity == "support" else "Con"
            entries.setdefault(home, []).extend((label, p) for p in a.premises)
    return entries


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _text_lines(text: str) -> str:
    """A claim's text as entry lines: no blank first line, no line that would read
    as an entry, a `Sources:` line or a `-> See`."""
    lines = [line.strip() for line in text.strip().split("\n")]
    safe = []
    for line in lines:
        if _ENTRY.match(line) or line == "Sources:" or (not safe and line.startswith("->")):
            line = _KEEP_TEXT + line
        safe.append(re.sub(r"\[(?=\d+\])", "[" + _KEEP_TEXT, line))  # a literal [n] is no citation
    return "\n".join(safe)
