"""argmap import FILE: Argdown or AIF JSON -> an argmap map file."""

from __future__ import annotations

import re
from pathlib import Path

import click

from argmap.commands._common import max_bytes_option
from argmap.errors import InputError
from argmap.formats import read_interchange
from argmap.fsio import is_stdio, same_file
from argmap.store import dumps, save_document


def default_output(source: Path) -> Path:
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", source.stem).strip("-.") or "imported"
    return Path("maps") / f"{stem}.json"


@click.command("import")
@click.argument("source", metavar="FILE", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Map file to write (default maps/NAME.json; -: standard output).")
@click.option("--force", is_flag=True, help="Replace the output file if it exists (never the file imported).")
@max_bytes_option
def command(source: Path, output: Path | None, force: bool, max_bytes: int) -> None:
    """Import an Argdown (.argdown, .ad) or AIF JSON (AIFdb, OVA) file as a map.

    The format is detected from the suffix and the content. Syntax errors are
    reported as FILE:LINE:COL and nothing is written.
    """
    doc, fmt, notes = read_interchange(source, max_bytes)
    out = output or default_output(source)
    summary = f"{len(doc.claims)} claims, {len(doc.arguments)} arguments from {fmt} ({source}); thesis: {doc.thesis}"
    if is_stdio(out):
        click.echo(dumps(doc), nl=False)
        click.echo(f"-: {summary}", err=True)
    else:
        if out.exists() and out.is_dir():
            raise InputError(f"{out}: is a directory; give a file name with -o")
        if out.exists() and same_file(out.stat(), source):
            raise InputError(f"{out}: is the file being imported; not writing over it (choose another -o)")
        save_document(doc, out, base=None, force=force)
        click.echo(f"{out}: {summary}")
    for note in notes[:10]:
        click.echo(f"  note: {note}", err=True)
    if len(notes) > 10:
        click.echo(f"  note: ... and {len(notes) - 10} more", err=True)
