"""A chain of claims 1,010 deep (each the single reason of the one above) in the TUI
(issue 21): expanding everything hit a RecursionError in Textual's Tree at ~960
open levels. A view shows at most LEVELS levels; the last level opens as a new view
(→) and ← on its top row goes back up, so any depth can be walked."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from argmap.tui import create_app
from argmap.tui.tree import LEVELS

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.hostile import chain  # noqa: E402

DEPTH = 1010


async def test_expanding_and_walking_a_very_deep_chain_never_crashes(tmp_path):
    (tmp_path / "deep.json").write_text(json.dumps(chain(DEPTH)))
    app = create_app([tmp_path / "deep.json"], watch_signals=False)
    async with app.run_test(size=(120, 40)) as pilot:
        tree = app.screen.tree
        await pilot.press("E", "end")
        await pilot.pause()
        assert tree.cursor_node.data[1] == f"c{LEVELS}"  # the last level of the first view
        views = 0
        while tree.cursor_node.data[1] != f"c{DEPTH}":
            await pilot.press("right", "E", "end")  # open the last level as a view, all of it
            views += 1
            assert views <= DEPTH // LEVELS, tree.cursor_node.data
        await pilot.pause()
        assert len(tree.row_path(tree.cursor_node)) == DEPTH + 1 and tree.base[-1] == ("claim", f"c{DEPTH // LEVELS * LEVELS}", f"a{DEPTH // LEVELS * LEVELS - 1}")
        top = DEPTH // LEVELS * LEVELS
        await pilot.press("home", "left", "left")  # the view's top row: close it, then back up
        await pilot.pause()
        assert tree.cursor_node.data[1] == f"c{top}" and len(tree.base) == top - LEVELS + 1
        await pilot.press("q")
    assert app.return_code in (None, 0)


async def test_selecting_a_claim_deep_down_shows_the_view_that_holds_it(tmp_path):
    """Search, undo and the compare view select claims by their full row path."""
    (tmp_path / "deep.json").write_text(json.dumps(chain(DEPTH)))
    app = create_app([tmp_path / "deep.json"], watch_signals=False)
    async with app.run_test(size=(120, 40)) as pilot:
        tree = app.screen.tree
        assert tree.select_claim("c987")
        await pilot.pause()
        assert tree.cursor_node.data[1] == "c987" and len(tree.row_path(tree.cursor_node)) == 988
        assert tree._depth(tree.cursor_node) < LEVELS
        assert tree.select_claim("c3")
        await pilot.pause()
        assert tree.base == [] and tree.cursor_node.data[1] == "c3"


async def test_deleting_the_top_of_a_view_and_undoing_it_keeps_the_tree_whole(tmp_path):
    """The view's top row deleted (with everything below it, after asking): the view
    no longer exists, the tree falls back to the whole map; undo brings it back."""
    (tmp_path / "deep.json").write_text(json.dumps(chain(3 * LEVELS)))
    app = create_app([tmp_path / "deep.json"], watch_signals=False)
    async with app.run_test(size=(120, 40)) as pilot:
        tree = app.screen.tree
        assert tree.select_claim(f"c{LEVELS + 3}")
        await pilot.pause()
        assert tree.base and tree.cursor_node.data[1] == f"c{LEVELS + 3}"
        await pilot.press("home", "d", "y")  # the top row: c{LEVELS}, and all below it
        await pilot.pause()
        assert f"c{LEVELS}" not in app.screen.session.index.claims
        assert tree.base == [] and tree.root.children[0].data[1] == "c0"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert f"c{LEVELS}" in app.screen.session.index.claims
        assert tree.select_claim(f"c{3 * LEVELS}")
        await pilot.pause()
        assert len(tree.row_path(tree.cursor_node)) == 3 * LEVELS + 1
        await pilot.press("q")
    assert app.return_code in (None, 0)


async def test_a_deep_cursor_is_where_it_was_when_the_map_is_opened_again(tmp_path):
    (tmp_path / "deep.json").write_text(json.dumps(chain(3 * LEVELS)))
    app = create_app([tmp_path / "deep.json"], watch_signals=False)
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.screen.tree.select_claim(f"c{2 * LEVELS + 5}")
        await pilot.pause()
        await pilot.press("q")
    app = create_app([tmp_path / "deep.json"], watch_signals=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        tree = app.screen.tree
        assert tree.cursor_node.data[1] == f"c{2 * LEVELS + 5}" and len(tree.base) == 2 * LEVELS + 1
