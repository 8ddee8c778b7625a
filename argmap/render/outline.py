"""One map as an argument outline: a single table node, one row per claim.

The comparison diagram draws each map this way, so that two maps and the links
between them fit a printed page's width; `argmap render --layout outline` draws one
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
from argmap.render.describe import CELL_LINK, claim_desc, short_name, tip
from argmap.render.map_dot import (
    FIT_FONTSIZE,
    MIN_PRINTED_PT,
    SMALLEST_PT,
    ROLE_WORDS,
    added_tag,
    decisive_mark,
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

# What a row's role word means, for screen readers.
ROW_ROLES = {"and": "Linked co-premise", "undercut": "Undercut (against the inference above)", "claim": "Claim not connected to the thesis"}
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
        sources: bool = True,
        linked: set[str] | None = None,
        order: dict[str, float] | None = None,
        decisive: frozenset[str] = frozenset(),
    ) -> None:
        self.m = m
        self.decisive = decisive  # claim ids to mark (decisive_mark)
        # Comparison sides: claims with a cross-map link get a mark in a cell at the
        # outer edge of their row (port x12), where the link ends; `order`: a sort
        # key per argument id for its place among its siblings (crossing.py).
        self.linked = linked
        self.order = order or {}
        self.row_of: dict[str, int] = {}  # claim id -> its row
        self.sources = sources  # the Sources rows under the outline (else the caller lists them)
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

    @property
    def cells(self) -> int:
        """Cells in a row: role, text, and on a comparison side the link mark."""
        return 2 if self.linked is None else 3

    def _visible(self, a: Argument) -> bool:
        return self.shown is None or a.id in self.shown

    def _siblings(self, node_id: str) -> list[Argument]:
        """The arguments on a claim, in file order or by their `order` key."""
        kids = self.idx.targeting.get(node_id, [])
        if not self.order:
            return kids
        return sorted(kids, key=lambda a: self.order.get(a.id, 0.0))

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
                        for a in reversed(self._siblings(item))
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
        if a.reconstruction:
            self.features.added = True
            word += "</b><br/><b>ADDED"
        for k, p in enumerate(a.premises):
            self._claim_row(p, depth, word if k == 0 else "AND", ink, repeated=p not in new)

    def _claim_row(self, claim_id: str, depth: int, tag: str, ink: Ink, *, thesis: bool = False, repeated: bool = False) -> None:
        t = self.theme
        c = self.idx.claims[claim_id]
        width = self.wrap
        # A comparison side fitted to a page shows its thesis by title, like its other
        # claims: two whole theses side by side would take half the page.
        compact = self.linked is not None and self.theme.fontsize == FIT_FONTSIZE and bool(c.title)
        full = (thesis and not compact) or (self.full_text and not repeated)
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
        if c.reconstruction:
            self.features.added = True
            lines = [(f'<font color="{t.added}">{h}</font>', n) for h, n in lines]
            suffixes.append((added_tag(t), 6))
        if repeated:
            self.features.repeated = True
            lines = [(f"<i>{h}</i>", n) for h, n in lines]
            suffixes.append((f'<font color="{t.muted}" point-size="8">(repeated)</font>', 8))
        else:
            if c.evidence:
                marks, n, real, quoted = self.notes.markers(c.evidence, t, t.fontsize - 2)
                self.features.evidence |= real
                self.features.attribution |= quoted
                suffixes.append((marks, n))
            if claim_id in self.decisive:
                self.features.decisive = True
                suffixes.append((decisive_mark(t), 1))
            if self.shown is not None and (note := self._hidden_note(claim_id)):
                suffixes.append(note)
        for html_piece, n in suffixes:
            last, used = lines[-1]
            if used and width > 0 and used + 1 + n > width + SUFFIX_SLACK:
                lines.append((html_piece, n))
            else:
                lines[-1] = (f"{last} {html_piece}" if used else html_piece, used + 1 + n)
        # Whole texts indent deeper, to be seen beside long rows; less on a page.
        indent = (INDENT_FULL if self.theme.fontsize != FIT_FONTSIZE else INDENT) if self.full_text else INDENT
        shown = min(depth, MAX_INDENT_DEPTH)  # deeper rows stay there: DOT linear in the map, not its depth squared
        pad = "&#160;" * (indent * shown)
        text = "<br/>".join(pad + h for h, _ in lines)
        i = len(self._rows)
        if not repeated:
            self.row_of[claim_id] = i
            # Links end at the row's own edge: the mark cell (port x) at the outer
            # side of a comparison's row; else the text (t) or role (c) cell.
            if self.linked is not None:
                self.port[claim_id] = f"{self.name}:x{i}"
            else:
                self.port[claim_id] = f"{self.name}:{'t' if self.side == 'left' else 'c'}{i}"
        size = t.fontsize + 1 if thesis else t.fontsize
        width_pt = SPACE_PT * indent * shown + CHAR_PT * max(n for _, n in lines)
        self.row_sizes.append((depth, len(lines), width_pt, tag != "AND"))
        self._row_claims.append(claim_id)
        word = tag.split("<", 1)[0].lower()
        words = tip(f"{ROW_ROLES.get(word, word.capitalize())}: {short_name(c)}", claim_desc(self.m, c))
        row = (
            f'<td port="c{i}" bgcolor="{ink.line}" valign="top" cellpadding="2">'
            f'<font color="{ink.header_text}" point-size="8"><b>{tag}</b></font></td>'
            f'<td port="t{i}" align="left" balign="left" valign="top" cellpadding="2"{CELL_LINK} tooltip="{words}">'
            f'<font point-size="{size:g}">{text}</font></td>'
        )
        if self.linked is not None:
            mark = '<font point-size="8">\u25cf</font>' if claim_id in self.linked and not repeated else ""
            cell = f'<td port="x{i}" valign="top" cellpadding="2">{mark}</td>'
            row = row + cell if self.side == "left" else cell + row
        self._rows.append(f"<tr>{row}</tr>")

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
        if not entries or not self.sources:
            return ""
        t = self.theme
        if self.full_text:
            width, short = (self.wrap + 25 if self.wrap > 0 else 0), 0
        else:
            width, short = 0, (self.wrap + 25 if self.wrap > 0 else 0)
        size = t.fontsize - 2
        if columns == 1:
            span, lists = self.cells, footnote_rows(entries, t, width, size, shorten_to=short, reconstructed=self.notes.reconstructed)
        else:
            span, per_column = (self.cells + 1) * columns - 1, -(-len(entries) // columns)
            cells = [
                '<td align="left" valign="top"><table border="0" cellborder="0" cellspacing="0" cellpadding="1">'
                f"{footnote_rows(entries[i : i + per_column], t, width, size, shorten_to=short, reconstructed=self.notes.reconstructed)}</table></td>"
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
            f'<tr><td colspan="{self.cells}" align="left" balign="left" cellpadding="2">'
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


def page_columns(outline: Outline, extra_lines: int, fit: float | None = None) -> int:
    """How many columns make the outline page-shaped (about A4/Letter's aspect).

    More columns make the page wider and shorter. While the map fits on at most
    MAX_PRINT_PAGES printed pages, never more columns than a page's width can hold
    legibly (PRINT_WIDTH_PT, or `fit`: the width of a fitted figure): a long map
    then runs over a few pages instead of shrinking on one. `extra_lines`: title,
    legend and sources, in lines.
    """
    if outline.wrap <= 0 or not outline.row_sizes:
        return 1
    scale = outline.theme.fontsize / 11
    lines = sum(n + 0.3 for _, n, _, _ in outline.row_sizes)
    width = scale * (ROLE_PT + max(w for _, _, w, _ in outline.row_sizes))
    gap = GAP_PT
    print_width = fit or PRINT_WIDTH_PT

    def size(k: int) -> tuple[float, float]:
        return k * width + (k - 1) * gap, (lines / k + extra_lines / min(k, 2)) * LINE_PT * scale

    def pages(k: int) -> float:
        w, h = size(k)
        return h * min(1.0, print_width / w) / ((11.69 - 1) * 72)

    best = min(range(1, 64), key=lambda k: (abs(math.log(size(k)[1] / size(k)[0] / PAGE_ASPECT)), k))
    legible = max(1, int((print_width + gap) // (width + gap)))
    if best > legible and (fit or pages(legible) <= MAX_PRINT_PAGES):
        return legible
    return best


def outline_to_dot(
    m: ArgumentMap, theme: Theme, wrap: int, detail: str, fit: float | None = None, columns: int | None = None,
    decisive: frozenset[str] = frozenset(),
) -> str:
    """One map as a page-shaped outline: title, legend, the outline in columns,
    its sources at the bottom. `detail` "full": every claim's title and whole text;
    "short": titles (or the text cut to two lines). `fit`: as wide as that many
    points at most, legend and sources under the outline. `columns`: this many
    columns, not as many as make the page's shape."""
    from argmap.render.map_dot import bottom_block, map_tip

    notes = Footnotes(locators=detail == "full")
    outline = Outline(m, theme, wrap, "outline", notes, full_text=detail == "full", sources=not fit, decisive=decisive)
    extra = 8 + len(notes.entries) + sum(len(places) for *_, places in notes.entries)
    if columns is None:
        columns = page_columns(outline, extra, fit and fit * SMALLEST_PT / MIN_PRINTED_PT)
    title = title_label(m.title or "Argument map", ", ".join(m.authors), theme, wrap, fit)
    tooltip = f' tooltip="{map_tip(m)}"'
    if fit:
        # Title on top; legend and sources under the outline, left-aligned with it.
        entries = legend_entries(theme, outline.features, outline=True)
        lines = graph_header(theme, bottom_block(theme, entries, notes, fit), extra=" ranksep=0.2" + tooltip, label_at="b")
        lines.append(f'title [label=<{title}> tooltip="Title"];')
        lines.append(outline.table(columns) if columns > 1 else outline.node)
        lines.append("title -> outline [style=invis]")
        lines.append("}")
        return "\n".join(lines) + "\n"
    legend = legend_table(legend_entries(theme, outline.features, outline=True), columns=max(2, min(columns, 3)), width=28)
    label = (
        f'<table border="0" cellborder="0" cellspacing="0" cellpadding="2">'
        f"<tr><td>{title}</td></tr>"
        f'<tr><td><font point-size="{theme.fontsize - 1:g}">{legend}</font></td></tr></table>'
    )
    lines = graph_header(theme, label, extra=" ranksep=0.45" + tooltip)
    lines.append(outline.table(columns) if columns > 1 else outline.node)
    lines.append("}")
    return "\n".join(lines) + "\n"
