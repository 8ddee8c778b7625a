"""Run a live session's event loop so that its errors read like every other argmap
error: anyio task groups wrap what fails inside them in exception groups, which
would otherwise end the command with a traceback."""

from __future__ import annotations

from collections.abc import Callable

import anyio

from argmap.errors import ArgmapError, InputError


def run(fn: Callable, *args):
    """anyio.run(fn, *args); an ArgmapError inside a group is raised alone, a
    timeout becomes an InputError, ctrl+c returns None."""
    try:
        return anyio.run(fn, *args)
    except KeyboardInterrupt:
        return None
    except BaseExceptionGroup as group:
        found = _first(group, ArgmapError) or _first(group, TimeoutError)
        if isinstance(found, ArgmapError):
            raise found from None
        if found is not None:
            raise InputError("no answer from the host in time") from None
        raise


def _first(error: BaseException, kind: type) -> BaseException | None:
    if isinstance(error, kind):
        return error
    for inner in getattr(error, "exceptions", ()):
        found = _first(inner, kind)
        if found is not None:
            return found
    return None
