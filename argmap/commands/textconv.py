"""`argmap textconv FILE`: a map as one line per item, for git's textconv."""

from __future__ import annotations

from pathlib import Path

import click


@click.command(hidden=True)
@click.argument("file", type=click.Path(path_type=Path))
def command(file: Path) -> None:
    """Print FILE (a map or comparison) as one line per claim, argument, source or
    link, ids first: what `git log -p` and `git show` compare when `argmap
    git-setup` has set the textconv driver. A file that is no map prints as it is."""
    from argmap.analysis.merge_text import comparison_lines, map_lines
    from argmap.errors import ArgmapError
    from argmap.fsio import read_regular
    from argmap.store import DEFAULT_MAX_BYTES, is_comparison_path, load_comparison, load_map

    try:
        if is_comparison_path(file):
            lines = comparison_lines(load_comparison(file).document)
        else:
            lines = map_lines(load_map(file).document)
    except ArgmapError:  # (read bounded, regular files only: git gives textconv a temporary copy)
        click.echo(read_regular(file, DEFAULT_MAX_BYTES).decode("utf-8", "replace"), nl=False)
        return
    click.echo("\n".join(lines))
