"""Comparison -> DOT source: two theses side by side, cross-map links between them.

Each map sits in its own cluster, headed by the map's title, authors and counts
(claims, arguments, evidence coverage). Cross-map links join the two clusters,
styled by kind (`same`: double line; `contradicts`: bold dashed line with bars at
both ends; `shared-evidence`: dotted line) and explained in the legend; they do not
constrain the layout (`constraint=false`), so the maps keep their own shape.

Two layouts:

- "outline" (default): each map as an argument outline (see `outline.py`), the two
  outlines side by side with the links across the gap between them. Made to be
  read on one printed page.
- "trees": each map as its box-and-arrow diagram (see `map_dot.py`), side by side.
  Large; for screens.

And three levels of detail: "focus" (default) shows of each map only the claims
that take part in a link and the arguments from them up to the thesis, with a note
of what is left out; "short" every claim, by title; "full" every claim with its
whole text (trees). Pure and deterministic, like `map_to_dot`.
"""

from __future__ import annotations

from argmap.analysis.metrics import evidence_coverage
from argmap.model import ArgumentMap, Comparison
from argmap.render.map_dot import (
    Features,
    Footnotes,
    MapBody,
    graph_header,
    legend_cluster,
    legend_entries,
    legend_table,
    sources_node,
    title_label,
    without_gc,
)
from argmap.render.outline import Outline
from argmap.render.text import html_lines
from argmap.render.themes import LINK_STROKES, Theme, get_theme

LINK_KINDS = ("same", "contradicts", "shared-evidence")
LAYOUTS = ("outline", "trees")
DETAILS = ("focus", "short", "full")


def _side_header(side: str, m: ArgumentMap, theme: Theme, wrap: int) -> str:
    width = 0 if wrap <= 0 else max(40, int(wrap * 1.5))
    title = html_lines(m.title or m.claim(m.thesis).text, width)
    label = f'<font point-size="{theme.fontsize - 2:g}" color="{theme.muted}"><b>{side}</b></font><br/><b>{title}</b>'
    if m.authors:
        label += f'<br/><font color="{theme.muted}">{html_lines(", ".join(m.authors), width)}</font>'
    coverage = round(100 * evidence_coverage(m))
    counts = (
        f"{len(m.claims)} claim{'s' * (len(m.claims) != 1)} \u00b7 "
        f"{len(m.arguments)} argument{'s' * (len(m.arguments) != 1)} \u00b7 "
        f"evidence on {coverage}% of claims"
    )
    label += f'<br/><font point-size="{theme.fontsize - 1:g}">{counts}</font>'
    return label


def _cluster(side: str, key: str, m: ArgumentMap, theme: Theme, wrap: int, body: list[str]) -> list[str]:
    return [
        f"subgraph cluster_{key} {{",
        f'graph [label=<{_side_header(side, m, theme, wrap)}> labelloc=t labeljust=c fontsize={theme.fontsize + 2:g} '
        f'color="{theme.cluster_line}" bgcolor="{theme.cluster_fill}" style="rounded" penwidth=1.2 margin=10];',
        *body,
        "}",
    ]


def _tree_side(
    side: str, key: str, m: ArgumentMap, theme: Theme, wrap: int, notes: Footnotes, short: bool, focus: set[str] | None
) -> tuple[MapBody, list[str]]:
    body = MapBody(m, theme, wrap, key, notes, short=short, focus=focus)
    lines = body.nodes + body.edges
    if notes.entries:
        name = f"{key}sources"
        lines.append(sources_node(name, notes, theme, wrap))
        # Hang the list under everything so it sits at the bottom of the cluster.
        lines += [f"{sink} -> {name} [style=invis weight=0]" for sink in body.sinks]
    return body, _cluster(side, key, m, theme, wrap, lines)


def _link_look(kind: str, theme: Theme) -> str:
    stroke = LINK_STROKES[kind]
    color = theme.links[kind]
    if stroke.double:
        color = f"{color}:invis:{color}"
    ends = "dir=none" if stroke.ends == "none" else f"dir=both arrowhead={stroke.ends} arrowtail={stroke.ends}"
    return f'color="{color}" style={stroke.style} penwidth={stroke.penwidth} {ends} constraint=false'


