"""The `argmap` click group. Each subcommand lives in its own module in
argmap/commands/ and is imported only when it runs, so `argmap validate` never pays
for Textual. argmap.cli.main runs it."""

from __future__ import annotations

import importlib
import os

import click

from argmap import __version__
from argmap.errors import ArgmapError

COMMANDS_DIR = os.path.join(os.path.dirname(__file__), "commands")


def _module_name(command_name: str) -> str:
    return command_name.replace("-", "_")


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        names = (e.name[:-3] for e in os.scandir(COMMANDS_DIR) if e.name.endswith(".py"))
        return sorted(n.replace("_", "-") for n in names if not n.startswith("_"))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.list_commands(ctx):
            return None
        module = importlib.import_module(f"argmap.commands.{_module_name(cmd_name)}")
        return module.command

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ArgmapError as e:
            click.echo(f"argmap: {e}" if "\n" not in str(e) else str(e), err=True)
            ctx.exit(e.exit_code)
        except KeyboardInterrupt:
            click.echo("argmap: interrupted", err=True)
            ctx.exit(130)


CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(cls=LazyGroup, invoke_without_command=True, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="argmap")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Map arguments and compare competing theses.

    Run without a command to open the terminal UI on ./maps/ (or the bundled
    example maps). Exit codes: 0 ok, 1 the answer is "no" (differences, failed
    checks), 2 bad input or usage, 3 a required program (Graphviz dot) is missing.
    """
    if ctx.invoked_subcommand not in (None, "tui"):  # the TUI draws with escape sequences of its own
        from argmap.terminal import guard_terminal_output

        guard_terminal_output()
    if ctx.invoked_subcommand is None:
        tui = ctx.command.get_command(ctx, "tui")
        if tui is None:
            click.echo(ctx.get_help())
            return
        ctx.invoke(tui)
