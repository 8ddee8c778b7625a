"""Graphviz's SVG -> an SVG screen readers can follow.

Graphviz titles every node and edge with its internal name (`n3`, `n0:p1:s->n4`)
and carries tooltips as links. Here each box (and each claim cell, see
`describe.CELL_LINK`) gets a <title> (its role and name) and a <desc> (its whole
text and evidence) from its tooltip, the document gets the diagram's title and a
long description (the argument in reading order) from the graph's tooltip, and
the internal names and links go. Pure text in, text out; same SVG, same bytes.
"""

from __future__ import annotations

import html
import re

_ANCHOR = re.compile(r'<a(?: xlink:href="[^"]*")?(?: xlink:title="([^"]*)")?>')
_INTERNAL_TITLE = re.compile(r'(<g id="(?:node|edge|graph)\d+" class="(?:node|edge|graph)"[^>]*>)\n<title>[^<]*</title>')
_GRAPH_ANCHOR = re.compile(r'<g id="a_graph0"><a xlink:title="([^"]*)">')
_SVG_OPEN = re.compile(r"(<svg [^>]*>)")


def title_desc(tooltip: str) -> tuple[str, str]:
    """A tooltip attribute value -> (title, description), both XML-escaped."""
    text = html.unescape(tooltip)
    title, _, desc = text.partition("\n")
    return html.escape(title, quote=False), html.escape(desc, quote=False)


def _elements(tooltip: str, ids: str = "") -> str:
    title, desc = title_desc(tooltip)
    out = f"<title{ids}>{title}</title>"
    if desc:
        out += f"<desc{ids.replace('title', 'desc')}>{desc}</desc>"
    return out


def accessible_svg(svg: str) -> str:
    svg = _INTERNAL_TITLE.sub(r"\1", svg)
    graph = _GRAPH_ANCHOR.search(svg)
    if graph is not None:
        head = _elements(graph.group(1), ' id="argmap-title"')
        svg = svg[: graph.start()] + '<g id="a_graph0"><g>' + svg[graph.end() :]
        svg = _SVG_OPEN.sub(
            lambda m: m.group(1)[:-1] + ' role="document" aria-labelledby="argmap-title" aria-describedby="argmap-desc">\n' + head,
            svg,
            count=1,
        )
    svg = _ANCHOR.sub(lambda m: "<g>" + (_elements(m.group(1)) if m.group(1) is not None else ""), svg)
    return svg.replace("</a>", "</g>")
