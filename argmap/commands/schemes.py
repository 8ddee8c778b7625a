"""`argmap schemes`: the catalogue of argumentation schemes and their critical questions."""

from __future__ import annotations

import textwrap

import click

from argmap.commands._common import echo_json
from argmap.errors import InputError

TYPE_WORD = {"assumption": "assumption (the proponent must back it)", "exception": "exception (the opponent must prove it)"}


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
def command(ctx: click.Context, as_json: bool) -> None:
    """List the argumentation schemes an argument's `scheme` can name.

    The catalogue ships with argmap (after Walton, Reed & Macagno, Argumentation
    Schemes, 2008, with questions typed as in Carneades); schemes.toml in the
    configuration folder ($ARGMAP_CONFIG_DIR, else $XDG_CONFIG_HOME/argmap or
    ~/.config/argmap) adds schemes or replaces bundled ones with the same id.
    `argmap schemes show ID` prints one scheme.
    """
    if ctx.invoked_subcommand is not None:
        ctx.obj = as_json
        return
    from argmap.catalogue import load_catalogue

    catalogue = load_catalogue()
    if as_json:
        echo_json([_as_dict(s) for s in catalogue])
        return
    width = max(len(s.id) for s in catalogue)
    for s in catalogue:
        kinds = [q.type for q in s.questions]
        counts = f"{kinds.count('assumption')}a {kinds.count('exception')}e"
        click.echo(f"{s.id:<{width}}  {counts:<6} {s.name}")
    click.echo(f"{len(catalogue)} schemes; questions: a = assumptions, e = exceptions. `argmap schemes show ID` for one.")


@command.command("show")
@click.argument("scheme_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def show(ctx: click.Context, scheme_id: str, as_json: bool) -> None:
    """Print one scheme: premises with their roles, conclusion, critical questions.

    ID is a scheme id, or a name or alias of one ("ExpertOpinion").
    """
    from argmap.catalogue import load_catalogue

    catalogue = load_catalogue()
    resolved = catalogue.resolve(scheme_id)
    scheme = catalogue.get(resolved)
    if scheme is None:
        raise InputError(f"no scheme {scheme_id!r} in the catalogue (`argmap schemes` lists them)")
    if as_json or ctx.obj:
        echo_json(_as_dict(scheme))
        return
    click.echo(f"{scheme.name} ({scheme.id})")
    if scheme.aliases:
        click.echo(_wrap("also called: " + ", ".join(scheme.aliases), ""))
    click.echo("premises:")
    for p in scheme.premises:
        click.echo(_wrap(f"{p.role}: {p.text}", "  "))
    click.echo("conclusion:")
    click.echo(_wrap(scheme.conclusion, "  "))
    click.echo("critical questions:")
    for q in scheme.questions:
        click.echo(_wrap(f"{q.id} [{q.type}]: {q.text}", "  "))


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(text, width=88, initial_indent=indent, subsequent_indent=indent + "    ")


def _as_dict(scheme) -> dict:
    return scheme.model_dump(exclude={"origin"})
