"""Diagrams: map or comparison -> DOT (pure, deterministic) -> SVG/PNG/PDF (Graphviz).

    from argmap.render import map_to_dot, comparison_to_dot, write_output, THEMES

`map_to_dot` and `comparison_to_dot` never touch the file system or run programs;
`write_output` runs Graphviz and writes files. Each name is imported on first use
(`argmap render` does not pay for the comparison code, nor the TUI for any of it).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from argmap.render.compare_dot import comparison_to_dot
    from argmap.render.graphviz_out import ENGINES, FORMATS, write_output
    from argmap.render.map_dot import map_to_dot
    from argmap.render.themes import THEMES

_HOME = {
    "map_to_dot": "argmap.render.map_dot",
    "comparison_to_dot": "argmap.render.compare_dot",
    "write_output": "argmap.render.graphviz_out",
    "ENGINES": "argmap.render.graphviz_out",
    "FORMATS": "argmap.render.graphviz_out",
    "THEMES": "argmap.render.themes",
}

__all__ = sorted(_HOME)


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module 'argmap.render' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOME[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOME))
