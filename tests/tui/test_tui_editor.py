"""Pilot tests of the map editor: every action, with undo and redo of each change."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import DataTable, OptionList

from argmap.model import ArgumentMap
from argmap.store import dumps, load_map
from argmap.tui.app import create_app
from argmap.tui.dialogs import ErrorScreen, HelpScreen, Prompt
from argmap.tui.evidence import EvidenceForm
from argmap.tui.editor import MapEditor
from argmap.tui.keymap import load_config
from tui_helpers import screen_is, until, workers_done
from argmap.tui.session import journal_path

SIZE = (100, 30)


def app_for(*paths: Path, config=None):
    return create_app(list(paths), config=config or load_config(), watch_signals=False)


def doc(app) -> ArgumentMap:
    return app.screen.session.document


def snapshot(app) -> bytes:
    return dumps(doc(app))


def labels(app) -> list[str]:
    """Labels of the materialised tree rows, depth-first."""
    out = []

    def walk(node, depth):
        for child in node.children:
            out.append("  " * depth + child.label.plain)
            walk(child, depth + 1)

    walk(app.screen.tree.root, 0)
    return out


def cursor_row(app):
    node = app.screen.tree.cursor_node
    return node.data if node else None


async def select(pilot, claim_id: str, argument: str | None = None) -> None:
    assert pilot.app.screen.tree.select_claim(claim_id, prefer_argument=argument)
    await pilot.pause()
    assert cursor_row(pilot.app)[1] == claim_id


async def type_text(pilot, text: str) -> None:
    await pilot.press(*text)


async def undo_redo(pilot, before: bytes, after: bytes) -> None:
    """ctrl+z restores `before` exactly, ctrl+y brings back `after`."""
    await pilot.press("ctrl+z")
    assert snapshot(pilot.app) == before
    await pilot.press("ctrl+y")
    assert snapshot(pilot.app) == after


async def test_opens_tree_with_roles_and_literal_text(small_map):
    app = app_for(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await screen_is(pilot, MapEditor)
        rows = labels(app)
        assert "◆ thesis" in rows[0] and "Cities should ban cars" in rows[0]
        joined = "\n".join(rows)
        assert "+ reason" in joined and "− objection" in joined
        assert "linked: 2 premises together" in joined
        assert "not connected to the thesis (1)" in joined
        assert "❝1" in joined and "#safety" in joined  # evidence and tag markers
        await select(pilot, "b1")
        assert "[b]elsewhere[/x]" in app.screen.tree.cursor_node.label.plain  # no markup parsing
        assert "rebuttal" in app.screen.tree.cursor_node.label.plain
        await select(pilot, "u1")
        assert "undercut" in app.screen.tree.cursor_node.label.plain
        await select(pilot, "r3", "a2")
        assert "shared" in app.screen.tree.cursor_node.label.plain  # r3 is used twice
        assert "used in 2 places" in app.screen.detail_plain()


@pytest.mark.parametrize(
    "key, start, polarity",
    [("a", "t", "support"), ("o", "t", "attack"), ("a", "o1", "support"), ("o", "b1", "attack")],
)
async def test_add_reason_and_objection_type_enter(small_map, key, start, polarity):
    app = app_for(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, start)
        before = snapshot(app)
        await pilot.press(key)
        await type_text(pilot, "A new claim.")
        await pilot.press("enter")
        d = doc(app)
        new = d.claims[-1]
        assert new.text == "A new claim."
        a = d.arguments[-1]
        assert (a.premises, a.polarity, a.target) == ([new.id], polarity, start)
        assert cursor_row(app)[1] == new.id  # the new claim is selected
        after = snapshot(app)
        await undo_redo(pilot, before, after)


async def test_burst_of_keys_lands_in_order(small_map):
    """`a`, text, `enter`, `o`, text, `enter` sent without pauses (as tmux or a fast
    typist does) builds a reason and an objection to it."""
    app = app_for(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, "t")
        keys = ["a", *"Fast one", "enter", "o", *"Against it", "enter"]
        for k in keys:  # post all keys before the app processes any
            app._driver.send_message(__import__("textual.events", fromlist=["Key"]).Key(k if k != " " else "space", k if len(k) == 1 else ("\r" if k == "enter" else None)))
        await pilot.pause(0.3)
        d = doc(app)
        texts = [c.text for c in d.claims]
        assert texts[-2:] == ["Fast one", "Against it"]
        a_obj = d.arguments[-1]
        assert a_obj.polarity == "attack" and a_obj.target == d.claims[-2].id


async def test_escape_cancels_add(small_map):
    app = app_for(small_map)
    async with app.run_test(size=SIZE) as pilot:
        before = snapshot(app)
        await pilot.press("a", *"nothing", "escape")
        assert snapshot(app) == before
        assert app.screen.focused is app.screen.tree
        await pilot.press("a", "enter")  # empty text adds nothing
        assert snapshot(app) == before


async def test_add_co_premise(small_map):
    app = app_for(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, "r1", "a1")
        before = snapshot(app)
        await pilot.press("c", *"Linked premise", "enter")
        a1 = next(a for a in doc(app).arguments if a.id == "a1")
        assert len(a1.premises) == 2 and doc(app).claim(a1.premises[1]).text == "Linked premise"
        assert any("linked: 2 premises together" in r for r in labels(app))
        await undo_redo(pilot, before, snapshot(app))


async def test_add_undercut(small_map):
    app = app_for(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, "o1", "a3")
        before = snapshot(app)
        await pilot.press("u", *"Inference fails", "enter")
        a = doc(app).arguments[-1]
        assert a.target == "a3" and a.polarity == "attack"
        assert "undercut" in app.screen.tree.cursor_node.label.plain
        await undo_redo(pilot, before, snapshot(app))


@pytest.mark.parametrize("key", ["e", "enter"])
async def test_edit_text_with_line_break(small_map, key):
    app = app_for(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, "r2", "a2")
        before = snapshot(app)
        await pilot.press(key, "ctrl+a") if False else await pilot.press(key)
        area = app.screen.query_one("#editor-input")
        assert area.text == "Streets are public space that cars take up."
        area.load_text("")
        await pilot.press(*"Line one", "alt+enter", *"line two", "enter")
        assert doc(app).claim("r2").text == "Line one\nline two"
        await undo_redo(pilot, before, snapshot(app))


async def test_edit_tags_and_note(small_map):
    app = app_for(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, "r3", "a2")
        before = snapshot(app)
        await pilot.press("t", *"econ, #transport", "enter")
        assert doc(app).claim("r3").tags == ["econ", "transport"]
        await undo_redo(pilot, before, snapshot(app))
        before = snapshot(app)
        await pilot.press("m", *"Source needed", "enter")
        assert doc(app).claim("r3").note == "Source needed"
        await undo_redo(pilot, before, snapshot(app))


async def test_edit_evidence_form(small_map):
    app = app_for(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, "r2", "a2")
        before = snapshot(app)
        await pilot.press("v")
        await screen_is(pilot, EvidenceForm)
        # a new source: its details are asked right here (authors and year guessed from the name)
        await pilot.press(*"new2024", "enter", "enter", "enter", *"A new study", "enter", "enter", *"exact words", "enter", *"p. 7", "enter")
        await pilot.pause()
        d = doc(app)
        e = d.claim("r2").evidence[0]
        assert (e.source, e.quote, e.locator) == ("new2024", "exact words", "p. 7")
        assert d.sources[-1].id == "new2024" and d.sources[-1].title == "A new study"
        await undo_redo(pilot, before, snapshot(app))


async def test_delete_leaf_and_subtree_with_confirm(small_map):
    app = app_for(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, "u1")
        before = snapshot(app)
        await pilot.press("d")  # a leaf: no question
        assert "u1" not in {c.id for c in doc(app).claims}
        await undo_redo(pilot, before, snapshot(app))
        await pilot.press("ctrl+z")
        await select(pilot, "o1", "a3")
        before = snapshot(app)
        await pilot.press("delete")
        await screen_is(pilot, Prompt)
        await pilot.press("n")
        await pilot.pause()
        assert snapshot(app) == before
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        ids = {c.id for c in doc(app).claims}
        assert "o1" not in ids and "b1" not in ids and "r3" in ids  # r3 is still used by a2
        await undo_redo(pilot, before, snapshot(app))


async def test_thesis_cannot_be_deleted(small_map):
    app = app_for(small_map)
    async with app.run_test(size=SIZE) as pilot:
        before = snapshot(app)
        await pilot.press("d")
        await screen_is(pilot, MapEditor)
        assert snapshot(app) == before


async def test_cut_and_paste_moves_subtree(small_map):
    app = app_for(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, "o1", "a3")
        before = snapshot(app)
        await pilot.press("x")
        assert "✂" in app.screen.tree.cursor_node.label.plain
        await select(pilot, "r1", "a1")
        await pilot.press("p")
        a3 = next(a for a in doc(app).arguments if a.id == "a3")
        assert a3.target == "r1"
        assert cursor_row(app)[1] == "o1"
        await undo_redo(pilot, before, snapshot(app))
        # pasting into its own subtree is refused and changes nothing
        await select(pilot, "o1", "a3")
        await pilot.press("x")
        await select(pilot, "b1", "a4")
        current = snapshot(app)
        await pilot.press("p")
        assert snapshot(app) == current


async def test_reorder_siblings(small_map):
    app = app_for(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, "o1", "a3")
        before = snapshot(app)
        await pilot.press("alt+up")
        assert [a.id for a in doc(app).arguments][:3] == ["a1", "a3", "a2"]
        assert cursor_row(app)[1] == "o1"
        await undo_redo(pilot, before, snapshot(app))
        await select(pilot, "r2", "a2")
        before = snapshot(app)
        await pilot.press("alt+down")
        assert next(a for a in doc(app).arguments if a.id == "a2").premises == ["r3", "r2"]
        await undo_redo(pilot, before, snapshot(app))


async def test_undo_everything_then_redo_everything(small_map):
    app = app_for(small_map)
    async with app.run_test(size=SIZE) as pilot:
        original = snapshot(app)
        await pilot.press("a", *"one", "enter", "o", *"two", "enter", "e", "ctrl+e", "enter")
        await pilot.press("t", *"x", "enter", "m", *"n", "enter")
        changed = snapshot(app)
        for _ in range(10):
            await pilot.press("ctrl+z")
        assert snapshot(app) == original
        for _ in range(10):
            await pilot.press("ctrl+y")
        assert snapshot(app) == changed


async def test_navigation_keys(small_map):
    app = app_for(small_map)
    async with app.run_test(size=SIZE) as pilot:
        tree = app.screen.tree
        await pilot.press("j")
        assert cursor_row(app)[1] == "r1"
        await pilot.press("l")  # expand r1 (it has an undercut)
        assert tree.cursor_node.is_expanded
        await pilot.press("l")  # into the first child
        assert cursor_row(app)[1] == "u1"
        await pilot.press("h")  # to the parent
        assert cursor_row(app)[1] == "r1"
        await pilot.press("h")  # collapse
        assert not tree.cursor_node.is_expanded
        await pilot.press("down", "up", "k")
        assert cursor_row(app)[1] == "t"
        await pilot.press("left")
        assert not tree.cursor_node.is_expanded
        await pilot.press("right")
        assert tree.cursor_node.is_expanded


async def test_search_next_previous(small_map):
    app = app_for(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"street", "enter")
        assert cursor_row(app)[1] == "r1"
        await pilot.press("n")
        assert cursor_row(app)[1] == "r2"
        await pilot.press("n")
        assert cursor_row(app)[1] == "r1"  # wraps
        await pilot.press("N")
        assert cursor_row(app)[1] == "r2"
        await pilot.press("slash", *"zzz", "enter")
        assert cursor_row(app)[1] == "r2"  # no match: stays
        await pilot.press("slash", *"revenue", "escape")
        assert not app.screen.query_one("#search").display


async def test_problems_panel_jumps(small_map):
    app = app_for(small_map)
    async with app.run_test(size=SIZE) as pilot:
        problems = app.screen.query_one("#problems", OptionList)
        assert problems.option_count == 1
        await pilot.press("w")
        assert app.screen.focused is problems
        await pilot.press("enter")
        await pilot.pause()
        assert cursor_row(app) == ("claim", "x1", None)
        assert app.screen.focused is app.screen.tree


async def test_save_and_quit_write_canonical_file(small_map):
    app = app_for(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"Saved reason", "enter", "ctrl+s")
        saved = load_map(small_map).document
        assert saved.claims[-1].text == "Saved reason"
        assert small_map.read_bytes() == dumps(saved)
        assert not journal_path(small_map).exists()
        await pilot.press("o", *"Unsaved objection", "enter")
        await pilot.press("q")  # quit flushes
    assert load_map(small_map).document.claims[-1].text == "Unsaved objection"


async def test_undoing_every_change_leaves_the_map_clean(small_map):
    original = small_map.read_bytes()
    app = app_for(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"Second thoughts", "enter")
        assert app.screen.title.endswith(" ●")
        await pilot.press("ctrl+z")
        assert not app.screen.title.endswith(" ●"), "back at the file's version: nothing unsaved"
        await pilot.pause(1.0)  # past the journal's delay: nothing to journal
        assert not journal_path(small_map).exists()
        await pilot.press("q")
    assert small_map.read_bytes() == original


async def test_journal_written_within_a_second(small_map):
    app = app_for(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"In the journal", "enter")
        # journalled 0.4 s after the change: a crash loses about a second at most (slack for loaded CI)
        await until(pilot, journal_path(small_map).exists, timeout=1.5)
        j = json.loads(journal_path(small_map).read_text())
        assert j["map"]["claims"][-1]["text"] == "In the journal"
        assert "In the journal" not in small_map.read_text()  # not autosaved yet
        await until(pilot, lambda: "In the journal" in small_map.read_text(), timeout=6)  # autosaved
        await until(pilot, lambda: not journal_path(small_map).exists())


async def test_journal_recovered_after_crash(small_map):
    # a first session that "crashes": its journal stays behind
    app = app_for(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"Lost in a crash", "enter")
        app.screen.session.write_journal()
        app.screen.autosave_paused = True
        app.screen.session.history.mark_saved()  # pretend: nothing flushed on exit
    assert "Lost in a crash" not in small_map.read_text()
    assert journal_path(small_map).exists()
    app = app_for(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await screen_is(pilot, Prompt)
        await pilot.press("r")
        await pilot.pause()
        assert doc(app).claims[-1].text == "Lost in a crash"
        assert app.screen.session.dirty
        await pilot.press("ctrl+s")
    assert "Lost in a crash" in small_map.read_text()
    assert not journal_path(small_map).exists()


async def test_journal_discarded(small_map):
    app = app_for(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"Unwanted", "enter")
        app.screen.session.write_journal()
        app.screen.session.history.mark_saved()
    app = app_for(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert "Unwanted" not in [c.text for c in doc(app).claims]
    assert not journal_path(small_map).exists()


def _change_on_disk(path: Path) -> None:
    data = json.loads(path.read_text())
    data["title"] = "Changed by someone else"
    path.write_text(json.dumps(data, indent=2) + "\n")


@pytest.mark.parametrize("answer", ["k", "r", "c"])
async def test_conflict_on_save(small_map, answer):
    app = app_for(small_map)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.autosave_paused = False
        await pilot.press("a", *"Mine", "enter")
        _change_on_disk(small_map)
        await pilot.press("ctrl+s")
        await screen_is(pilot, Prompt)
        assert "Changed by someone else" in small_map.read_text()  # not overwritten
        await pilot.press(answer)
        await pilot.pause()
        text = small_map.read_text()
        if answer == "k":
            assert "Mine" in text and "Changed by someone else" not in text
        elif answer == "r":
            assert doc(app).title == "Changed by someone else"
            assert "Mine" not in [c.text for c in doc(app).claims]
        else:
            copy = small_map.with_name("small.mine.json")
            assert "Mine" in copy.read_text() and "Changed by someone else" in text
            assert app.screen.session.path == copy


async def test_change_on_disk_reloads_clean_map_and_asks_for_dirty(small_map):
    app = app_for(small_map)
    async with app.run_test(size=SIZE) as pilot:
        _change_on_disk(small_map)
        await until(pilot, lambda: doc(app).title == "Changed by someone else")  # clean: reloaded
        await pilot.press("a", *"Mine", "enter")
        data = json.loads(small_map.read_text())
        data["title"] = "Changed again"
        small_map.write_text(json.dumps(data) + "\n")
        await screen_is(pilot, Prompt)
        await pilot.press("escape")
        await pilot.pause()
        assert "Changed again" in small_map.read_text()  # never overwritten silently


async def test_broken_map_shows_error_screen_and_writes_nothing(broken_map):
    before = broken_map.read_bytes()
    app = app_for(broken_map)
    async with app.run_test(size=SIZE) as pilot:
        await screen_is(pilot, ErrorScreen)
        text = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "broken.json:6:3" in text and "invalid JSON" in text
        await pilot.press("escape")
    assert broken_map.read_bytes() == before
    assert sorted(p.name for p in broken_map.parent.iterdir() if p.is_file()) == ["broken.json"]


async def test_help_and_palette(small_map):
    app = app_for(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await screen_is(pilot, HelpScreen)
        await pilot.press("escape")
        await pilot.press("f1")
        await screen_is(pilot, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await screen_is(pilot, CommandPalette)
        await pilot.press(*"Objection")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await screen_is(pilot, MapEditor)
        await pilot.press(*"From the palette", "enter")
        assert doc(app).claims[-1].text == "From the palette"


async def test_keymap_remaps_keys(small_map, _isolated_config):
    (_isolated_config / "keymap.toml").write_text('add_reason = "plus"\nundo = "ctrl+u"\ntheme = "light"\n')
    app = app_for(small_map, config=load_config())
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "textual-light"
        before = snapshot(app)
        await pilot.press("a")  # no longer bound
        assert snapshot(app) == before
        await pilot.press("plus", *"Remapped", "enter")
        assert doc(app).claims[-1].text == "Remapped"
        await pilot.press("ctrl+u")
        assert snapshot(app) == before


async def test_keymap_unknown_id_is_reported(small_map, _isolated_config):
    (_isolated_config / "keymap.json").write_text('{"add_reasn": "plus"}')
    app = app_for(small_map, config=load_config())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("add_reasn" in n.message for n in app._notifications)


def test_every_binding_has_an_id():
    from argmap.tui.app import APP_BINDINGS, known_binding_ids
    from argmap.tui.compare import COMPARE_BINDINGS
    from argmap.tui.editor import EDITOR_BINDINGS
    from argmap.tui.tree import MapTree

    for b in APP_BINDINGS + EDITOR_BINDINGS + COMPARE_BINDINGS + MapTree.BINDINGS:
        assert b.id, b
    assert {"add_reason", "undo", "compare_link", "cursor_down", "quit"} <= known_binding_ids()


async def test_workspace_lists_and_creates_maps(small_map, broken_map):
    folder = small_map.parent
    app = app_for(folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2
        cells = str([table.get_row_at(i) for i in range(2)])
        assert "Cars in cities" in cells and "cannot open" in cells
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Trains beat planes", "enter", *"Rail or air", "enter", "enter")
        await screen_is(pilot, MapEditor)
        created = folder / "rail-or-air.json"  # named after the title
        assert load_map(created).document.claims[0].text == "Trains beat planes"
        assert load_map(created).document.title == "Rail or air"
        await pilot.press("a", *"Less CO2", "enter", "escape")
        await pilot.pause()
        assert app.screen.query_one(DataTable).row_count == 3  # back in the workspace
        assert "Less CO2" in created.read_text()  # leaving the editor saved it


async def test_light_and_dark_theme_toggle(small_map):
    app = app_for(small_map)
    async with app.run_test(size=SIZE) as pilot:
        first = app.theme
        await pilot.press("f2")
        assert app.theme != first


async def test_mouse_click_selects_row(small_map):
    app = app_for(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tree = app.screen.tree
        await pilot.click(tree, offset=(10, 2))  # third line: the linked group
        await pilot.pause()
        assert tree.cursor_line == 2


async def test_render_writes_svg_into_exports(tmp_path):
    import shutil as _sh

    maps = tmp_path / "maps"
    maps.mkdir()
    target = maps / "small.json"
    _sh.copy(Path(__file__).parent / "maps" / "small.json", target)
    app = app_for(target)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await workers_done(app)
        await pilot.pause()
        out = tmp_path / "exports" / "small.svg"
        assert app.last_render == out
        assert out.read_text().lstrip().startswith(("<?xml", "<svg"))
        assert "Cities should ban cars" in out.read_text()
    # the figure `argmap render` draws by default (fitted to A4), not the unfitted poster
    cli = tmp_path / "cli.svg"
    subprocess.run([sys.executable, "-m", "argmap", "render", str(target), "-o", str(cli)], check=True, capture_output=True)
    assert out.read_bytes() == cli.read_bytes()


async def test_incremental_tree_refresh_matches_full_refresh(small_map):
    """After each change the tree refreshes only rows the change touched; a full
    refresh afterwards must change nothing (random changes, everything expanded)."""
    import random

    from argmap import edit as E

    app = app_for(small_map)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        tree = screen.tree
        rng = random.Random(7)

        def expand_all():
            stack = list(tree.root.children)
            while stack:
                node = stack.pop()
                if node.allow_expand and len(tree.row_path(node)) < 6:
                    tree._load(node)
                    node.expand()
                    stack.extend(node.children)

        def shape():
            out = []

            def walk(node, depth):
                for c in node.children:
                    out.append((depth, c.data, c.label.plain, c.allow_expand))
                    walk(c, depth + 1)

            walk(tree.root, 0)
            return out

        for _ in range(40):
            expand_all()
            d = doc(app)
            claims = [c.id for c in d.claims]
            args = [a.id for a in d.arguments]
            pick = rng.randrange(7)
            if pick == 0:
                change = E.add_reason(rng.choice(claims), "r")
            elif pick == 1:
                change = E.add_objection(rng.choice(claims), "o")
            elif pick == 2 and args:
                change = E.add_co_premise(rng.choice(args), "c")
            elif pick == 3 and args:
                a = rng.choice(d.arguments)
                change = E.delete_claim(rng.choice(a.premises), a.id)
            elif pick == 4 and args:
                change = E.move_argument(rng.choice(args), rng.choice(claims))
            elif pick == 5 and args:
                change = E.reorder_argument(rng.choice(args), rng.choice((-1, 1)))
            else:
                change = E.edit_text(rng.choice(claims), f"text {rng.random():.3f}")
            if rng.random() < 0.2 and d is not None:
                await pilot.press("ctrl+z")
            else:
                screen.apply(change, select=False)
            incremental = shape()
            tree.sync()  # full
            assert shape() == incremental


async def test_evidence_form_moves_between_items_and_adds(small_map):
    app = app_for(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, "r1", "a1")
        await pilot.press("v")
        form = await screen_is(pilot, EvidenceForm)
        assert form.position == (0, 1)
        await pilot.press("ctrl+o")  # a new item
        await until(pilot, lambda: isinstance(app.screen, EvidenceForm) and app.screen.position == (None, 1))
        await pilot.press(*"s1", "enter", *"second quote", "enter", *"p. 9", "enter")  # a known source: no details asked
        await screen_is(pilot, MapEditor)
        assert [e.quote for e in doc(app).claim("r1").evidence] == ["Most urban road deaths are pedestrians.", "second quote"]
        await pilot.press("v", "ctrl+n")
        await until(pilot, lambda: isinstance(app.screen, EvidenceForm) and app.screen.position == (1, 2))
        await pilot.press("escape")


async def test_enter_in_delete_prompt_keeps(small_map):
    app = app_for(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, "o1", "a3")
        before = snapshot(app)
        await pilot.press("d")
        await screen_is(pilot, Prompt)
        await pilot.press("enter")
        await screen_is(pilot, MapEditor)
        assert snapshot(app) == before


async def test_suspend_flushes_unsaved_changes(small_map):
    app = app_for(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"Saved on suspend", "enter")
        assert "Saved on suspend" not in small_map.read_text()
        app.app_suspend_signal.publish(app)  # what App.suspend() announces
        await pilot.pause()
        assert "Saved on suspend" in small_map.read_text()
        assert not journal_path(small_map).exists()


def test_keymap_theme_at_the_top_beside_a_keymap_table(_isolated_config):
    (_isolated_config / "keymap.toml").write_text('theme = "light"\n\n[keymap]\nundo = "ctrl+u"\n')
    cfg = load_config()
    assert cfg.theme == "light" and cfg.keymap == {"undo": "ctrl+u"} and not cfg.problems
