"""Options and helpers shared by several commands."""

from __future__ import annotations

from pathlib import Path

import click

from argmap.store import DEFAULT_MAX_BYTES

map_path = click.Path(path_type=Path, dir_okay=True, file_okay=True)

max_bytes_option = click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Refuse input files larger than this.",
)


def echo_json(value) -> None:
    import json

    click.echo(json.dumps(value, indent=2, ensure_ascii=False, sort_keys=False))
