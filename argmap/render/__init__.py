"""Diagrams: map or comparison -> DOT (pure, deterministic) -> SVG/PNG/PDF (Graphviz).

    from argmap.render import map_to_dot, comparison_to_dot, write_output, THEMES

`map_to_dot` and `comparison_to_dot` never touch the file system or run programs;
`write_output` runs Graphviz and writes files.
"""

from argmap.render.compare_dot import comparison_to_dot
from argmap.render.graphviz_out import ENGINES, FORMATS, write_output
from argmap.render.map_dot import map_to_dot
from argmap.render.themes import THEMES

__all__ = ["ENGINES", "FORMATS", "THEMES", "comparison_to_dot", "map_to_dot", "write_output"]
