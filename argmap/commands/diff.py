from __future__ import annotations

from pathlib import Path

import click

from argmap.analysis.diff import diff_maps, format_markdown, format_text, to_json
from argmap.commands._common import echo_json, max_bytes_option
from argmap.errors import EXIT_NO
from argmap.store import load_map


@click.command()
@click.argument("old", metavar="OLD.json", type=click.Path(path_type=Path))
@click.argument("new", metavar="NEW.json", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
@max_bytes_option
def command(old: Path, new: Path, fmt: str, max_bytes: int) -> None:
    """Show what changed between two versions of a map.

    Claims added, removed, reworded (word diff: [-old-]{+new+}), moved to another
    parent, renamed (ids differ, matched by text); arguments added, removed or
    changed (polarity, target, premises); evidence, sources and map fields. The
    `created`/`modified` timestamps are ignored. Exits 0 if there are no
    differences, 1 if there are (like diff).
    """
    a = load_map(old, max_bytes).document
    b = load_map(new, max_bytes).document
    d = diff_maps(a, b)
    if fmt == "json":
        echo_json(to_json(d, str(old), str(new)))
    elif fmt == "markdown":
        click.echo(format_markdown(d, str(old), str(new)), nl=False)
    else:
        click.echo(format_text(d, str(old), str(new)), nl=False)
    if not d.empty:
        raise click.exceptions.Exit(EXIT_NO)
