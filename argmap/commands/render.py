"""`argmap render MAP`: the map's diagram as SVG, PNG, PDF, DOT or TikZ."""

from __future__ import annotations

from pathlib import Path

import click

from argmap.commands._common import echo_written, force_option, max_bytes_option, note_conflicts
from argmap.errors import EXIT_NO
from argmap.render.graphviz_out import ENGINES, FORMATS
from argmap.render.themes import THEMES

EXPORTS = Path("exports")


def _fit(ctx, param, value: str) -> float | None:
    from argmap.errors import ArgmapError
    from argmap.render.fit import parse_fit

    try:
        return parse_fit(value)
    except ArgmapError as e:
        raise click.BadParameter(str(e).removeprefix(f"--fit {value!r}: ")) from None


def diagram_options(f):
    """The options `render` and `compare` share."""
    for option in reversed(
        [
            click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
                         help="Output file (default: exports/NAME.svg); its suffix sets the format; "
                              "- for standard output (SVG unless --format says otherwise)."),
            force_option,
            click.option("--format", "fmt", type=click.Choice(FORMATS),
                         help="Output format (default: from --output's suffix, else svg); tikz: a "
                              "tikzpicture for LaTeX (suffix .tex)."),
            click.option("--fit", default="a4", show_default=True, callback=_fit, metavar="WIDTH",
                         help="Fit the figure to a page's text width with text at 7 pt or more as printed: "
                              "a4 (160 mm), letter (6.5 in), column (84 mm), WIDTHpt (e.g. 400pt); "
                              "none: the poster, for screens."),
            click.option("--theme", type=click.Choice(list(THEMES)), default="default", show_default=True,
                         help="Colours: default, colorblind (Okabe-Ito) or greyscale (print)."),
            click.option("--wrap", type=click.IntRange(min=0), default=None,
                         help="Wrap claim text at this many characters (0: no wrapping; default: "
                              "what fits the page, 40 with --fit none)."),
            click.option("--engine", type=click.Choice(ENGINES), default="dot", show_default=True,
                         help="Graphviz layout: dot (layered, thesis on top); sfdp or neato "
                              "(force-directed, for maps too big for dot)."),
            click.option("--decisive", is_flag=True,
                         help="Mark (\u25c6) the decisive claims: those whose defeat by an unanswered objection "
                              "would change a thesis's verdict (argmap evaluate --why); in a comparison, judged together."),
            click.option("--check", is_flag=True,
                         help="Write nothing; exit 1 when the output file is missing or differs from "
                              "what drawing the map now gives (a stale committed figure)."),
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
    return EXPORTS / f"{name}.{'tex' if fmt == 'tikz' else fmt}", fmt


def emit(dot: str, out: Path, fmt: str | None, engine: str, check: bool, inputs=(), force: bool = False) -> None:
    """Write the figure (never over one of `inputs`, see argmap.fsio.check_output),
    or with `check` say whether the file there is stale."""
    from argmap.render.graphviz_out import is_stale, write_output

    if check:
        if is_stale(dot, out, fmt, engine):
            click.echo(f"{out} is stale or missing: draw it again (the same command without --check)", err=True)
            raise click.exceptions.Exit(EXIT_NO)
        click.echo(f"{out} is up to date")
        return
    written = write_output(dot, out, fmt, engine, on_note=lambda note: click.echo(f"note: {note}", err=True),
                           inputs=inputs, force=force)
    echo_written(written)


@click.command()
@click.argument("map_file", metavar="MAP", type=click.Path(path_type=Path))
@diagram_options
@click.option("--layout", type=click.Choice(["auto", "tree", "outline"]), default="auto", show_default=True,
              help="tree: boxes and arrows, thesis on top; outline: an indented outline in page-shaped "
                   "columns, for reading and printing; auto: a tree for up to 25 claims when it fits the page, "
                   "else the outline.")
@click.option("--detail", type=click.Choice(["full", "short"]), default="full", show_default=True,
              help="full: every claim's title and text; short: titles only (text cut to two lines), "
                   "sources without places; for big maps.")
def command(map_file: Path, output: Path | None, force: bool, fmt: str | None, fit: float | None, theme: str,
            wrap: int | None, engine: str, decisive: bool, check: bool, max_bytes: int, layout: str, detail: str) -> None:
    """Draw MAP as a diagram: the thesis on top, reasons, objections, rebuttals.

    Writes exports/MAP-NAME.svg unless -o says otherwise. Small maps are drawn as
    a tree of boxes, bigger ones as an outline (--layout), made to fit an A4 page's
    width (--fit). Needs Graphviz (`dot`); without it, writes the .dot file and
    exits 3. For tree diagrams of thousands of claims where dot takes long, try
    --fit none --engine sfdp.
    """
    from argmap.render.fit import map_figure
    from argmap.store import load_map

    m = load_map(map_file, max_bytes).document
    note_conflicts(map_file, m)
    out, fmt = output_path(output, fmt, map_file.name.removesuffix(".json"))
    dot = map_figure(m, fit, theme=theme, wrap=wrap, detail=detail, layout=layout, engine=engine, decisive=decisive,
                     note=lambda text: click.echo(f"note: {out}: {text}", err=True))
    emit(dot, out, fmt, engine, check, inputs=[map_file], force=force)
