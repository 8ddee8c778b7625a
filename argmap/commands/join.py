"""`argmap join URL`: take part in a live session."""

from __future__ import annotations

import click


@click.command()
@click.argument("url")
@click.option("--name", default=None, help="Your name, as the host and others see it.")
def command(url: str, name: str | None) -> None:
    """Join the live session at URL (the ws://... address `argmap serve` printed,
    token included). Type `help` for the commands; `show` prints the map with ids."""
    from argmap.live.participant import join_lines

    code = join_lines(url, name)
    if code:
        raise click.exceptions.Exit(code)
