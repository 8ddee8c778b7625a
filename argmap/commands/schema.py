from __future__ import annotations

import click

from argmap.schema import SCHEMA_NAMES, schema_text


@click.command()
@click.option("--kind", type=click.Choice(SCHEMA_NAMES), default="map", show_default=True,
              help="Which file format: a map or a comparison.")
def command(kind: str) -> None:
    """Print the JSON Schema of the map (or comparison) file format."""
    click.echo(schema_text(kind), nl=False)
