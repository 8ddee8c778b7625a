"""`argmap tui PATH...` (and `argmap` alone): the terminal UI."""

from __future__ import annotations

from pathlib import Path

import click

from argmap.commands._common import allow_outside_option
from argmap.errors import InputError


def default_target(cwd: Path | None = None) -> Path:
    """./maps/ when it exists here, else the example maps (for an installed argmap,
    a working copy in the user's data folder)."""
    from argmap.bundled import example_maps_dir

    local = (cwd or Path.cwd()) / "maps"
    return local if local.is_dir() else example_maps_dir()


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@allow_outside_option
def command(paths: tuple[Path, ...], allow_outside: bool) -> None:
    """Open the terminal UI on a map, two maps (side by side), a .compare.json or a
    folder of maps. Without PATH: ./maps/ if it exists, else the example maps
    (an installed argmap opens its own copy of them in ~/.local/share/argmap/examples)."""
    targets = list(paths) or [default_target()]
    if len(targets) > 2:
        raise click.UsageError("give one map, two maps, a .compare.json or a folder")
    for t in targets:
        if not t.exists():
            raise InputError(f"{t}: no such file or folder (create a map with: argmap new {t} --thesis \"...\")")
    if len(targets) == 2 and any(t.is_dir() for t in targets):
        raise click.UsageError("two paths must be two map files")
    from argmap.tui import create_app

    app = create_app(targets, allow_outside=allow_outside)
    app.run()
    if app.return_code:
        raise click.exceptions.Exit(app.return_code)
