from __future__ import annotations

from pathlib import Path

import click

from argmap.store import new_map_document, save_document


@click.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--thesis", required=True, help="The main claim of the map.")
@click.option("--title", default="", help="A title for the map (defaults to none).")
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
def command(file: Path, thesis: str, title: str, force: bool) -> None:
    """Create a new map FILE with a thesis."""
    if not thesis.strip():
        raise click.BadParameter("the thesis needs some text", param_hint="--thesis")
    for name, text in (("--thesis", thesis), ("--title", title)):
        _check_text(name, text)
    document = new_map_document(thesis.strip(), title)
    save_document(document, file, base=None, force=force)
    click.echo(f"created {file}")


def _check_text(name: str, text: str) -> None:
    """Bytes that are not UTF-8 reach Python as lone surrogates, which no file can hold."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as e:
        raw = text[e.start].encode("utf-8", "surrogateescape")
        raise click.BadParameter(f"not UTF-8 text (byte 0x{raw[0]:02x} at character {e.start + 1}); "
                                 "check the terminal's encoding", param_hint=name) from None
