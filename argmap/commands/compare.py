"""`argmap compare`: two theses side by side, cross-map links between them."""

from __future__ import annotations

from pathlib import Path

import click

from argmap.commands._common import allow_outside_option
from argmap.commands.render import diagram_options, emit, output_path


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="A.json B.json | X.compare.json")
@diagram_options
@click.option("--layout", type=click.Choice(["outline", "trees"]), default="outline", show_default=True,
              help="outline: each map as an indented outline, side by side, for print; "
                   "trees: each map as its box-and-arrow diagram (large, for screens).")
@click.option("--detail", type=click.Choice(["focus", "short", "full"]), default="focus", show_default=True,
              help="focus: only claims with a cross-map link and the arguments from them up to the thesis; "
                   "short: every claim, by title; full: every claim with its whole text (trees).")
@allow_outside_option
def command(files: tuple[Path, ...], output: Path | None, force: bool, fmt: str | None, fit: float | None, theme: str,
            wrap: int | None, engine: str, decisive: bool, check: bool, max_bytes: int, layout: str, detail: str,
            allow_outside: bool) -> None:
    """Draw two maps side by side as one diagram.

    Given a comparison file (X.compare.json), its two maps with their cross-map
    links (same, contradicts, shared evidence), and each thesis's verdict alone and
    judged together with the other; given two maps, the two side by side without
    links. Writes exports/NAME.svg unless -o says otherwise.
    """
    from argmap.render.fit import comparison_figure
    from argmap.store import is_comparison_path, load_comparison_with_maps, load_map

    inputs = list(files)
    if len(files) == 1 and is_comparison_path(files[0]):
        loaded = load_comparison_with_maps(files[0], max_bytes, allow_outside=allow_outside)
        comparison = loaded.comparison.document
        left, right = loaded.left.document, loaded.right.document
        inputs += [loaded.left.path, loaded.right.path]
        name = files[0].name.removesuffix(".json")
    elif len(files) == 2 and not any(is_comparison_path(f) for f in files):
        comparison = None
        left, right = (load_map(f, max_bytes).document for f in files)
        name = f"{files[0].name.removesuffix('.json')}-vs-{files[1].name.removesuffix('.json')}"
    else:
        raise click.UsageError("give two maps (A.json B.json) or one comparison file (X.compare.json)")
    out, fmt = output_path(output, fmt, name)
    dot = comparison_figure(
        comparison, left, right, fit, theme=theme, wrap=wrap, layout=layout, detail=detail, engine=engine, decisive=decisive,
        note=lambda text: click.echo(f"note: {out}: {text}", err=True),
    )
    emit(dot, out, fmt, engine, check, inputs=inputs, force=force)
