"""`argmap diff OLD NEW`: what changed between two versions of a map or of a comparison."""

from __future__ import annotations

from pathlib import Path

import click

from argmap.commands._common import echo_json, max_bytes_option
from argmap.errors import EXIT_NO


@click.command()
@click.argument("old", metavar="OLD.json", type=click.Path(path_type=Path))
@click.argument("new", metavar="NEW.json", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
@max_bytes_option
def command(old: Path, new: Path, fmt: str, max_bytes: int) -> None:
    """Show what changed between two versions of a map, or of a comparison.

    Maps: claims added, removed, reworded (word diff: [-old-]{+new+}), moved to
    another parent, renamed (ids differ, matched by text); arguments added,
    removed or changed (polarity, target, premises); evidence, sources and map
    fields. The `created`/`modified` timestamps are ignored.

    Comparisons (two .compare.json files): links added, removed, or with another
    kind or note; the maps compared, title and description.

    Exits 0 if there are no differences, 1 if there are (like diff).
    """
    from argmap.store import is_comparison_path

    kinds = {is_comparison_path(old), is_comparison_path(new)}
    if len(kinds) == 2:
        raise click.UsageError(f"{old} and {new}: give two maps or two comparisons (.compare.json), not one of each")
    module, d = _diff_comparisons(old, new, max_bytes) if kinds == {True} else _diff_maps(old, new, max_bytes)
    if fmt == "json":
        echo_json(module.to_json(d, str(old), str(new)))
    elif fmt == "markdown":
        click.echo(module.format_markdown(d, str(old), str(new)), nl=False)
    else:
        click.echo(module.format_text(d, str(old), str(new)), nl=False)
    if not d.empty:
        raise click.exceptions.Exit(EXIT_NO)


def _diff_maps(old: Path, new: Path, max_bytes: int):
    from argmap.analysis import diff
    from argmap.store import load_map

    return diff, diff.diff_maps(load_map(old, max_bytes).document, load_map(new, max_bytes).document)


def _diff_comparisons(old: Path, new: Path, max_bytes: int):
    from argmap.analysis import compare_diff
    from argmap.store import load_comparison

    before, after = load_comparison(old, max_bytes).document, load_comparison(new, max_bytes).document
    return compare_diff, compare_diff.diff_comparisons(before, after)
