"""`argmap resolve FILE [N CHOICE]`: list or decide the conflicts a merge left in a file."""

from __future__ import annotations

from pathlib import Path

import click

from argmap.commands._common import max_bytes_option
from argmap.errors import EXIT_NO, InputError

CHOICE = click.Choice(["ours", "theirs", "both"])


@click.command()
@click.argument("file", metavar="FILE.json", type=click.Path(path_type=Path))
@click.argument("number", metavar="[N", type=click.IntRange(min=1), required=False)
@click.argument("choice", metavar="CHOICE]", type=CHOICE, required=False)
@click.option("--all", "all_choice", type=CHOICE, help="Decide every conflict the same way.")
@max_bytes_option
def command(file: Path, number: int | None, choice: str | None, all_choice: str | None, max_bytes: int) -> None:
    """List the conflicts a merge left in a map or comparison, or decide them.

    Without N: lists them, numbered, with both versions; exits 1 if there are any.
    N CHOICE decides conflict N: ours, theirs, or both (lists combined, notes kept
    one after the other; only where that makes sense). --all CHOICE decides every
    one that way where it can be taken, else ours, else theirs (a thesis cannot be
    deleted; a version cannot use what an earlier choice deleted). Taking the side that deleted an
    item deletes it with what hangs only on it. Saves the file (the previous
    version as FILE.bak).
    """
    from argmap.analysis.merge_report import format_conflicts
    from argmap.analysis.merge_resolve import resolve, resolve_all
    from argmap.store import is_comparison_path, load_comparison, load_map, save_document

    loaded = (load_comparison if is_comparison_path(file) else load_map)(file, max_bytes)
    doc = loaded.document
    if number is None and all_choice is None:
        if not doc.conflicts:
            click.echo(f"{file}: no conflicts")
            return
        click.echo(format_conflicts(doc.conflicts), nl=False)
        raise click.exceptions.Exit(EXIT_NO)
    if all_choice is not None:
        if number is not None:
            raise click.UsageError("give N CHOICE or --all CHOICE, not both")
        doc = resolve_all(doc, all_choice)
    else:
        if choice is None:
            raise click.UsageError("say how to decide it: ours, theirs or both")
        if number > len(doc.conflicts):
            raise InputError(f"{file}: no conflict {number} (it has {len(doc.conflicts)})")
        doc = resolve(doc, number - 1, choice)
    save_document(doc, file, base=loaded.fingerprint)
    left = len(doc.conflicts)
    click.echo(f"{file}: " + (f"{left} conflict{'s' * (left != 1)} left" if left else "no conflicts left"))
