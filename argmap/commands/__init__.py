"""One module per `argmap` subcommand; each defines `command`, a click.Command.

The module name is the command name with '-' written as '_'. Modules whose name
starts with '_' are helpers, not commands.
"""
