"""`argmap diff-driver PATH OLD OLD-HEX OLD-MODE NEW NEW-HEX NEW-MODE`: git's diff
driver for maps, which shows `argmap diff` (claims added, reworded, moved...)."""

from __future__ import annotations

import subprocess

import click

NULL = "/dev/null"


@click.command(hidden=True, context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def command(args: tuple[str, ...]) -> None:
    """Called by git (`diff.argmap.command`, set up by `argmap git-setup`) with the
    path and the old and new files. Prints `argmap diff`'s text; a file added or
    deleted is listed item by item; files that are no maps get a plain line diff.
    Always exits 0 (git stops at a driver that fails)."""
    from argmap.analysis.merge_text import comparison_lines, map_lines
    from argmap.errors import ArgmapError
    from argmap.store import is_comparison_path, load_comparison, load_map

    if len(args) < 7:
        click.echo(f"* {args[0] if args else '?'}: unmerged (argmap resolve lists the conflicts once git has merged it)")
        return
    path, old, new = args[0], args[1], args[4]
    comparison = is_comparison_path(path)
    load = load_comparison if comparison else load_map
    lines = comparison_lines if comparison else map_lines
    try:
        before = None if old == NULL else load(old).document
        after = None if new == NULL else load(new).document
    except ArgmapError:
        subprocess.run(["git", "--no-pager", "diff", "--no-index", "--no-ext-diff", "--", old, new])
        return
    if before is None or after is None:
        sign, doc = ("+", after) if before is None else ("-", before)
        click.echo(f"--- {'a/' + path if before else NULL}\n+++ {'b/' + path if after else NULL}")
        click.echo("\n".join(f"{sign} {line}" for line in lines(doc)))
        return
    if comparison:
        from argmap.analysis import compare_diff as module

        d = module.diff_comparisons(before, after)
    else:
        from argmap.analysis import diff as module

        d = module.diff_maps(before, after)
    click.echo(module.format_text(d, f"a/{path}", f"b/{path}"), nl=False)
