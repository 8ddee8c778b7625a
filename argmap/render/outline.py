"""One map as an argument outline: a single table node, one row per claim.

The comparison diagram draws each map this way, so that two maps and the links
between them fit on one printed page: the thesis on top, then every argument as a
row (or a group of rows for linked co-premises) indented under the claim it bears
on, headed by its role word in the role's colour (REASON, OBJECTION, REBUTTAL;
AND for a further co-premise; UNDERCUT, indented under the argument whose
inference it attacks). Claims show their title (or their text cut to two lines),
evidence markers [n] resolved in the panel's Sources rows, and in a focused view
a note of the arguments left out. Cross-map links attach to each claim's row:
on the left outline at its text cell's right edge, on the right outline at its
role cell's left edge, so the links run across the gap between the two.
"""

from __future__ import annotations

from argmap.analysis.structure import MapIndex
from argmap.model import Argument, ArgumentMap
from argmap.render.map_dot import (
    ROLE_WORDS,
    Features,
    Footnotes,
    footnote_rows,
    hidden_note,
    paths_to_roots,
)
from argmap.render.text import escape_line, shorten, wrap
from argmap.render.themes import Ink, Theme

INDENT = 2  # no-break spaces per level of depth
SUFFIX_SLACK = 10  # characters an evidence marker or note may run past the wrap width


