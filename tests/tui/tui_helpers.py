"""Helpers shared by the TUI test modules (tests/tui is on sys.path under pytest)."""

from __future__ import annotations

import asyncio


async def workers_done(app) -> None:
    """Wait for the lint / evaluation / render workers; an exclusive worker that a
    newer one replaced raises WorkerCancelled, which only means: wait again."""
    from textual.worker import WorkerCancelled

    for _ in range(50):
        try:
            await app.workers.wait_for_complete()
            return
        except WorkerCancelled:
            await asyncio.sleep(0.01)


async def screen_is(pilot, cls, timeout: float = 5.0):
    """Wait until the app shows a screen of type `cls` (screen switches are
    asynchronous and slow on a loaded machine); fail after `timeout` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not isinstance(pilot.app.screen, cls):
        assert loop.time() < deadline, f"expected {cls.__name__}, got {pilot.app.screen!r}"
        await pilot.pause(0.02)
    return pilot.app.screen


async def until(pilot, condition, timeout: float = 5.0) -> None:
    """Wait until `condition()` holds (polling), fail after `timeout` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "condition not met in time"
        await pilot.pause(0.02)
