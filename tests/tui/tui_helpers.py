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
