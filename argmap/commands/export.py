"""argmap export MAP --to FORMAT: a map as Argdown, AIF, Kialo, GraphML, Markdown or Mermaid."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from argmap.commands._common import force_option, max_bytes_option, note_conflicts
from argmap.formats import EXPORTERS, export_text
from argmap.fsio import is_stdio
from argmap.store import load_map, write_export

# -o's suffix -> format, when --to is not given
SUFFIX_FORMATS = {
    ".argdown": "argdown", ".ad": "argdown", ".graphml": "graphml", ".md": "markdown",
    ".markdown": "markdown", ".mmd": "mermaid", ".mermaid": "mermaid",
}


@click.command()
@click.argument("map_file", metavar="MAP", type=click.Path(path_type=Path))
@click.option("--to", "--format", "fmt", type=click.Choice(sorted(EXPORTERS)),
              help="Output format (default: from -o's suffix: .argdown/.ad, .graphml, .md, .mmd; "
                   "AIF and Kialo need --to aif / --to kialo).")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File to write (default, or -: standard output).")
@click.option("--structures", is_flag=True,
              help="Argdown: every argument as a premise-conclusion structure, no relation lines "
                   "(Argdown then has an argument node for each, as argmap's diagrams do).")
@force_option
@max_bytes_option
def command(map_file: Path, fmt: str | None, output: Path | None, structures: bool, force: bool, max_bytes: int) -> None:
    """Write a map as Argdown, AIF JSON, a Kialo export (text to import into Kialo),
    GraphML (yEd, Gephi), a Markdown outline or a Mermaid flowchart. Same map, same
    bytes."""
    if is_stdio(output):
        output = None
    fmt = fmt or _format_from_suffix(output)
    if structures and fmt != "argdown":
        raise click.UsageError(f"--structures is for Argdown; {fmt} has no relation lines to replace")
    m = load_map(map_file, max_bytes).document
    note_conflicts(map_file, m)
    text = export_text(m, fmt, structures)
    if output is None:
        sys.stdout.write(text)
        return
    write_export(output, text.encode("utf-8"), fmt, inputs=[map_file], force=force)
    click.echo(f"{output}: {fmt}", err=True)


def _format_from_suffix(output: Path | None) -> str:
    fmt = SUFFIX_FORMATS.get(output.suffix.lower()) if output is not None else None
    if fmt is None:
        where = f"the suffix of {output}" if output is not None else "standard output"
        raise click.UsageError(f"cannot tell the format from {where}; give --to {'|'.join(sorted(EXPORTERS))}")
    return fmt
