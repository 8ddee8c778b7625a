"""`argmap join URL`: take part in a live session."""

from __future__ import annotations

import os
import sys

import click


@click.command()
@click.argument("url")
@click.option("--name", default=None, help="Your name, as the host and others see it.")
@click.option("--follow", metavar="NAME", default=None,
              help="Follow NAME: the cursor goes wherever they select (for a projector).")
@click.option("--lines", is_flag=True,
              help="Plain lines instead of the map editor (the default when not in a terminal).")
def command(url: str, name: str | None, follow: str | None, lines: bool) -> None:
    """Join the live session at URL (the ws://... address `argmap serve` printed,
    token included): the map editor on the shared map; everyone's edits appear as
    they are made, and undo takes back only your own. In a moderated session, the
    moderator's address (which `argmap serve --moderated` prints apart) makes you a
    moderator: a queue of the proposals to accept or reject. With --lines: type `help` for
    the commands, `show` prints the map with ids."""
    from argmap.live.client import join_url

    join_url(url, name)  # a bad address is an error before anything starts
    # under `serve --web` (textual-serve) there is no terminal, but a web driver
    in_browser = "web_driver" in os.environ.get("TEXTUAL_DRIVER", "")
    if lines or not (in_browser or (sys.stdin.isatty() and sys.stdout.isatty())):
        from argmap.live.participant import join_lines

        code = join_lines(url, name)
    else:
        from argmap.tui.live_bridge import LiveApp

        app = LiveApp(url, name, follow=follow)
        app.run()
        code = app.return_code or 0
    if code:
        raise click.exceptions.Exit(code)
