"""`argmap render MAP`: the map's diagram as SVG, PNG, PDF or DOT."""

from __future__ import annotations

from pathlib import Path

import click

from argmap.commands._common import echo_written, force_option, max_bytes_option
from argmap.render.graphviz_out import ENGINES, FORMATS
from argmap.render.themes import THEMES

EXPORTS = Path("exports")


def diagram_options(f):
    """The options `render` and `compare` share."""
    for option in reversed(
        [
            click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
                         help="Output file (default: exports/NAME.svg); its suffix sets the format; "
                              "- for standard output (SVG unless --format says otherwise)."),
            force_option,
            click.option("--format", "fmt", type=click.Choice(FORMATS),
                         help="Output format (default: from --output's suffix, else svg)."),
            click.option("--theme", type=click.Choice(list(THEMES)), default="default", show_default=True,
                         help="Colours: default, colorblind (Okabe-Ito) or greyscale (print)."),
            click.option("--wrap", type=click.IntRange(min=0), default=40, show_default=True,
                         help="Wrap claim text at this many characters (0: no wrapping)."),
            click.option("--engine", type=click.Choice(ENGINES), default="dot", show_default=True,
                         help="Graphviz layout: dot (layered, thesis on top); sfdp or neato "
                              "(force-directed, for maps too big for dot)."),
            max_bytes_option,
        ]
    ):
        f = option(f)
    return f


def output_path(output: Path | None, fmt: str | None, name: str) -> tuple[Path, str | None]:
    """Where to write and in which format: -o as given (format from --format or its
    suffix), else exports/NAME.FORMAT (svg unless --format says otherwise)."""
    if output is not None:
        return output, fmt
    fmt = fmt or "svg"
    return EXPORTS / f"{name}.{fmt}", fmt


@click.command()
@click.argument("map_file", metavar="MAP", type=click.Path(path_type=Path))
@diagram_options
@click.option("--layout", type=click.Choice(["auto", "tree", "outline"]), default="auto", show_default=True,
              help="tree: boxes and arrows, thesis on top; outline: an indented outline in page-shaped "
                   "columns, for reading and printing; auto: tree up to 25 claims, outline above.")
@click.option("--detail", type=click.Choice(["full", "short"]), default="full", show_default=True,
              help="full: every claim's title and text; short: titles only (text cut to two lines), "
                   "sources without places; for big maps.")
def command(map_file: Path, output: Path | None, force: bool, fmt: str | None, theme: str, wrap: int, engine: str,
            max_bytes: int, layout: str, detail: str) -> None:
    """Draw MAP as a diagram: the thesis on top, reasons, objections, rebuttals.

    Writes exports/MAP-NAME.svg unless -o says otherwise. Small maps are drawn as
    a tree of boxes, bigger ones as a page-shaped outline (--layout). Needs
    Graphviz (`dot`); without it, writes the .dot file and exits 3. For tree
    diagrams of thousands of claims where dot takes long, try --engine sfdp.
    """
    from argmap.render import map_to_dot, write_output
    from argmap.store import load_map

    m = load_map(map_file, max_bytes).document
    out, fmt = output_path(output, fmt, map_file.name.removesuffix(".json"))
    dot = map_to_dot(m, theme=theme, wrap=wrap, detail=detail, layout=layout)
    echo_written(write_output(dot, out, fmt, engine, inputs=[map_file], force=force))