@without_gc
def comparison_to_dot(
    c: Comparison | None,
    left: ArgumentMap,
    right: ArgumentMap,
    *,
    theme: str = "default",
    wrap: int = 40,
    layout: str = "outline",
    detail: str = "focus",
) -> str:
    """The DOT source of a comparison diagram; `c` None: the two maps, no links.

    `layout` "outline" (one printed page) or "trees"; `detail` "focus" (only what
    leads to a link; everything when there are no links), "short" (every claim,
    by title) or "full" (every claim, whole text; for "outline" the same as short).
    """
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}, not {layout!r}")
    if detail not in DETAILS:
        raise ValueError(f"detail must be one of {DETAILS}, not {detail!r}")
    t = get_theme(theme)
    links = c.links if c is not None else []
    focused = detail == "focus" and bool(links)
    left_focus = {x.left for x in links} if focused else None
    right_focus = {x.right for x in links} if focused else None
    short = detail != "full"
    # One number per source; the places cited only where whole texts are shown.
    left_notes = Footnotes(locators=not short and layout == "trees")
    right_notes = Footnotes(locators=left_notes.locators)

    title = (c.title if c is not None else "") or f"{left.title or 'Left map'} \u2194 {right.title or 'Right map'}"
    subtitle = c.description if c is not None else ""
    counts = [sum(1 for link in links if link.kind == kind) for kind in LINK_KINDS]
    if links:
        summary = ", ".join(f"{n} {kind.replace('-', ' ')}" for n, kind in zip(counts, LINK_KINDS) if n)
        subtitle = f"{subtitle}\n{len(links)} cross-map link{'s' * (len(links) != 1)}: {summary}".strip()

    features = Features()
    kinds = [kind for kind, n in zip(LINK_KINDS, counts) if n]
    if layout == "outline":
        left_part = Outline(left, t, wrap, "lpanel", left_notes, left_focus)
        right_notes.next = left_notes.next
        right_part = Outline(right, t, wrap, "rpanel", right_notes, right_focus, side="right")
        features.merge(left_part.features)
        features.merge(right_part.features)
        # The legend goes under the title, across the page; links are straight
        # lines across the gap between the two outlines.
        legend = legend_table(legend_entries(t, features, kinds, outline=True), columns=3, width=28)
        label = (
            f'<table border="0" cellborder="0" cellspacing="0" cellpadding="2"><tr><td>{title_label(title, subtitle, t, wrap)}</td></tr>'
            f'<tr><td><font point-size="{t.fontsize - 1:g}">{legend}</font></td></tr></table>'
        )
        lines = graph_header(t, label, rankdir="LR", extra=" ranksep=1.3 splines=line")
        lines += _cluster("LEFT", "l", left, t, wrap, [left_part.node])
        lines += _cluster("RIGHT", "r", right, t, wrap, [right_part.node])
        # Thesis row to thesis row: keeps the two outlines side by side, tops level.
        lines.append(
            f"{left_part.port[left.thesis]}:e -> {right_part.port[right.thesis]}:w [style=invis weight=100]"
        )
        left_anchor, right_anchor = left_part.port, right_part.port
        left_side, right_side = ":e", ":w"
    else:
        left_part, left_lines = _tree_side("LEFT", "l", left, t, wrap, left_notes, short, left_focus)
        right_notes.next = left_notes.next
        right_part, right_lines = _tree_side("RIGHT", "r", right, t, wrap, right_notes, short, right_focus)
        lines = graph_header(t, title_label(title, subtitle, t, wrap))
        lines += left_lines + right_lines
        left_anchor, right_anchor = left_part.anchor, right_part.anchor
        left_side = right_side = ""
        features.merge(left_part.features)
        features.merge(right_part.features)
        lines += legend_cluster("legend", t, features, kinds)
    looks = {kind: _link_look(kind, t) for kind in kinds}
    for link in links:
        lines.append(
            f"{left_anchor[link.left]}{left_side} -> {right_anchor[link.right]}{right_side} [{looks[link.kind]}]"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"
