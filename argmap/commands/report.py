from __future__ import annotations

import tempfile
from pathlib import Path

import click

from argmap.analysis.report import Diagram, build_report, to_html, to_markdown
from argmap.commands._common import allow_outside_option, force_option, load_pair, max_bytes_option
from argmap.errors import MissingToolError
from argmap.fsio import check_output, is_stdio
from argmap.model import ArgumentMap, Comparison
from argmap.store import write_export

NO_GRAPHVIZ = ("No diagram: Graphviz (the dot program) is not installed. Install it "
               "(apt-get install graphviz, brew install graphviz) and run the report again.")


@click.command()
@click.argument("files", metavar="LEFT RIGHT | X.compare.json", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write the report here (default, or -: print it). A Markdown report gets its diagram beside it as NAME.svg.")
@click.option("--format", "fmt", type=click.Choice(["markdown", "html"]), default=None,
              help="Markdown, or a standalone HTML page with the diagram inlined. Default: from the -o suffix, else markdown.")
@click.option("--semantics", type=click.Choice(["grounded", "preferred", "stable"]), default="grounded", show_default=True,
              help="Which claims stand: the evaluation shown for each map.")
@click.option("--no-diagram", is_flag=True, help="Leave the comparison diagram out (no Graphviz needed).")
@force_option
@max_bytes_option
@allow_outside_option
def command(files, output: Path | None, fmt: str | None, semantics: str, no_diagram: bool, force: bool, max_bytes: int,
            allow_outside: bool) -> None:
    """A review of two maps: theses, metrics side by side, which claims stand,
    cross-map links by kind, what each side argues alone, and the diagram.

    Give two maps, or a comparison file to include its links.
    """
    left_path, left, right_path, right, loaded = load_pair(tuple(files), max_bytes, allow_outside)
    if is_stdio(output):
        output = None
    if fmt is None:
        fmt = "html" if output is not None and output.suffix.lower() in (".html", ".htm") else "markdown"
    inputs = [*files, left_path, right_path]
    svg = output.with_suffix(".svg") if output is not None and fmt == "markdown" and not no_diagram else None
    if output is not None:  # refuse before anything is written: the report and its diagram
        check_output(output, fmt, inputs=inputs, force=force)
        if svg is not None:
            check_output(svg, "svg", inputs=inputs + [output], force=force)
    c = loaded.document if loaded is not None else None
    if no_diagram:
        diagram = Diagram(note="Diagram left out (--no-diagram).")
    else:
        diagram = _diagram(c, left, right, output, fmt, svg, inputs, force)
    blocks = build_report(left, right, loaded.document if loaded else None,
                          left_path=str(left_path), right_path=str(right_path), semantics=semantics, diagram=diagram)
    text = to_html(blocks) if fmt == "html" else to_markdown(blocks)
    if output is None:
        click.echo(text, nl=False)
        return
    write_export(output, text.encode("utf-8"), fmt, inputs=inputs, force=force)
    extra = f" and {svg}" if diagram.svg_path else ""
    click.echo(f"wrote {output}{extra}", err=True)


def _diagram(c: Comparison | None, left: ArgumentMap, right: ArgumentMap, output: Path | None, fmt: str,
             svg: Path | None, inputs, force: bool) -> Diagram:
    from argmap.render import comparison_to_dot, write_output

    if fmt == "markdown" and output is None:
        return Diagram(note="Diagram: run with -o REPORT.md to write it beside the report as an SVG file.")
    dot = comparison_to_dot(c, left, right)
    try:
        if svg is not None:
            svg.parent.mkdir(parents=True, exist_ok=True)
            write_output(dot, svg, "svg", inputs=inputs + [output], force=force)
            return Diagram(svg_path=svg.name)
        with tempfile.TemporaryDirectory() as tmp:
            path = write_output(dot, Path(tmp) / "comparison.svg", "svg")
            return Diagram(svg_text=Path(path).read_text(encoding="utf-8"))
    except MissingToolError:
        return Diagram(note=NO_GRAPHVIZ)
