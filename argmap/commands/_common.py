"""Options and helpers shared by several commands."""

from __future__ import annotations

from pathlib import Path

import click

from argmap.errors import InputError
from argmap.fsio import is_stdio
from argmap.textfile import DEFAULT_MAX_BYTES

map_path = click.Path(path_type=Path, dir_okay=True, file_okay=True)

max_bytes_option = click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Refuse input files larger than this.",
)


force_option = click.option(
    "--force", is_flag=True,
    help="Replace an existing output file even when it does not look like argmap's output "
         "(never an input file, a folder or a device); the old file is kept as .bak.",
)

allow_outside_option = click.option(
    "--allow-outside", is_flag=True,
    help="Let a comparison name maps outside its own folder (absolute paths, ..).",
)


def echo_written(path: Path) -> None:
    """Say what was written (on stderr when the output itself went to stdout)."""
    if not is_stdio(path):
        click.echo(f"wrote {path}")


def load_pair(files: tuple[Path, ...], max_bytes: int, allow_outside: bool = False):
    """(left path, left map, right path, right map, comparison or None) from
    `A B` or `X.compare.json`."""
    from argmap.store import is_comparison_path, load_comparison_with_maps, load_map  # pydantic: only when needed

    if len(files) == 1 and is_comparison_path(files[0]):
        lc = load_comparison_with_maps(files[0], max_bytes, allow_outside=allow_outside)
        return lc.left.path, lc.left.document, lc.right.path, lc.right.document, lc.comparison
    if len(files) != 2 or any(is_comparison_path(f) for f in files):
        raise InputError("expected two maps (LEFT.json RIGHT.json) or one comparison (X.compare.json)")
    left, right = load_map(files[0], max_bytes), load_map(files[1], max_bytes)
    return left.path, left.document, right.path, right.document, None


def conflicts_message(path: Path, n: int) -> str:
    return f"{path}: {n} unresolved merge conflict{'s' * (n != 1)}; see and decide them with `argmap resolve {path}`"


def note_conflicts(path: Path, m) -> None:
    """A map a merge left undecided is drawn, exported and judged in ours' version:
    say so, so that nobody publishes half a merge unawares."""
    if m.conflicts:
        click.echo(f"note: {conflicts_message(path, len(m.conflicts))} (this uses ours' version)", err=True)


def echo_json(value) -> None:
    import json

    click.echo(json.dumps(value, indent=2, ensure_ascii=False, sort_keys=False))
