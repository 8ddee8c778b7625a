"""Comparison -> DOT source: two theses side by side, cross-map links between them.

Each map sits in its own cluster, headed by the map's title, authors and counts
(claims, arguments, evidence coverage) and, for a comparison, its thesis's verdict
alone and judged together (judged.py). Cross-map links join the two clusters,
styled by kind (`same`: double line; `contradicts`: bold dashed line with bars at
both ends; `shared-evidence`: dotted line) and explained in the legend; they do not
constrain the layout (`constraint=false`), so the maps keep their own shape.

Two layouts:

- "outline" (default): each map as an argument outline (see `outline.py`), the two
  outlines side by side with the links across the gap between them, each side
  ordered to cross few links (crossing.py). Made to be printed (fit.py).
- "trees": each map as its box-and-arrow diagram (see `map_dot.py`), side by side.
  Large; for screens.

And three levels of detail: "focus" (default) shows of each map only the claims
that take part in a link and the arguments from them up to the thesis, with a note
of what is left out; "short" every claim, by title; "full" every claim with its
whole text (trees). Pure and deterministic, like `map_to_dot`.
"""

from __future__ import annotations

from typing import NamedTuple

from argmap.analysis.metrics import evidence_coverage
from argmap.gcpause import collector_paused
from argmap.model import ArgumentMap, Comparison
from argmap.analysis.structure import MapIndex
from argmap.render.describe import long_description, tip
from argmap.render.map_dot import (
    FIT_FONTSIZE,
    decisive_claims,
    Features,
    chars_in,
    print_theme,
    Footnotes,
    MapBody,
    TreeShape,
    graph_header,
    legend_cluster,
    legend_entries,
    legend_table,
    sources_node,
    title_label,
)
from argmap.render.outline import Outline
from argmap.render.text import html_lines, lead
from argmap.render.themes import LINK_STROKES, Theme, get_theme

LINK_KINDS = ("same", "contradicts", "shared-evidence")
LAYOUTS = ("outline", "trees")
DETAILS = ("focus", "short", "full")


def _side_header(side: str, m: ArgumentMap, theme: Theme, wrap: int, verdict: str = "") -> str:
    fitted = theme.fontsize == FIT_FONTSIZE  # on a page: narrow, the counts on two lines
    width = 0 if wrap <= 0 else max(20 if fitted else 40, int(wrap * 1.5))
    title = html_lines(m.title or m.claim(m.thesis).text, width)
    label = f'<font point-size="{theme.fontsize - 2:g}" color="{theme.muted}"><b>{side}</b></font><br/><b>{title}</b>'
    if m.authors:
        label += f'<br/><font color="{theme.muted}">{html_lines(", ".join(m.authors), width)}</font>'
    coverage = round(100 * evidence_coverage(m))
    joint = "<br/>" if fitted else " \u00b7 "
    counts = (
        f"{len(m.claims)} claim{'s' * (len(m.claims) != 1)} \u00b7 "
        f"{len(m.arguments)} argument{'s' * (len(m.arguments) != 1)}"
        f"{joint}evidence on {coverage}% of claims"
    )
    label += f'<br/><font point-size="{theme.fontsize - 1:g}">{counts}</font>'
    if verdict:
        # Two short lines (alone; judged together), each kept whole.
        label += f'<br/><font point-size="{theme.fontsize - 1:g}"><b>{html_lines(verdict, 0)}</b></font>'
    return label


def _cluster(side: str, key: str, m: ArgumentMap, theme: Theme, wrap: int, body: list[str], verdict: str = "") -> list[str]:
    return [
        f"subgraph cluster_{key} {{",
        f'graph [label=<{_side_header(side, m, theme, wrap, verdict)}> labelloc=t labeljust=c fontsize={theme.fontsize + 2:g} '
        f'color="{theme.cluster_line}" bgcolor="{theme.cluster_fill}" style="rounded" penwidth=1.2 '
        f"margin={4 if theme.fontsize == FIT_FONTSIZE else 10}];",
        *body,
        "}",
    ]


def _tree_side(
    side: str, key: str, m: ArgumentMap, theme: Theme, wrap: int, notes: Footnotes, short: bool, focus: set[str] | None,
    fit: float | None = None, decisive: frozenset[str] = frozenset(), verdict: str = "",
) -> tuple[MapBody, list[str]]:
    # Fitted: each tree folded to half the width (see TreeShape).
    shape = TreeShape(stack_min_cells=2, fold_pt=fit / 2, rows_pt=fit / 2, char_pt=0.55 * theme.fontsize) if fit else None
    body = MapBody(m, theme, wrap, key, notes, short=short, focus=focus, shape=shape, decisive=decisive)
    lines = body.nodes + body.edges
    if notes.entries:
        name = f"{key}sources"
        lines.append(sources_node(name, notes, theme, wrap))
        # Hang the list under everything so it sits at the bottom of the cluster.
        lines += [f"{sink} -> {name} [style=invis weight=0]" for sink in body.sinks]
    return body, _cluster(side, key, m, theme, wrap, lines, verdict)


