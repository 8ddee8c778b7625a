"""argmap map -> GraphML that opens with labels in yEd (y:ShapeNode/y:NodeLabel) and
Gephi (a `label` node attribute). Claims and arguments are both nodes: premise ->
argument -> target (claim, or the argument an undercut attacks)."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape as _xml_escape
from xml.sax.saxutils import quoteattr as _xml_quoteattr

from argmap.analysis.structure import MapIndex
from argmap.model import ArgumentMap
from argmap.catalogue import shown_name

COLORS = {"thesis": "#FFE08A", "claim": "#FFFFFF", "support": "#CDEFD1", "attack": "#F6C9C9", "undercut": "#F2D7F7"}
EDGE_COLORS = {"premise": "#555555", "support": "#1B7F3B", "attack": "#B3261E", "undercut": "#8E24AA"}

KEYS = [
    ("d0", "node", "label", "string"),
    ("d1", "node", "type", "string"),
    ("d2", "node", "text", "string"),
    ("d3", "node", "tags", "string"),
    ("d4", "node", "scheme", "string"),
    ("d5", "node", "role", "string"),
    ("d6", "edge", "relation", "string"),
]


# Characters XML 1.0 does not allow at all, not even as &#1; (a claim may hold them)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def escape(text: str) -> str:
    """Text content: escaped, and each character XML cannot hold shown as U+FFFD."""
    return _xml_escape(_NOT_XML.sub("\ufffd", text))


def quoteattr(text: str) -> str:
    return _xml_quoteattr(_NOT_XML.sub("\ufffd", text))


def _label(text: str, width: int = 40) -> str:
    words, lines, line = text.split(), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    lines.append(line)
    return "\n".join(lines)


def _node(node_id: str, label: str, kind: str, data: dict[str, str], width: float, height: float, shape: str) -> str:
    out = [f"    <node id={quoteattr(node_id)}>"]
    for key, value in data.items():
        out.append(f"      <data key={quoteattr(key)}>{escape(value)}</data>")
    out.append(
        '      <data key="d9"><y:ShapeNode>'
        f'<y:Geometry height="{height:.1f}" width="{width:.1f}"/>'
        f'<y:Fill color="{COLORS[kind]}" transparent="false"/>'
        '<y:BorderStyle color="#333333" type="line" width="1.0"/>'
        f'<y:NodeLabel>{escape(label)}</y:NodeLabel><y:Shape type="{shape}"/>'
        "</y:ShapeNode></data>"
    )
    out.append("    </node>")
    return "\n".join(out)


def to_graphml(m: ArgumentMap) -> str:
    idx = MapIndex.build(m)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xmlns:y="http://www.yworks.com/xml/graphml" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd">',
    ]
    for key_id, for_, name, type_ in KEYS:
        out.append(f'  <key id="{key_id}" for="{for_}" attr.name="{name}" attr.type="{type_}"/>')
    out.append('  <key id="d9" for="node" yfiles.type="nodegraphics"/>')
    out.append('  <key id="d10" for="edge" yfiles.type="edgegraphics"/>')
    out.append(f'  <graph id={quoteattr(m.title or "map")} edgedefault="directed">')
    for c in m.claims:
        kind = "thesis" if c.id == m.thesis else "claim"
        label = _label(c.text)
        lines = label.count("\n") + 1
        data = {"d0": c.text, "d1": kind, "d2": c.text}
        if c.tags:
            data["d3"] = ", ".join(c.tags)
        out.append(_node(c.id, label, kind, data, 260.0, 18.0 * lines + 12, "roundrectangle"))
    for a in m.arguments:
        kind = "undercut" if idx.is_undercut(a) else a.polarity
        label = (a.scheme and shown_name(a.scheme)) or {"support": "+", "attack": "\u2212", "undercut": "\u2212 (undercut)"}[kind]
        data = {"d0": label, "d1": kind, "d5": idx.role(a)}
        if a.scheme:
            data["d4"] = a.scheme
        out.append(_node(a.id, label, kind, data, max(30.0, 8.0 * len(label) + 16), 30.0, "ellipse"))
    n = 0
    for a in m.arguments:
        kind = "undercut" if idx.is_undercut(a) else a.polarity
        for p in a.premises:
            out.append(_edge(f"e{n}", p, a.id, "premise"))
            n += 1
        out.append(_edge(f"e{n}", a.id, a.target, kind))
        n += 1
    out.append("  </graph>")
    out.append("</graphml>")
    return "\n".join(out) + "\n"


def _edge(edge_id: str, source: str, target: str, relation: str) -> str:
    return (
        f"    <edge id={quoteattr(edge_id)} source={quoteattr(source)} target={quoteattr(target)}>"
        f'<data key="d6">{relation}</data>'
        f'<data key="d10"><y:PolyLineEdge><y:LineStyle color="{EDGE_COLORS[relation]}" type="line" width="{1.0 if relation == "premise" else 2.0}"/>'
        f'<y:Arrows source="none" target="{"none" if relation == "premise" else "standard"}"/></y:PolyLineEdge></data>'
        "</edge>"
    )
