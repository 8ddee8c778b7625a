"""argmap export MAP --to FORMAT: a map as Argdown, AIF, GraphML, Markdown or Mermaid."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from argmap.commands._common import max_bytes_option
from argmap.formats import EXPORTERS, export_text
from argmap.store import load_map, write_export


@click.command()
@click.argument("map_file", metavar="MAP", type=click.Path(path_type=Path))
@click.option("--to", "fmt", type=click.Choice(sorted(EXPORTERS)), required=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File to write (default: standard output).")
@max_bytes_option
def command(map_file: Path, fmt: str, output: Path | None, max_bytes: int) -> None:
    """Write a map as Argdown, AIF JSON, GraphML (yEd, Gephi), a Markdown outline or
    a Mermaid flowchart. Same map, same bytes."""
    m = load_map(map_file, max_bytes).document
    text = export_text(m, fmt)
    if output is None:
        sys.stdout.write(text)
        return
    write_export(output, text.encode("utf-8"))
    click.echo(f"{output}: {fmt}", err=True)
