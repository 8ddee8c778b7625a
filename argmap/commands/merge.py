"""`argmap merge BASE OURS THEIRS`: a three-way merge of two versions of a map."""

from __future__ import annotations

from pathlib import Path

import click

from argmap.commands._common import max_bytes_option
from argmap.errors import EXIT_NO, InputError


@click.command()
@click.argument("base", metavar="BASE.json", type=click.Path(path_type=Path))
@click.argument("ours", metavar="OURS.json", type=click.Path(path_type=Path))
@click.argument("theirs", metavar="THEIRS.json", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the merged map here (default: print it).")
@max_bytes_option
def command(base: Path, ours: Path, theirs: Path, output: Path | None, max_bytes: int) -> None:
    """Merge OURS and THEIRS, two versions of the map BASE, by ids, field by field.

    A change made on one side is taken; the same change on both sides once; tags,
    premises, evidence and authors combine. Ids both sides created for different
    items are renamed in THEIRS' items. What cannot be decided (both sides changed
    a claim's text; one deleted a claim the other still uses) is a conflict: the
    merged map keeps ours' version, lists both in its `conflicts`, and still
    opens; decide them with `argmap resolve` (`argmap validate` fails until then).

    Prints what happened on stderr. Exits 0 on a clean merge, 1 with conflicts.
    """
    from argmap.analysis.merge_io import merge_files
    from argmap.analysis.merge_report import format_conflicts, summary
    from argmap.store import is_comparison_path, write_export

    kinds = {p: "a comparison" if is_comparison_path(p) else "a map" for p in (base, ours, theirs)}
    if len(set(kinds.values())) > 1:
        raise InputError(f"{', '.join(f'{p} is {k}' for p, k in kinds.items())}: "
                         "merge three versions of one map or of one comparison (X.compare.json)")
    result = merge_files(base, ours, theirs, max_bytes)
    if output is None:
        click.echo(result.data, nl=False)
    else:
        write_export(output, result.data)
    click.echo(f"argmap merge: {summary(result.conflicts, result.renamed)}", err=True)
    click.echo(format_conflicts(result.conflicts), err=True, nl=False)
    if result.conflicts:
        raise click.exceptions.Exit(EXIT_NO)
