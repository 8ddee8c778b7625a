from __future__ import annotations

from pathlib import Path

import click

from argmap.commands._common import max_bytes_option
from argmap.errors import EXIT_BAD_INPUT, EXIT_NO, ArgmapError
from argmap.store import dumps, is_comparison_path, load_comparison, load_map, save_document


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--check", is_flag=True, help="Write nothing; list files that are not canonical and exit 1.")
@max_bytes_option
def command(files: tuple[Path, ...], check: bool, max_bytes: int) -> None:
    """Rewrite map and comparison files in canonical form (like black, for maps)."""
    not_canonical = []
    failed = False
    for path in files:
        try:
            loaded = (load_comparison if is_comparison_path(path) else load_map)(path, max_bytes)
        except ArgmapError as e:
            click.echo(str(e), err=True)
            failed = True
            continue
        if dumps(loaded.document) == loaded.fingerprint.content:
            continue
        not_canonical.append(path)
        if check:
            click.echo(f"would reformat {path}")
        else:
            save_document(loaded.document, path, base=loaded.fingerprint)
            click.echo(f"reformatted {path}")
    if failed:
        raise click.exceptions.Exit(EXIT_BAD_INPUT)
    if check and not_canonical:
        raise click.exceptions.Exit(EXIT_NO)
    if not not_canonical:
        click.echo(f"{len(files)} file{'s' if len(files) != 1 else ''} already canonical")
