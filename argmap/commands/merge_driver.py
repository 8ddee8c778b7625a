"""`argmap merge-driver %O %A %B %P`: git's merge driver for maps and comparisons."""

from __future__ import annotations

import subprocess
from pathlib import Path

import click

from argmap.errors import EXIT_NO, ArgmapError


@click.command(hidden=True)
@click.argument("base", type=click.Path(path_type=Path))
@click.argument("ours", type=click.Path(path_type=Path))
@click.argument("theirs", type=click.Path(path_type=Path))
@click.argument("path", required=False, default="")
def command(base: Path, ours: Path, theirs: Path, path: str) -> None:
    """Merge as git's driver: BASE (%O), OURS (%A, which receives the result),
    THEIRS (%B), PATH (%P, the file's name in the repository). Set up by
    `argmap git-setup`.

    Exits 0 on a clean merge, 1 with conflicts (recorded in the file, which still
    opens; `argmap resolve PATH` decides them). Files that are not maps or
    comparisons get git's line merge.
    """
    from argmap.analysis.merge_io import merge_files
    from argmap.analysis.merge_report import format_conflicts, summary
    from argmap.store import atomic_write, is_comparison_path

    name = path or str(ours)
    try:
        result = merge_files(base, ours, theirs, comparison=is_comparison_path(name))
    except ArgmapError as e:
        _regular_files(base, ours, theirs)  # git merge-file would wait on a FIFO
        first = str(e).splitlines()[0]
        click.echo(f"argmap: {name}: not merged by structure ({first}); merging lines instead", err=True)
        conflicts = subprocess.run(["git", "merge-file", "-L", "ours", "-L", "base", "-L", "theirs",
                                    str(ours), str(base), str(theirs)]).returncode
        raise click.exceptions.Exit(EXIT_NO if conflicts else 0) from None
    atomic_write(ours, result.data, backup=False)
    click.echo(f"argmap: {name}: {summary(result.conflicts, result.renamed)}", err=True)
    if result.renamed and path:
        from argmap.commands.git_follow_renames import record

        try:
            record(path, result.renamed)
        except ArgmapError as e:  # the merge itself is done: say why the renames are not recorded
            click.echo(f"argmap: renames not recorded: {str(e).splitlines()[0]}", err=True)
        click.echo("argmap: if a comparison links these new claims, run `argmap git-follow-renames` "
                   "before or after committing the merge", err=True)
    if result.conflicts:
        click.echo(format_conflicts(result.conflicts), err=True, nl=False)
        click.echo(f"argmap: decide them with `argmap resolve {name}` (or `argmap resolve {name} --all ours`)", err=True)
        raise click.exceptions.Exit(EXIT_NO)


def _regular_files(*paths: Path) -> None:
    import os
    import stat

    from argmap.fsio import kind_of

    for p in paths:
        try:
            mode = os.stat(p).st_mode
        except OSError as e:
            raise ArgmapError(f"{p}: cannot merge it: {e.strerror or e}") from None
        if not stat.S_ISREG(mode):
            raise ArgmapError(f"{p}: is {kind_of(mode)}, not a regular file; not merged")
