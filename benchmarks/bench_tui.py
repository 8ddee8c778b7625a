"""The terminal UI on big synthetic maps: time to a usable editor, and the time a
keystroke that adds or edits a claim takes to update the screen.

Runs the real app headless (Textual's run_test, 120x40). "Open" is from creating the
app to the first idle screen with the tree shown (load, index, lint, first paint).
"Add"/"edit" is one `enter` in the inline editor until the app is idle again (the
change, the tree update, the detail panel, the repaint). Medians."""

from __future__ import annotations

import asyncio
import statistics
import time

from benchmarks.harness import synthetic_map, table

SIZES = (1_000, 5_000, 20_000)
REPEAT = 7


async def _open_once(path) -> float:
    from argmap.tui.app import create_app
    from argmap.tui.keymap import UserConfig

    t0 = time.perf_counter()
    app = create_app([path], config=UserConfig(), watch_signals=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.screen.tree.cursor_node is not None
        elapsed = time.perf_counter() - t0
        app.screen.autosave_paused = True
        app.screen.session.history.mark_saved()  # never write the cached benchmark map
    return elapsed * 1000


async def _keystrokes(path, expand: int) -> dict[str, float]:
    from argmap.tui.app import create_app
    from argmap.tui.keymap import UserConfig

    app = create_app([path], config=UserConfig(), watch_signals=False)
    out: dict[str, list[float]] = {"add": [], "edit": [], "undo": []}
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
        await pilot.pause()
        for i in range(REPEAT):
            await pilot.press("a", "x")
            t0 = time.perf_counter()
            await pilot.press("enter")
            out["add"].append((time.perf_counter() - t0) * 1000)
            await pilot.press("e", "y")
            t0 = time.perf_counter()
            await pilot.press("enter")
            out["edit"].append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            await pilot.press("ctrl+z")
            out["undo"].append((time.perf_counter() - t0) * 1000)
            await pilot.press("ctrl+z", "k")
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
        open_rows.append([f"{n:,}", statistics.median(opens), _lint_ms(path)])
        if n == 5_000:
            for expand in (50, 1_000, 5_000):
                r = asyncio.run(_keystrokes(path, expand))
                key_rows.append([f"{n:,}", f"{int(r['shown']):,}", r["add"], r["edit"], r["undo"]])
    return (
        table("TUI: open a map to a usable editor (ms, median)", ["claims", "open", "of which lint"], open_rows)
        + "\n"
        + table(
            "TUI: one keystroke, change to repainted screen (ms, median; target < 100)",
            ["claims", "rows shown", "add (enter)", "edit (enter)", "undo"],
            key_rows,
        )
    )


if __name__ == "__main__":
    print(run())
