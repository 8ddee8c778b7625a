"""argmap import FILE: Argdown, AIF, Kialo, MindMup, Carneades or Araucaria AML -> map files."""

from __future__ import annotations

import re
from pathlib import Path

import click

from argmap.commands._common import max_bytes_option
from argmap.errors import InputError
from argmap.formats import read_interchange_maps
from argmap.fsio import is_stdio, same_file
from argmap.store import dumps, save_document


def default_output(source: Path) -> Path:
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", source.stem).strip("-.") or "imported"
    return Path("maps") / f"{stem}.json"


def numbered(out: Path, n: int) -> Path:
    """NAME-n.json beside NAME.json: one file per thesis of a Kialo export."""
    return out.with_name(f"{out.stem}-{n}{out.suffix or '.json'}")


@click.command("import")
@click.argument("source", metavar="FILE", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Map file to write (default maps/NAME.json; -: standard output).")
@click.option("--force", is_flag=True, help="Replace the output file(s) if they exist (never the file imported).")
@click.option("--thesis", type=click.IntRange(min=1), metavar="N",
              help="Kialo export with several theses: import only the N-th (one file, no -N suffix).")
@max_bytes_option
def command(source: Path, output: Path | None, force: bool, thesis: int | None, max_bytes: int) -> None:
    """Import a map from another tool. The format is detected from the suffix and
    the content:

    \b
      Argdown        .argdown, .ad (and text that is neither of the others)
      AIF JSON       AIFdb, OVA3 ({nodes, edges} or {"AIF": ...})
      Kialo          .txt export, old ("Discussion Title:") and current
                     ("Discussion Name:") dialect; one map per thesis (NAME-1.json,
                     NAME-2.json, ...) unless --thesis N
      MindMup        .mup argument maps (JSON with "ideas")
      Carneades      .yml/.yaml argument graphs (Carneades 4)
      Araucaria AML  .aml XML (read without DTDs or entities)

    Syntax errors are reported as FILE:LINE:COL (or the JSON path) and nothing is
    written.
    """
    maps, fmt, notes = read_interchange_maps(source, max_bytes, thesis)
    out = output or default_output(source)
    if is_stdio(out):
        if len(maps) != 1:
            raise InputError(f"{source}: {len(maps)} theses; with -o - give --thesis N (one map on standard output)")
        click.echo(dumps(maps[0]), nl=False)
        click.echo(f"-: {_summary(maps[0], fmt, source)}", err=True)
        _notes(notes)
        return
    if out.exists() and out.is_dir():
        raise InputError(f"{out}: is a directory; give a file name with -o")
    targets = [out] if len(maps) == 1 else [numbered(out, i) for i in range(1, len(maps) + 1)]
    if not force:
        for target in targets:  # check all first: write all or nothing
            if target.exists():
                raise InputError(f"{target}: file already exists; not overwriting it (use --force to replace it)")
    for target in targets:
        if target.exists() and same_file(target.stat(), source):
            raise InputError(f"{target}: is the file being imported; not writing over it (choose another -o)")
    for doc, target in zip(maps, targets):
        save_document(doc, target, base=None, force=force)
        click.echo(f"{target}: {_summary(doc, fmt, source)}")
    _notes(notes)


def _summary(doc, fmt: str, source: Path) -> str:
    return f"{len(doc.claims)} claims, {len(doc.arguments)} arguments from {fmt} ({source}); thesis: {doc.thesis}"


def _notes(notes: list[str]) -> None:
    for note in notes[:10]:
        click.echo(f"  note: {note}", err=True)
    if len(notes) > 10:
        click.echo(f"  note: ... and {len(notes) - 10} more", err=True)