class Outline:
    """After construction: `node` (the DOT statement of the panel), `port` (claim
    id -> `name:t12`, the row's text cell, on the left side; `name:c12`, its role
    cell, on the right side), `features` (for the legend)."""

    def __init__(
        self,
        m: ArgumentMap,
        theme: Theme,
        wrap: int,
        name: str,
        notes: Footnotes,
        focus: set[str] | None = None,
        side: str = "left",
    ) -> None:
        self.m = m
        self.side = side
        self.theme = theme
        self.wrap = wrap
        self.name = name
        self.notes = notes
        self.idx = MapIndex.build(m)
        self.sources = {s.id: s for s in m.sources}
        self.features = Features()
        self.port: dict[str, str] = {}
        self.shown: set[str] | None = None
        if focus is not None:
            self.shown, self.shown_claims = paths_to_roots(self.idx, focus)
        self._rows: list[str] = []
        self._walk()
        self.node = self._node()

    def _visible(self, a: Argument) -> bool:
        return self.shown is None or a.id in self.shown

    # -- order: depth-first from the thesis, file order among siblings

    def _walk(self) -> None:
        idx = self.idx
        placed: set[str] = set()
        done: set[str] = set()
        # Work items: ("children", claim, depth) lists a claim's arguments;
        # ("argument", id, depth) draws one argument and queues what hangs under it.
        stack: list[tuple[str, str, int]] = []

        def run() -> None:
            while stack:
                kind, item, depth = stack.pop()
                if kind == "children":
                    stack.extend(
                        ("argument", a.id, depth)
                        for a in reversed(idx.targeting.get(item, []))
                        if self._visible(a) and a.id not in done
                    )
                elif item not in done:
                    done.add(item)
                    a = idx.arguments[item]
                    new = [p for p in a.premises if p not in placed]
                    placed.update(new)
                    self._argument_rows(a, depth, set(new))
                    later = [("argument", u.id, depth + 1) for u in idx.targeting.get(a.id, []) if self._visible(u)]
                    later += [("children", p, depth + 1) for p in new]
                    stack.extend(reversed(later))

        def root(claim_id: str, tag: str) -> None:
            placed.add(claim_id)
            self._claim_row(claim_id, 0, tag, self.theme.thesis, full=claim_id == self.m.thesis)
            stack.append(("children", claim_id, 1))
            run()

        root(self.m.thesis, "THESIS")
        for c in self.m.claims:
            if c.id not in placed and c.id not in idx.used_in:
                if self.shown is None or c.id in self.shown_claims:
                    self.features.unconnected = True
                    root(c.id, "CLAIM")
        for a in self.m.arguments:  # reachable only through a cycle
            if a.id not in done and self._visible(a):
                stack.append(("argument", a.id, 1))
                run()

    # -- rows

    def _argument_rows(self, a: Argument, depth: int, new: set[str]) -> None:
        role = self.idx.role(a)
        self.features.roles.add(role)
        ink = self.theme.roles[role]
        if a.target in self.idx.arguments:
            self.features.undercut = True
            word = "UNDERCUT"
        else:
            word = ROLE_WORDS[role]
        if len(a.premises) > 1:
            self.features.linked = True
        for k, p in enumerate(a.premises):
            self._claim_row(p, depth, word if k == 0 else "AND", ink, repeated=p not in new)

    def _claim_row(self, claim_id: str, depth: int, tag: str, ink: Ink, *, full: bool = False, repeated: bool = False) -> None:
        t = self.theme
        c = self.idx.claims[claim_id]
        width = self.wrap
        # Lines as (html, length in characters), wrapped and escaped here so that the
        # evidence marker and the note can go on the last line only when they fit.
        lines: list[tuple[str, int]] = []
        if c.title:
            lines += [(f"<b>{escape_line(x)}</b>", len(x)) for x in wrap(c.title, width)]
        if full:
            lines += [(escape_line(x), len(x)) for x in wrap(c.text, width)]
        elif not c.title:
            lines += [(escape_line(x), len(x)) for x in wrap(shorten(c.text, 2 * width), width)]
        if not lines:
            lines = [("", 0)]
        suffixes: list[tuple[str, int]] = []
        if repeated:
            self.features.repeated = True
            lines = [(f"<i>{h}</i>", n) for h, n in lines]
            suffixes.append((f'<font color="{t.muted}" point-size="8">(repeated)</font>', 8))
        else:
            numbers: list[int] = []
            for ev in c.evidence:
                n = self.notes.cite(self.sources, ev)
                if n not in numbers:
                    numbers.append(n)
            if numbers:
                self.features.evidence = True
                marks = f"[{', '.join(map(str, numbers))}]"
                suffixes.append((f'<font color="{t.marker}" point-size="{t.fontsize - 2:g}"><b>{marks}</b></font>', len(marks)))
            if self.shown is not None and (note := self._hidden_note(claim_id)):
                suffixes.append(note)
        for html_piece, n in suffixes:
            last, used = lines[-1]
            if used and width > 0 and used + 1 + n > width + SUFFIX_SLACK:
                lines.append((html_piece, n))
            else:
                lines[-1] = (f"{last} {html_piece}" if used else html_piece, used + 1 + n)
        pad = "&#160;" * (INDENT * depth)
        text = "<br/>".join(pad + h for h, _ in lines)
        i = len(self._rows)
        if not repeated:
            # Links leave the left outline from the text's right edge (port t) and
            # reach the right outline at the role column's left edge (port c).
            self.port[claim_id] = f"{self.name}:{'t' if self.side == 'left' else 'c'}{i}"
        size = t.fontsize + 1 if full else t.fontsize
        self._rows.append(
            f'<tr><td port="c{i}" bgcolor="{ink.line}" valign="top" cellpadding="2">'
            f'<font color="{ink.header_text}" point-size="8"><b>{tag}</b></font></td>'
            f'<td port="t{i}" align="left" balign="left" valign="top" cellpadding="2">'
            f'<font point-size="{size:g}">{text}</font></td></tr>'
        )

    def _hidden_note(self, claim_id: str) -> tuple[str, int] | None:
        note = hidden_note(self.idx, self.shown, claim_id)
        if not note:
            return None
        self.features.hidden = True
        # Small type: counts as fewer characters of the line.
        return f'<font color="{self.theme.muted}" point-size="8">(+{note})</font>', (len(note) + 3) * 3 // 4

    def _node(self) -> str:
        rows = "".join(self._rows)
        if self.notes.entries:
            # One line per source: shortened, not wrapped.
            short = self.wrap + 25 if self.wrap > 0 else 0
            sources = footnote_rows(self.notes.entries, self.theme, 0, self.theme.fontsize - 2, shorten_to=short)
            rows += (
                '<tr><td colspan="2" align="left" cellpadding="6"><table border="0" cellborder="0" cellspacing="0" cellpadding="1">'
                f'<tr><td align="left" colspan="2"><font point-size="{self.theme.fontsize - 1:g}"><b>Sources</b></font></td></tr>'
                f"{sources}</table></td></tr>"
            )
        return (
            f'{self.name} [label=<<table border="0" cellborder="0" cellspacing="1" cellpadding="0">{rows}</table>>];'
        )
