"""Pilot tests of the compare view: sides, links, jumps, linking saved to the
.compare.json, editing either side, suggestions, evaluation markers, render."""

from __future__ import annotations

import json
from pathlib import Path


from argmap.store import load_comparison, load_comparison_with_maps, load_map
from argmap.tui.app import create_app
from argmap.tui.compare import CompareScreen, SuggestionList
from argmap.tui.dialogs import Prompt
from argmap.tui.keymap import UserConfig
from tui_helpers import screen_is, workers_done

SIZE = (120, 34)


def app_for(*paths: Path):
    return create_app(list(paths), config=UserConfig(), watch_signals=False)


def cursor(screen: CompareScreen, side: str):
    node = screen.tree_of(side).cursor_node
    return node.data if node else None


async def test_opens_side_by_side_with_links_marked(cars):
    app = app_for(cars)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        left = [c.label.plain for c in screen.tree_of("left").root.children[0].children]
        right = [c.label.plain for c in screen.tree_of("right").root.children[0].children]
        assert any("⇔" in x and "Shops depend" in x for x in left)
        assert all(x[0] in "+−±⊘" for x in left)  # compact: the role as its symbol
        assert any("⇔" in x and "Shops depend" in x for x in right)
        assert "⇎" in screen.tree_of("left").root.children[0].label.plain  # thesis: contradicts
        summary = str(screen.query_one("#summary").render())
        assert "8c 6a" in summary and "4c 3a" in summary  # claims and arguments per side
        assert "⇔1 ⇎1 ❝⇔0" in summary  # links by kind
        assert "ev 14%" in summary


async def test_tab_next_link_and_partner_highlight(cars):
    app = app_for(cars)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("right_square_bracket")
        assert cursor(screen, "left")[1] == "o1"
        assert cursor(screen, "right")[1] == "k1"  # the partner is highlighted
        assert "same worry" in screen.detail_plain()
        await pilot.press("right_square_bracket")
        assert cursor(screen, "left")[1] == "t"  # wraps around
        await pilot.press("left_square_bracket")
        assert cursor(screen, "left")[1] == "o1"
        await pilot.press("tab")
        assert screen.active == "right" and screen.focused is screen.tree_of("right")
        await pilot.press("tab")
        assert screen.active == "left"


async def test_link_claims_saved_in_comparison(cars):
    app = app_for(cars)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.tree_of("left").select_claim("r1")
        screen.tree_of("right").select_claim("k2")
        await pilot.pause()
        await pilot.press("L")
        await screen_is(pilot, Prompt)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"both about danger", "enter")
        await pilot.pause()
        saved = load_comparison(cars).document
        assert any(k.left == "r1" and k.right == "k2" and k.kind == "contradicts" and k.note == "both about danger" for k in saved.links)
        assert "⇎" in screen.tree_of("left").cursor_node.label.plain
        # the same pair again: remove the link
        await pilot.press("L")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert not any(k.left == "r1" for k in load_comparison(cars).document.links)


async def test_edit_either_side_and_save_both(cars):
    app = app_for(cars)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a", *"Left reason", "enter")
        await pilot.press("tab", "a", *"Right reason", "enter")
        screen = app.screen
        assert screen.sides["right"].document.claims[-1].text == "Right reason"
        await pilot.press("ctrl+z")
        assert screen.sides["right"].document.claims[-1].text != "Right reason"
        await pilot.press("ctrl+y")
        await pilot.press("ctrl+s")
        assert load_map(cars.parent / "small.json").document.claims[-1].text == "Left reason"
        assert load_map(cars.parent / "keep.json").document.claims[-1].text == "Right reason"
        # deleting a linked claim: the saved comparison stays loadable
        screen.tree_of("right").select_claim("k1")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("q")
    loaded = load_comparison_with_maps(cars)
    assert "k1" not in {c.id for c in loaded.right.document.claims}
    assert all(k.right != "k1" for k in loaded.comparison.document.links)


async def test_suggestions_select_partner(cars):
    app = app_for(cars)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.tree_of("left").select_claim("r1")
        await pilot.pause()
        await pilot.press("s")
        await screen_is(pilot, SuggestionList)
        await pilot.press("enter")
        await pilot.pause()
        assert cursor(screen, "right")[1] == "k2"  # "Cars make streets dangerous, but ..."


async def test_evaluation_markers_and_semantics_toggle(cars):
    app = app_for(cars)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await workers_done(app)
        await pilot.pause()
        screen = app.screen
        assert screen.semantics == "grounded"
        thesis = screen.tree_of("left").root.children[0].label.plain
        assert thesis[2:4] in ("✓ ", "✗ ", "? ")  # after the role symbol
        assert "✓" in str(screen.query_one("#summary").render())
        for expected in ("preferred", "stable", None, "grounded"):
            await pilot.press("S")
            assert screen.semantics == expected
        await pilot.press("S", "S", "S")
        assert screen.semantics is None
        assert screen.tree_of("left").root.children[0].label.plain[2:4] not in ("✓ ", "✗ ", "? ")


async def test_two_maps_create_comparison_on_first_link(cars):
    folder = cars.parent
    cars.unlink()
    app = app_for(folder / "small.json", folder / "keep.json")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        await pilot.press("L", "s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    created = folder / "small--keep.compare.json"
    data = json.loads(created.read_text())
    assert data["left"] == "small.json" and data["right"] == "keep.json"
    assert data["links"] == [{"left": "t", "right": "k", "kind": "same"}]


async def test_render_comparison(cars):
    app = app_for(cars)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await workers_done(app)
        await pilot.pause()
        assert app.last_render == cars.parent / "cars.svg"
        assert "<svg" in app.last_render.read_text()


async def test_conflict_on_the_right_side_is_resolved_there(cars):
    app = app_for(cars)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("tab", "a", *"Mine on the right", "enter")
        right = cars.parent / "keep.json"
        data = json.loads(right.read_text())
        data["title"] = "Changed on disk"
        right.write_text(json.dumps(data, indent=2) + "\n")
        await pilot.press("tab")  # the left side is active again when the prompt comes
        await pilot.press("ctrl+s")
        await screen_is(pilot, Prompt)
        assert "Changed on disk" in right.read_text()
        await pilot.press("k")  # keep mine: the right map is written, not the left one
        await screen_is(pilot, CompareScreen)
        assert "Mine on the right" in right.read_text()
        assert "Mine on the right" not in (cars.parent / "small.json").read_text()
