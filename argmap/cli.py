"""The `argmap` command's entry point. The click group is in cli_group.py (`cli`,
also reachable here as argmap.cli.cli); a plain `argmap evaluate FRAMEWORK` runs
without it (commands/_framework.py says why)."""

from __future__ import annotations

import os
import sys

# argmap uses no pydantic plugins; looking for them scans every installed package's
# metadata (~20 ms of every command's start-up).
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def main() -> None:
    try:
        if sys.argv[1:2] == ["evaluate"]:
            from argmap.commands._framework import fast

            if fast(sys.argv[2:]):
                return
        from argmap.cli_group import cli

        cli(prog_name="argmap")
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(1)


def __getattr__(name: str):
    """`cli` and the rest of the click group, imported on first use (not for the
    import system's own questions, such as `from argmap.cli import main` asking for
    __path__)."""
    if name.startswith("__"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import argmap.cli_group

    try:
        return getattr(argmap.cli_group, name)
    except AttributeError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None


if __name__ == "__main__":
    main()