def _link_look(kind: str, theme: Theme) -> str:
    stroke = LINK_STROKES[kind]
    color = theme.links[kind]
    if stroke.double:
        color = f"{color}:invis:{color}"
    ends = "dir=none" if stroke.ends == "none" else f"dir=both arrowhead={stroke.ends} arrowtail={stroke.ends}"
    return f'color="{color}" style={stroke.style} penwidth={stroke.penwidth} {ends} constraint=false'


DESCRIPTION_CHARS = 240


def _titles(c: Comparison | None, left: ArgumentMap, right: ArgumentMap, counts: list[int]) -> tuple[str, str]:
    """The diagram's title and subtitle (the description, then the links by kind)."""
    title = (c.title if c is not None else "") or f"{left.title or 'Left map'} \u2194 {right.title or 'Right map'}"
    # The description's lead only: the whole of it is in the SVG's long description.
    subtitle = lead(c.description, DESCRIPTION_CHARS) if c is not None else ""
    total = sum(counts)
    if total:
        summary = ", ".join(f"{n} {kind.replace('-', ' ')}" for n, kind in zip(counts, LINK_KINDS) if n)
        subtitle = f"{subtitle}\n{total} cross-map link{'s' * (total != 1)}: {summary}".strip()
    return title, subtitle


def comparison_description(c: Comparison | None, left: ArgumentMap, right: ArgumentMap) -> str:
    """For screen readers: both maps in reading order, then the links."""
    text = f"Left: {long_description(left, 5000)} Right: {long_description(right, 5000)}"
    if c is not None and c.description.strip():
        text = f"{' '.join(c.description.split())} {text}"
    if c is not None and c.links:
        names = {x.id: x.title or x.text for m in (left, right) for x in m.claims}
        text += " Links: " + " ".join(
            f"\u201c{names.get(x.left, x.left)}\u201d {x.kind.replace('-', ' ')} \u201c{names.get(x.right, x.right)}\u201d."
            for x in c.links
        )
    return text


def link_crossings(c: Comparison, left: ArgumentMap, right: ArgumentMap, detail: str = "focus") -> tuple[int, int]:
    """Crossings of the comparison outline's links with the maps in file order,
    and in the order the diagram draws them."""
    sides = _Sides(left, right, get_theme("default"), 40, detail, c.links, "outline")
    _, before, after = sides.order()
    return before, after


class _Body(NamedTuple):
    """The DOT lines so far, and where the links attach on each side: claim id ->
    node or port, and the port's side (":e", ":w" or "")."""

    lines: list[str]
    left_anchor: dict[str, str]
    right_anchor: dict[str, str]
    left_side: str
    right_side: str


