"""Errors that the CLI and the TUI turn into a clear message and an exit code."""

from __future__ import annotations

EXIT_OK = 0
EXIT_NO = 1  # the answer is "no": differences, --check failures, quotes not found
EXIT_BAD_INPUT = 2
EXIT_MISSING_TOOL = 3


def validation_message(error: dict) -> str:
    """One pydantic error's message as a user reads it (no "Value error, " in front)."""
    return error["msg"].removeprefix("Value error, ")


class ArgmapError(Exception):
    """A problem the user can fix; `str()` is the whole message, no traceback needed."""

    exit_code = EXIT_BAD_INPUT


class InputError(ArgmapError):
    """A file that cannot be read as a map: names the file, the place and the problem."""


class SaveConflictError(ArgmapError):
    """Saving would overwrite changes made on disk since the file was loaded."""


class MissingToolError(ArgmapError):
    """A required external program (Graphviz `dot`) is not installed."""

    exit_code = EXIT_MISSING_TOOL
