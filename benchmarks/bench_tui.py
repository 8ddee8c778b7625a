"""The terminal UI on big synthetic maps: time to a usable editor, and the time a
keystroke that adds or edits a claim takes to update the screen.

Runs the real app headless (Textual's run_test, 120x40). "Open" is from creating the
app to the first idle screen with the tree shown (load, index, lint, first paint).
"Add"/"edit" is one `enter` in the inline editor, from the key arriving to the first
frame painted after the change (the change, the tree update, the detail panel, the
layout and render of the frame); lint and evaluation then run in threads. "cursor
move" is a plain `j` for comparison. Medians."""

from __future__ import annotations

import asyncio
import statistics
import time

from benchmarks.harness import synthetic_map, table

SIZES = (1_000, 5_000, 20_000)
REPEAT = 7


async def _open_once(path) -> tuple[float, float]:
    """ms from creating the app to the first painted frame of the editor with its
    tree (load, index, first layout and paint; lint and evaluation follow in threads)."""
    from argmap.tui.app import create_app
    from argmap.tui.editor import MapEditor
    from argmap.tui.keymap import UserConfig

    t0 = time.perf_counter()
    app = create_app([path], config=UserConfig(), watch_signals=False)
    painted: list[float] = []
    original = app._display

    def display(screen, renderable):
        if renderable is not None and not painted and isinstance(screen, MapEditor) and screen.is_mounted:
            try:
                ready = screen.tree.cursor_node is not None
            except Exception:  # noqa: BLE001 - not composed yet
                ready = False
            if ready:
                painted.append(time.perf_counter())
        return original(screen, renderable)

    app._display = display
    async with app.run_test(size=(120, 40)) as pilot:
        while not painted:
            await asyncio.sleep(0.001)
        await _workers_done(app)  # lint and evaluation, in threads
        settled = time.perf_counter()
        await _settle(app, pilot)
        app.screen.autosave_paused = True
        app.screen.session.history.mark_saved()  # never write the benchmark map
    return (painted[0] - t0) * 1000, (settled - t0) * 1000


async def _workers_done(app) -> None:
    from textual.worker import WorkerCancelled

    for _ in range(20):
        try:
            await app.workers.wait_for_complete()
            return
        except WorkerCancelled:  # an exclusive worker replaced by a newer one
            await asyncio.sleep(0.01)


async def _settle(app, pilot) -> None:
    for _ in range(2):
        await _workers_done(app)
        await pilot.pause(0.05)


async def _latency(app, pilot, key: str, done) -> float:
    """ms from a key arriving (as from the terminal) to the first frame painted
    after `done()` became true."""
    from textual import events

    painted: list[float] = []
    original = app._display

    def display(screen, renderable):
        if renderable is not None and not painted and done():
            painted.append(time.perf_counter())
        return original(screen, renderable)

    app._display = display
    try:
        char = key if len(key) == 1 else ("\r" if key == "enter" else None)
        t0 = time.perf_counter()
        app._driver.send_message(events.Key(key, char))
        deadline = t0 + 10
        while not painted and time.perf_counter() < deadline:
            await asyncio.sleep(0.001)
    finally:
        app._display = original
    return (painted[0] - t0) * 1000 if painted else float("nan")


async def _keystrokes(path, expand: int) -> dict[str, float]:
    from argmap.tui.app import create_app
    from argmap.tui.keymap import UserConfig

    app = create_app([path], config=UserConfig(), watch_signals=False)
    out: dict[str, list[float]] = {"move": [], "add": [], "edit": [], "undo": []}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == "MapEditor", screen
        screen.autosave_paused = True
        tree = screen.tree
        # open rows breadth-first until `expand` rows are shown
        queue = list(tree.root.children)
        shown = len(queue)
        while queue and shown < expand:
            node = queue.pop(0)
            tree._load(node)
            node.expand()
            shown += len(node.children)
            queue.extend(node.children)
        await _settle(app, pilot)
        history = screen.session.history
        for i in range(REPEAT):
            line = tree.cursor_line
            out["move"].append(await _latency(app, pilot, "j", lambda: tree.cursor_line != line))
            await _settle(app, pilot)
            await pilot.press("a", "x")
            rev = history.revision
            out["add"].append(await _latency(app, pilot, "enter", lambda: history.revision > rev))
            await _settle(app, pilot)
            await pilot.press("e", "y")
            rev = history.revision
            out["edit"].append(await _latency(app, pilot, "enter", lambda: history.revision > rev))
            await _settle(app, pilot)
            rev = history.revision
            out["undo"].append(await _latency(app, pilot, "ctrl+z", lambda: history.revision > rev))
            await _settle(app, pilot)
            await pilot.press("ctrl+z", "k")
            await _settle(app, pilot)
        screen.session.history.mark_saved()
        for t in (screen._journal_timer, screen._autosave_timer):
            if t is not None:
                t.stop()
        app.wait_for_journals()
        screen.session.delete_journal()  # the next run must not be asked to recover
    return {k: statistics.median(v) for k, v in out.items()} | {"shown": shown}


def _lint_ms(path) -> float:
    from argmap.analysis.lint import lint
    from argmap.store import load_map
    from benchmarks.harness import median_ms

    m = load_map(path).document
    return median_ms(lambda: lint(m), repeat=5)


def _copy(n: int):
    """A private copy of the cached synthetic map (the app writes journals beside it)."""
    import shutil
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp(prefix="argmap-bench-tui-"))
    target = folder / f"map-{n}.json"
    shutil.copy(synthetic_map(n), target)
    return target


def run() -> str:
    open_rows = []
    key_rows = []
    for n in SIZES:
        path = _copy(n)
        opens = [asyncio.run(_open_once(path)) for _ in range(3 if n > 5_000 else 5)]
        open_rows.append([f"{n:,}", statistics.median(o[0] for o in opens), statistics.median(o[1] for o in opens), _lint_ms(path)])
        if n == 5_000:
            for expand in (50, 1_000, 5_000):
                r = asyncio.run(_keystrokes(path, expand))
                key_rows.append([f"{n:,}", f"{int(r['shown']):,}", r["move"], r["add"], r["edit"], r["undo"]])
    return (
        table(
            "TUI: open a map (ms, median; target: usable in < 1500 at 5,000 claims)",
            ["claims", "first frame, keys work", "lint + evaluation done (threads)", "lint alone"],
            open_rows,
        )
        + "\n"
        + table(
            "TUI: one keystroke to the first repainted frame showing it (ms, median; target < 100)",
            ["claims", "rows shown", "cursor move (j)", "add (enter)", "edit (enter)", "undo (ctrl+z)"],
            key_rows,
        )
    )


if __name__ == "__main__":
    print(run())