class _Sides:
    """The two maps of a comparison as DOT, in one of the two layouts."""

    def __init__(
        self, left: ArgumentMap, right: ArgumentMap, t: Theme, wrap: int, detail: str, links, layout: str,
        fit: float | None = None,
    ) -> None:
        self.left, self.right, self.t, self.wrap, self.fit = left, right, t, wrap, fit
        self.links = [(x.left, x.right) for x in links]
        focused = detail == "focus" and bool(links)
        self.left_focus = {x.left for x in links} if focused else None
        self.right_focus = {x.right for x in links} if focused else None
        self.short = detail != "full"
        # Per side: claims marked decisive, and the header's verdict line (judged.py).
        self.decisive: dict[str, frozenset[str]] = {"left": frozenset(), "right": frozenset()}
        self.verdicts: dict[str, str] = {"left": "", "right": ""}
        # One number per source; the places cited only where whole texts are shown.
        self.left_notes = Footnotes(locators=not self.short and layout == "trees")
        self.right_notes = Footnotes(locators=self.left_notes.locators)
        self.features = Features()

    def _outlines(self, notes: tuple[Footnotes, Footnotes], orders=(None, None)) -> tuple[Outline, Outline]:
        t, wrap, left, right = self.t, self.wrap, self.left, self.right
        linked = ({a for a, _ in self.links}, {b for _, b in self.links})
        left_part = Outline(
            left, t, wrap, "lpanel", notes[0], self.left_focus, linked=linked[0], order=orders[0], decisive=self.decisive["left"]
        )
        notes[1].next = notes[0].next
        right_part = Outline(
            right, t, wrap, "rpanel", notes[1], self.right_focus, side="right", linked=linked[1], order=orders[1],
            decisive=self.decisive["right"],
        )
        return left_part, right_part

    def order(self) -> tuple[tuple[dict | None, dict | None], int, int]:
        """Sibling order keys for both outlines with the fewest crossing links
        (crossing.py), and the crossings in file order and after."""
        from argmap.render.crossing import minimise

        def build(lkeys, rkeys):
            sides = self._outlines((Footnotes(locators=False), Footnotes(locators=False)), (lkeys, rkeys))
            return sides[0].row_of, sides[1].row_of

        if not self.links:
            return (None, None), 0, 0
        lkeys, rkeys, before, after = minimise(self.links, MapIndex.build(self.left), MapIndex.build(self.right), build)
        return (lkeys, rkeys), before, after

    def outline(self, title: str, subtitle: str, kinds: list[str]) -> _Body:
        t, wrap, left, right, fit = self.t, self.wrap, self.left, self.right, self.fit
        orders, self.crossings_before, self.crossings_after = self.order()
        left_part, right_part = self._outlines((self.left_notes, self.right_notes), orders)
        self.features.merge(left_part.features)
        self.features.merge(right_part.features)
        # The legend goes under the title, across the page; links are straight
        # lines across the gap between the two outlines.
        columns, width = 3, 28
        if fit:
            columns = max(1, min(3, int(fit // 220)))
            width = chars_in(fit / columns - 100, t, t.fontsize - 1)  # keys are up to ~85 pt wide
        legend = legend_table(legend_entries(t, self.features, kinds, outline=True), columns=columns, width=width)
        label = (
            f'<table border="0" cellborder="0" cellspacing="0" cellpadding="2"><tr><td>{title_label(title, subtitle, t, wrap, fit)}</td></tr>'
            f'<tr><td><font point-size="{t.fontsize - 1:g}">{legend}</font></td></tr></table>'
        )
        gap = 0.6 if fit else 1.3
        lines = graph_header(t, label, rankdir="LR", extra=f" ranksep={gap} splines=line" + self.tooltip)
        lines += _cluster("LEFT", "l", left, t, wrap, [left_part.node], self.verdicts["left"])
        lines += _cluster("RIGHT", "r", right, t, wrap, [right_part.node], self.verdicts["right"])
        # Thesis row to thesis row: keeps the two outlines side by side, tops level.
        lines.append(
            f"{left_part.name}:t{left_part.row_of[left.thesis]}:e -> {right_part.name}:c{right_part.row_of[right.thesis]}:w "
            "[style=invis weight=100]"
        )
        return _Body(lines, left_part.port, right_part.port, ":e", ":w")

    def trees(self, title: str, subtitle: str, kinds: list[str]) -> _Body:
        t, wrap = self.t, self.wrap
        left_part, left_lines = _tree_side(
            "LEFT", "l", self.left, t, wrap, self.left_notes, self.short, self.left_focus, self.fit,
            self.decisive["left"], self.verdicts["left"],
        )
        self.right_notes.next = self.left_notes.next
        right_part, right_lines = _tree_side(
            "RIGHT", "r", self.right, t, wrap, self.right_notes, self.short, self.right_focus, self.fit,
            self.decisive["right"], self.verdicts["right"],
        )
        lines = graph_header(t, title_label(title, subtitle, t, wrap, self.fit), extra=" ranksep=0.45" + self.tooltip)
        lines += left_lines + right_lines
        self.features.merge(left_part.features)
        self.features.merge(right_part.features)
        lines += legend_cluster("legend", t, self.features, kinds)
        return _Body(lines, left_part.anchor, right_part.anchor, "", "")


@collector_paused()
def comparison_to_dot(
    c: Comparison | None,
    left: ArgumentMap,
    right: ArgumentMap,
    *,
    theme: str = "default",
    wrap: int = 40,
    layout: str = "outline",
    detail: str = "focus",
    fit: float | None = None,
    decisive: bool = False,
) -> str:
    """The DOT source of a comparison diagram; `c` None: the two maps, no links.

    `layout` "outline" (for print) or "trees"; `detail` "focus" (only what
    leads to a link; everything when there are no links), "short" (every claim,
    by title) or "full" (every claim, whole text; for "outline" the same as short).
    With a comparison, each side's header gives its thesis's verdict alone and
    judged together with the other, and the subtitle says why (judged.py);
    `decisive`: mark the claims that decide either verdict judged together (for
    two maps without a comparison, each map's own).
    """
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}, not {layout!r}")
    if detail not in DETAILS:
        raise ValueError(f"detail must be one of {DETAILS}, not {detail!r}")
    t = get_theme(theme)
    if fit:
        t = print_theme(t)
    links = c.links if c is not None else []
    counts = [sum(1 for link in links if link.kind == kind) for kind in LINK_KINDS]
    kinds = [kind for kind, n in zip(LINK_KINDS, counts) if n]
    title, subtitle = _titles(c, left, right, counts)
    sides = _Sides(left, right, t, wrap, detail, links, layout, fit)
    description = comparison_description(c, left, right)
    if c is not None:
        from argmap.render.judged import judge

        judged = judge(c, left, right, decisive=decisive)
        subtitle = f"{subtitle}\n{judged.sentence}".strip()
        description = f"{judged.sentence} {description}"
        sides.verdicts = {side: judged.line(side) for side in sides.verdicts}
        sides.decisive = judged.decisive
    elif decisive:
        sides.decisive = {"left": decisive_claims(left), "right": decisive_claims(right)}
    sides.tooltip = f' tooltip="{tip(title, description)}"'
    body = sides.outline(title, subtitle, kinds) if layout == "outline" else sides.trees(title, subtitle, kinds)
    lines = body.lines
    looks = {kind: _link_look(kind, t) for kind in kinds}
    for link in links:
        lines.append(
            f"{body.left_anchor[link.left]}{body.left_side} -> {body.right_anchor[link.right]}{body.right_side} [{looks[link.kind]}]"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"
