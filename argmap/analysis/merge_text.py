"""A map or comparison as lines of text, one item per line, for git's line tools
(`git log -p`, `git show`, `git blame` through the textconv driver). Ids lead each
line, and the order is the file's, so a change shows as the lines of the items it
touched."""

from __future__ import annotations

from argmap.model import ArgumentMap, Comparison


def _one_line(text: str) -> str:
    return " ".join(text.split())


def map_lines(m: ArgumentMap) -> list[str]:
    lines = [f"map: {_one_line(m.title)}", f"thesis: {m.thesis}"]
    lines += [f"{name}: {', '.join(getattr(m, name))}" for name in ("authors", "reconstructs") if getattr(m, name)]
    if m.description:
        lines.append(f"description: {_one_line(m.description)}")
    for c in m.claims:
        mark = " (reconstruction)" if c.reconstruction else ""
        lines.append(f"claim {c.id}{mark}: {_one_line(c.text)}")
        if c.title:
            lines.append(f"claim {c.id} title: {_one_line(c.title)}")
        if c.tags:
            lines.append(f"claim {c.id} tags: {', '.join(c.tags)}")
        if c.note:
            lines.append(f"claim {c.id} note: {_one_line(c.note)}")
        for e in c.evidence:
            where = f" ({_one_line(e.locator)})" if e.locator else ""
            lines.append(f"claim {c.id} evidence {e.source}{where}: {_one_line(e.quote)}".rstrip())
        if c.evaluation:
            ev = c.evaluation
            parts = [p for p in (ev.status, None if ev.confidence is None else f"confidence {ev.confidence:g}",
                                 _one_line(ev.note) or None) if p]
            lines.append(f"claim {c.id} evaluation: {'; '.join(parts)}")
    for a in m.arguments:
        verb = "supports" if a.polarity == "support" else "attacks"
        mark = " (reconstruction)" if a.reconstruction else ""
        extra = f" [{a.scheme}]" if a.scheme else ""
        lines.append(f"argument {a.id}{mark}: {' + '.join(a.premises)} {verb} {a.target}{extra}")
        if a.note:
            lines.append(f"argument {a.id} note: {_one_line(a.note)}")
    for s in m.sources:
        year = f" ({s.year})" if s.year else ""
        lines.append(f"source {s.id}: {'; '.join(s.authors)}{year} {_one_line(s.title)}".rstrip())
    lines += [f"CONFLICT {c.kind} {c.id or ''}: {c.reason}" for c in m.conflicts]
    return lines


def comparison_lines(c: Comparison) -> list[str]:
    lines = [f"comparison: {_one_line(c.title)}", f"left: {c.left}", f"right: {c.right}"]
    if c.description:
        lines.append(f"description: {_one_line(c.description)}")
    lines += [f"link {x.left} {x.kind} {x.right}" + (f": {_one_line(x.note)}" if x.note else "") for x in c.links]
    lines += [f"CONFLICT {x.kind} {x.id or ''}: {x.reason}" for x in c.conflicts]
    return lines
