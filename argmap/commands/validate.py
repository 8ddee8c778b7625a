from __future__ import annotations

from pathlib import Path

import click

from argmap.analysis.lint import lint
from argmap.analysis.structure import MapIndex
from argmap.commands._common import allow_outside_option, conflicts_message, max_bytes_option
from argmap.errors import EXIT_BAD_INPUT, ArgmapError
from argmap.store import is_comparison_path, load_comparison_with_maps, load_map


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Treat lint warnings as errors (exit 2).")
@max_bytes_option
@allow_outside_option
def command(files: tuple[Path, ...], strict: bool, max_bytes: int, allow_outside: bool) -> None:
    """Check map and comparison files: format, ids, references, and lint warnings.

    Prints one line per file; exits 2 if any file is invalid.
    """
    failed = False
    for path in files:
        try:
            warnings = _validate_one(path, max_bytes, allow_outside)
        except ArgmapError as e:
            click.echo(str(e), err=True)
            failed = True
            continue
        for w in warnings:
            click.echo(f"{path}: {w}")
        if strict and warnings:
            failed = True
    if failed:
        raise click.exceptions.Exit(EXIT_BAD_INPUT)


def _validate_one(path: Path, max_bytes: int, allow_outside: bool) -> list:
    if is_comparison_path(path):
        loaded = load_comparison_with_maps(path, max_bytes, allow_outside=allow_outside)
        c = loaded.comparison.document
        _no_conflicts(path, c.conflicts)
        click.echo(f"{path}: ok, comparison of {c.left} and {c.right}, {len(c.links)} links")
        return []
    m = load_map(path, max_bytes).document
    _no_conflicts(path, m.conflicts)
    idx = MapIndex.build(m)
    warnings = lint(m, idx)
    click.echo(
        f"{path}: ok, {_count(len(m.claims), 'claim')}, {_count(len(m.arguments), 'argument')}, depth {idx.max_depth()}, "
        f"{_count(len(warnings), 'warning')}"
    )
    return warnings


def _no_conflicts(path: Path, conflicts: list) -> None:
    if conflicts:
        raise ArgmapError(conflicts_message(path, len(conflicts)))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
