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


async def burst(app, *keys: str) -> None:
    """Keys as a terminal delivers a paste or a fast typist: each handled at once, in
    order, with no pause for the screen to settle (Pilot's press waits after each)."""
    from textual import events

    names = {" ": "space", "/": "slash", "?": "question_mark", "[": "left_square_bracket", "]": "right_square_bracket", ".": "full_stop", ",": "comma", ";": "semicolon", ":": "colon", "-": "minus", "'": "apostrophe"}
    for k in keys:
        if len(k) == 1:
            key, char = names.get(k, k), k
        else:
            key, char = k, {"enter": "\r", "tab": "\t", "escape": "\x1b"}.get(k)
        await app.on_event(events.Key(key, char))


def claim_nodes(tree, *, shown_only: bool = False):
    """The claim rows of a MapTree that are materialised (`shown_only`: those one
    can see, every ancestor open)."""
    stack = list(tree.root.children)
    while stack:
        node = stack.pop()
        if node.data and node.data[0] == "claim":
            yield node
        if node.is_expanded or not shown_only:
            stack.extend(node.children)
