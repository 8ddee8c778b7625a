"""argmap map -> Mermaid flowchart (GitHub renders it inside a ```mermaid block).

Claims are boxes, arguments small circles (+ support, - attack, x undercut) with
premise edges into them and one edge out to the target. Node names are n0, n1, ...
(never user text); labels are quoted with Mermaid's entity codes for " # < > & ` % \\ |; control
characters become U+FFFD."""

from __future__ import annotations

from argmap.analysis.structure import MapIndex
from argmap.model import ArgumentMap
from argmap.catalogue import shown_name

_ENTITIES = {'"': "#quot;", "#": "#35;", "<": "#lt;", ">": "#gt;", "&": "#amp;", "`": "#96;", "\\": "#92;", "|": "#124;",
             "%": "#37;"}  # %% starts a Mermaid comment
_ENTITIES.update({chr(c): "\ufffd" for c in (*range(0x20), *range(0x7F, 0xA0))})  # controls: shown, not passed on


def escape_label(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "\u2026"
    return "".join(_ENTITIES.get(ch, ch) for ch in text)


def to_mermaid(m: ArgumentMap) -> str:
    idx = MapIndex.build(m)
    names: dict[str, str] = {}
    lines = ["flowchart TB"]
    for c in m.claims:
        name = names[c.id] = f"n{len(names)}"
        lines.append(f'  {name}["{escape_label(c.text)}"]')
    for a in m.arguments:
        names[a.id] = f"n{len(names)}"
    classes: dict[str, list[str]] = {"thesis": [names[m.thesis]], "support": [], "attack": [], "undercut": []}
    for a in m.arguments:
        kind = "undercut" if idx.is_undercut(a) else a.polarity
        symbol = {"support": "+", "attack": "\u2212", "undercut": "\u00d7"}[kind]
        label = f"{symbol} {escape_label(shown_name(a.scheme), 60)}" if a.scheme else symbol
        lines.append(f'  {names[a.id]}(("{label}"))')
        classes[kind].append(names[a.id])
    for a in m.arguments:
        for p in a.premises:
            lines.append(f"  {names[p]} --- {names[a.id]}")
        arrow = "-->" if a.polarity == "support" else "-.->"
        lines.append(f"  {names[a.id]} {arrow} {names[a.target]}")
    lines.append("  classDef thesis fill:#FFE08A,stroke:#8A6D00,stroke-width:2px")
    lines.append("  classDef support fill:#CDEFD1,stroke:#1B7F3B")
    lines.append("  classDef attack fill:#F6C9C9,stroke:#B3261E")
    lines.append("  classDef undercut fill:#F2D7F7,stroke:#8E24AA")
    for cls, members in classes.items():
        if members:
            lines.append(f"  class {','.join(members)} {cls}")
    return "\n".join(lines) + "\n"
