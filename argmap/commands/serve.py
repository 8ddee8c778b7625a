"""`argmap serve MAP`: host a live seminar on one map."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("map_file", metavar="MAP|FOLDER", type=click.Path(path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0: every network of this machine, for a seminar room).")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--web", "web", is_flag=True,
              help="Also serve the map editor to browsers (for participants without a terminal).")
@click.option("--web-port", type=click.IntRange(0, 65535), default=8766, show_default=True,
              help="Port of the browser editor (0: any free port).")
@click.option("--moderated", is_flag=True,
              help="What participants add is a proposal until a moderator accepts it (moderators join with their own token, printed apart).")
def command(map_file: Path, host: str, port: int, web: bool, web_port: int, moderated: bool) -> None:
    """Host a live session on MAP: participants join with the command printed (it
    holds a random token; without it the host refuses them), everyone's edits
    merge, and MAP is saved as they edit (atomically, keeping MAP.bak; never over a
    file someone else changed meanwhile). With --web, browsers get the same editor
    at the printed address (token included). A FOLDER serves each map in it, all
    on one port, one room (join command) each. With --moderated, participants'
    additions are proposals, and moderators get their own join command. A host that crashed resumes the same session when
    started again with the same command. Ctrl+C ends the session."""
    from argmap.live.server import serve_map

    front = None
    if web:
        from argmap.tui.web import WebParticipants as front
    serve_map(map_file, host=host, port=port, say=lambda line: click.echo(line, err=True),
              web_port=web_port if web else None, moderated=moderated, web_front=front)
