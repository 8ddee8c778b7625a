"""One map as an argument outline: a single table node, one row per claim.

The comparison diagram draws each map this way, so that two maps and the links
between them fit on one printed page; `argmap render --layout outline` draws one
map this way (`outline_to_dot`), every claim with its whole text, the rows in
page-shaped newspaper columns. The thesis on top, then every argument as a
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

import math

from argmap.analysis.structure import MapIndex
from argmap.model import Argument, ArgumentMap
from argmap.render.map_dot import (
    ROLE_WORDS,
    Features,
    Footnotes,
    footnote_rows,
    graph_header,
    hidden_note,
    legend_entries,
    legend_table,
    paths_to_roots,
    title_label,
)
from argmap.render.text import escape_line, html_lines, shorten, wrap
from argmap.render.themes import Ink, Theme

INDENT = 2  # no-break spaces per level of depth
MAX_INDENT_DEPTH = 30  # levels indented; a chain 4,000 deep made a 241 MB DOT
INDENT_FULL = 5  # the same where rows show whole texts: deeper, to be seen beside long rows
SUFFIX_SLACK = 10  # characters an evidence marker or note may run past the wrap width
# Sizes for choosing the number of columns (see page_columns), in points, measured
# on Graphviz's output at the default 11-point type: a line of text, a character
# (on average), a no-break space, the role column, the gap between columns.
LINE_PT = 13.6
CHAR_PT = 6.1
SPACE_PT = 3.1
ROLE_PT = 64.0
GAP_PT = 24.0


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
        full_text: bool = False,
    ) -> None:
        self.m = m
        self.side = side
        self.full_text = full_text
        self.theme = theme
        self.wrap = wrap
        self.name = name
        self.notes = notes
        self.idx = MapIndex.build(m)
        notes.learn(m)
        self.features = Features()
        self.port: dict[str, str] = {}
        self.shown: set[str] | None = None
        if focus is not None:
            self.shown, self.shown_claims = paths_to_roots(self.idx, focus)
        self._rows: list[str] = []
        self._row_claims: list[str] = []
        # Per row: (depth, lines, text width in points (estimated), starts an argument)
        self.row_sizes: list[tuple[int, int, float, bool]] = []
        self._walk()
        self.node = self.table()

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
            self._claim_row(claim_id, 0, tag, self.theme.thesis, thesis=claim_id == self.m.thesis)
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

    def _claim_row(self, claim_id: str, depth: int, tag: str, ink: Ink, *, thesis: bool = False, repeated: bool = False) -> None:
        t = self.theme
        c = self.idx.claims[claim_id]
        width = self.wrap
        full = thesis or (self.full_text and not repeated)
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
            if c.evidence:
                self.features.evidence = True
                marks = f"[{self.notes.marks(c.evidence)}]"
                suffixes.append((f'<font color="{t.marker}" point-size="{t.fontsize - 2:g}"><b>{marks}</b></font>', len(marks)))
            if self.shown is not None and (note := self._hidden_note(claim_id)):
                suffixes.append(note)
        for html_piece, n in suffixes:
            last, used = lines[-1]
            if used and width > 0 and used + 1 + n > width + SUFFIX_SLACK:
                lines.append((html_piece, n))
            else:
                lines[-1] = (f"{last} {html_piece}" if used else html_piece, used + 1 + n)
        indent = INDENT_FULL if self.full_text else INDENT
        shown = min(depth, MAX_INDENT_DEPTH)  # deeper rows stay there: DOT linear in the map, not its depth squared
        pad = "&#160;" * (indent * shown)
        text = "<br/>".join(pad + h for h, _ in lines)
        i = len(self._rows)
        if not repeated:
            # Links leave the left outline from the text's right edge (port t) and
            # reach the right outline at the role column's left edge (port c).
            self.port[claim_id] = f"{self.name}:{'t' if self.side == 'left' else 'c'}{i}"
        size = t.fontsize + 1 if thesis else t.fontsize
        width_pt = SPACE_PT * indent * shown + CHAR_PT * max(n for _, n in lines)
        self.row_sizes.append((depth, len(lines), width_pt, tag != "AND"))
        self._row_claims.append(claim_id)
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

    def sources_rows(self, columns: int = 1) -> str:
        """The Sources heading and list, as one row spanning the table (the list in
        `columns` side by side); "" without evidence. Entries are cut to one line,
        or wrapped when the outline shows whole texts."""
        entries = self.notes.entries
        if not entries:
            return ""
        t = self.theme
        if self.full_text:
            width, short = (self.wrap + 25 if self.wrap > 0 else 0), 0
        else:
            width, short = 0, (self.wrap + 25 if self.wrap > 0 else 0)
        size = t.fontsize - 2
        if columns == 1:
            span, lists = 2, footnote_rows(entries, t, width, size, shorten_to=short)
        else:
            span, per_column = 2 * columns - 1, -(-len(entries) // columns)
            cells = [
                '<td align="left" valign="top"><table border="0" cellborder="0" cellspacing="0" cellpadding="1">'
                f"{footnote_rows(entries[i : i + per_column], t, width, size, shorten_to=short)}</table></td>"
                for i in range(0, len(entries), per_column)
            ]
            columns, lists = len(cells), f"<tr>{''.join(cells)}</tr>"
        return (
            f'<tr><td colspan="{span}" align="left" cellpadding="6"><table border="0" cellborder="0" cellspacing="0" cellpadding="1">'
            f'<tr><td align="left" colspan="{2 if columns == 1 else columns}"><font point-size="{t.fontsize - 1:g}"><b>Sources</b></font></td></tr>'
            f"{lists}</table></td></tr>"
        )

    def split(self, columns: int) -> list[int]:
        """Where each of `columns` columns starts (row indexes), balancing their
        heights: preferably before a top-level argument, else before any argument."""
        heights = [lines + 0.3 for _, lines, _, _ in self.row_sizes]
        total = sum(heights)
        before = [0.0]
        for h in heights:
            before.append(before[-1] + h)
        top = [i for i, (depth, _, _, new) in enumerate(self.row_sizes) if i and new and depth <= 1]
        any_argument = [i for i, (_, _, _, new) in enumerate(self.row_sizes) if i and new]
        starts = [0]
        for j in range(1, columns):
            goal = total * j / columns
            best = None
            for candidates in (top, any_argument):
                usable = [i for i in candidates if i > starts[-1]]
                if usable:
                    best = min(usable, key=lambda i: (abs(before[i] - goal), i))
                    if abs(before[best] - goal) <= 0.12 * total / columns:
                        break
            if best is None:
                break
            starts.append(best)
        return starts

    def _continued(self, start: int) -> str:
        """A column that starts inside a branch says where: '… continued under A › B'
        (the claims above its first row, below the thesis)."""
        depth = self.row_sizes[start][0]
        chain: list[str] = []
        for i in range(start - 1, -1, -1):
            d = self.row_sizes[i][0]
            if 0 < d < depth:
                c = self.idx.claims[self._row_claims[i]]
                chain.append(shorten(c.title or c.text, 40))
                depth = d
        if not chain:
            return ""
        text = html_lines("\u2026 continued under " + " \u203a ".join(reversed(chain)), self.wrap + SUFFIX_SLACK)
        return (
            f'<tr><td colspan="2" align="left" balign="left" cellpadding="2">'
            f'<font color="{self.theme.muted}" point-size="{self.theme.fontsize - 2:g}"><i>{text}</i></font></td></tr>'
        )

    def table(self, columns: int = 1) -> str:
        """The DOT statement of the outline: one table node, its rows in `columns`
        newspaper columns (see `split`), the sources under them."""
        if columns <= 1:
            return (
                f'{self.name} [label=<<table border="0" cellborder="0" cellspacing="1" cellpadding="0">'
                f"{''.join(self._rows)}{self.sources_rows()}</table>>];"
            )
        starts = self.split(columns) + [len(self._rows)]
        cells = []
        for a, b in zip(starts, starts[1:]):
            if cells:
                cells.append(f'<td width="{GAP_PT:g}"></td>')
            cells.append(
                '<td valign="top"><table border="0" cellborder="0" cellspacing="1" cellpadding="0">'
                f"{self._continued(a)}{''.join(self._rows[a:b])}</table></td>"
            )
        return (
            f'{self.name} [label=<<table border="0" cellborder="0" cellspacing="0" cellpadding="0">'
            f"<tr>{''.join(cells)}</tr>{self.sources_rows(len(starts) - 1)}</table>>];"
        )


# ---------------------------------------------------------------- one map as a page

PAGE_ASPECT = 1.35  # height / width: between A4 (1.41) and Letter (1.29)
# Widest diagram that, printed to fit an A4 page's width (less half-inch margins),
# keeps 11-point type at 6.5 points or more.
PRINT_WIDTH_PT = (8.27 - 1) * 72 * 11 / 6.5
MAX_PRINT_PAGES = 4


def page_columns(outline: Outline, extra_lines: int) -> int:
    """How many columns make the outline page-shaped (about A4/Letter's aspect).

    More columns make the page wider and shorter. While the map fits on at most
    MAX_PRINT_PAGES printed pages, never more columns than a page's width can hold
    legibly (PRINT_WIDTH_PT): a long map then runs over a few pages instead of
    shrinking on one. `extra_lines`: title, legend and sources, in lines.
    """
    if outline.wrap <= 0 or not outline.row_sizes:
        return 1
    lines = sum(n + 0.3 for _, n, _, _ in outline.row_sizes)
    width = ROLE_PT + max(w for _, _, w, _ in outline.row_sizes)

    def size(k: int) -> tuple[float, float]:
        return k * width + (k - 1) * GAP_PT, (lines / k + extra_lines / min(k, 2)) * LINE_PT

    def pages(k: int) -> float:
        w, h = size(k)
        return h * min(1.0, PRINT_WIDTH_PT / w) / ((11.69 - 1) * 72)

    best = min(range(1, 64), key=lambda k: (abs(math.log(size(k)[1] / size(k)[0] / PAGE_ASPECT)), k))
    legible = max(1, int((PRINT_WIDTH_PT + GAP_PT) // (width + GAP_PT)))
    if best > legible and pages(legible) <= MAX_PRINT_PAGES:
        return legible
    return best


def outline_to_dot(m: ArgumentMap, theme: Theme, wrap: int, detail: str) -> str:
    """One map as a page-shaped outline: title, legend, the outline in columns,
    its sources at the bottom. `detail` "full": every claim's title and whole text;
    "short": titles (or the text cut to two lines)."""
    notes = Footnotes(locators=detail == "full")
    outline = Outline(m, theme, wrap, "outline", notes, full_text=detail == "full")
    extra = 8 + len(notes.entries) + sum(len(places) for *_, places in notes.entries)
    columns = page_columns(outline, extra)
    legend = legend_table(legend_entries(theme, outline.features, outline=True), columns=max(2, min(columns, 3)), width=28)
    label = (
        f'<table border="0" cellborder="0" cellspacing="0" cellpadding="2">'
        f"<tr><td>{title_label(m.title or 'Argument map', ', '.join(m.authors), theme, wrap)}</td></tr>"
        f'<tr><td><font point-size="{theme.fontsize - 1:g}">{legend}</font></td></tr></table>'
    )
    lines = graph_header(theme, label)
    lines.append(outline.table(columns) if columns > 1 else outline.node)
    lines.append("}")
    return "\n".join(lines) + "\n"
