"""`argmap serve MAP`: host a live seminar on one map."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("map_file", metavar="MAP", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0: every network of this machine, for a seminar room).")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port to listen on (0: any free port).")
def command(map_file: Path, host: str, port: int) -> None:
    """Host a live session on MAP: participants join with the command printed (it
    holds a random token; without it the host refuses them), everyone's edits
    merge, and MAP is saved as they edit (atomically, keeping MAP.bak; never over a
    file someone else changed meanwhile). Ctrl+C ends the session."""
    from argmap.live.server import serve_map

    serve_map(map_file, host=host, port=port, say=lambda line: click.echo(line, err=True))
