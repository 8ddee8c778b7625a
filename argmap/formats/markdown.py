"""argmap map -> a Markdown outline to paste into a paper: the thesis, numbered
reasons and objections nested under what they bear on (rebuttals and undercuts
below the objection they answer), evidence as footnotes, and the claims that do not
bear on the thesis at the end."""

from __future__ import annotations

import re

from argmap.analysis.structure import MapIndex
from argmap.model import Argument, ArgumentMap, Claim, Source
from argmap.catalogue import shown_name

_SPECIAL = set("\\`*_[]<>|")


def md_escape(text: str) -> str:
    text = " ".join(text.split())
    return "".join("\\" + ch if ch in _SPECIAL else ch for ch in text)


MAX_INDENT = 12  # list levels; deeper items stay at this indentation
_LINKABLE = re.compile(r"(?:https?://|mailto:)[^\s<>\x00-\x1f\x7f-\x9f]+", re.IGNORECASE)


def md_url(url: str) -> str:
    """A source's URL: a link only for http(s) and mailto (a `javascript:` URL must
    not become one); anything else, or with spaces or angle brackets (which would
    end the link and let the rest through as HTML), is shown as escaped text."""
    return f"<{url}>" if _LINKABLE.fullmatch(url) else md_escape(url)


def _source_text(s: Source | None, source_id: str) -> str:
    if s is None:
        return md_escape(source_id)
    parts = []
    if s.authors:
        parts.append(md_escape(", ".join(s.authors)) + (f" ({s.year})" if s.year else ""))
    elif s.year:
        parts.append(f"({s.year})")
    if s.title:
        parts.append(f"*{md_escape(s.title)}*")
    if s.venue:
        parts.append(md_escape(s.venue))
    if s.url:
        parts.append(md_url(s.url))
    out = ""
    for part in parts:
        if out:
            out += " " if out.rstrip("*").endswith((".", "?", "!")) else ". "
        out += part
    return out or md_escape(s.id)


class _Writer:
    def __init__(self, m: ArgumentMap) -> None:
        self.m = m
        self.idx = MapIndex.build(m)
        self.sources = {s.id: s for s in m.sources}
        self.footnotes: list[str] = []
        self.noted: dict[str, str] = {}  # claim id -> its footnote markers
        self.seen: set[str] = set()
        self.shown_claims: set[str] = set()

    def claim(self, c: Claim) -> str:
        self.shown_claims.add(c.id)
        if c.id not in self.noted:
            markers = []
            for ev in c.evidence:
                n = len(self.footnotes) + 1
                note = _source_text(self.sources.get(ev.source), ev.source)
                if ev.locator:
                    note += f", {md_escape(ev.locator)}"
                if ev.quote:
                    note += f": \u201c{md_escape(ev.quote)}\u201d"
                self.footnotes.append(f"[^{n}]: {note}")
                markers.append(f"[^{n}]")
            self.noted[c.id] = "".join(markers)
        return md_escape(c.text) + self.noted[c.id]

    def argument_line(self, a: Argument) -> str:
        premises = [self.claim(self.idx.claims[p]) for p in a.premises]
        text = premises[0] if len(premises) == 1 else " *and* ".join(premises)
        if a.scheme:
            text += f" *({md_escape(shown_name(a.scheme))})*"
        return text

    def children(self, a: Argument) -> list[Argument]:
        out = list(self.idx.children(a.id))
        for p in a.premises:
            out.extend(self.idx.children(p))
        return [x for x in out if x.id not in self.seen]

    def items(self, arguments: list[Argument], depth: int, labelled: bool) -> list[str]:
        """The numbered outline under `arguments`, depth first, without recursion (a
        chain 20,000 deep is fine); indentation stops growing at MAX_INDENT levels,
        so the text grows with the map, not with the square of its depth."""
        lines: list[str] = []
        stack = [(iter(arguments), depth, labelled, [0])]
        while stack:
            todo, level, labelled, number = stack[-1]
            a = next(todo, None)
            if a is None:
                stack.pop()
                continue
            if a.id in self.seen:
                continue
            self.seen.add(a.id)
            number[0] += 1
            indent = "   " * min(level, MAX_INDENT)
            label = ""
            if labelled:
                role = "Undercut" if self.idx.is_undercut(a) else self.idx.role(a).capitalize()
                label = f"*{role}:* "
            lines.append(f"{indent}{number[0]}. {label}{self.argument_line(a)}")
            if a.note:
                lines.append(f"{indent}   {md_escape(a.note)}")
            stack.append((iter(self.children(a)), level + 1, True, [0]))
        return lines

    def write(self) -> str:
        m = self.m
        thesis = self.idx.claims[m.thesis]
        out = [f"# {md_escape(m.title or thesis.text)}", ""]
        if m.authors:
            out += [md_escape(", ".join(m.authors)), ""]
        if m.description:
            out += [md_escape(m.description), ""]
        out += [f"**Thesis:** {self.claim(thesis)}", ""]
        top = self.idx.children(m.thesis)
        for title, polarity in (("Reasons", "support"), ("Objections", "attack")):
            group = [a for a in top if a.polarity == polarity]
            if group:
                out += [f"## {title}", ""] + self.items(group, 0, False) + [""]
        rest = [c for c in m.claims if c.id not in self.shown_claims]
        if rest:
            out += ["## Other claims", ""]
            for c in rest:
                out.append(f"- {self.claim(c)}")
            out.append("")
        if self.footnotes:
            out += self.footnotes + [""]
        return "\n".join(out)


def to_markdown(m: ArgumentMap) -> str:
    return _Writer(m).write()
