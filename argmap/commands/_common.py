"""Options and helpers shared by several commands."""

from __future__ import annotations

from pathlib import Path

import click

from argmap.errors import InputError
from argmap.textfile import DEFAULT_MAX_BYTES

map_path = click.Path(path_type=Path, dir_okay=True, file_okay=True)

max_bytes_option = click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Refuse input files larger than this.",
)


def load_pair(files: tuple[Path, ...], max_bytes: int):
    """(left path, left map, right path, right map, comparison or None) from
    `A B` or `X.compare.json`."""
    from argmap.store import is_comparison_path, load_comparison_with_maps, load_map  # pydantic: only when needed

    if len(files) == 1 and is_comparison_path(files[0]):
        lc = load_comparison_with_maps(files[0], max_bytes)
        return lc.left.path, lc.left.document, lc.right.path, lc.right.document, lc.comparison
    if len(files) != 2 or any(is_comparison_path(f) for f in files):
        raise InputError("expected two maps (LEFT.json RIGHT.json) or one comparison (X.compare.json)")
    left, right = load_map(files[0], max_bytes), load_map(files[1], max_bytes)
    return left.path, left.document, right.path, right.document, None


def echo_json(value) -> None:
    import json

    click.echo(json.dumps(value, indent=2, ensure_ascii=False, sort_keys=False))
