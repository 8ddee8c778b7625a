"""A map a merge left conflicts in opens on the conflict list (the real app, Pilot):
both versions side by side; o / t / b / e decide; each decision is saved; the last
one opens the editor."""

from __future__ import annotations

import json
from pathlib import Path

from tui_helpers import screen_is, until

from argmap import edit
from argmap.analysis.merge import merge_maps
from argmap.tui.keymap import load_config
from argmap.model import ArgumentMap
from argmap.store import dumps, load_map
from argmap.tui.app import create_app
from argmap.tui.conflicts import ConflictScreen
from argmap.tui.editor import MapEditor

SIZE = (110, 34)


def conflicted(tmp_path: Path) -> Path:
    base = ArgumentMap.model_validate({
        "schema_version": 2, "title": "T", "thesis": "t",
        "claims": [{"id": "t", "text": "Thesis."}, {"id": "r", "text": "Reason."}, {"id": "o", "text": "Objection."}],
        "arguments": [{"id": "a1", "premises": ["r"], "polarity": "support", "target": "t"},
                      {"id": "a2", "premises": ["o"], "polarity": "attack", "target": "t"}],
    })

    def side(*changes):
        m = base.model_copy(deep=True)
        for change in changes:
            edit.History(m).apply(change)
        return m

    ours = side(edit.edit_text("r", "Ours says."), edit.edit_note("o", "ours note"))
    theirs = side(edit.edit_text("r", "Theirs says."), edit.edit_note("o", "theirs note"), edit.edit_title("t", "Title"))
    m = merge_maps(base, ours, theirs).map
    assert [c.id for c in m.conflicts] == ["r", "o"]
    path = tmp_path / "m.json"
    path.write_bytes(dumps(m))
    return path


async def test_conflicts_are_decided_one_by_one_then_the_map_opens(tmp_path):
    path = conflicted(tmp_path)
    app = create_app([path], config=load_config(), watch_signals=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await screen_is(pilot, ConflictScreen)
        assert "Ours says." in str(screen.query_one("#ours").render())
        assert "Theirs says." in str(screen.query_one("#theirs").render())
        await pilot.press("b")  # two texts of a claim: 'both' makes no sense
        await pilot.pause()
        assert len(load_map(path).document.conflicts) == 2
        await pilot.press("t")
        await until(pilot, lambda: len(load_map(path).document.conflicts) == 1)
        m = load_map(path).document
        assert m.claim("r").text == "Theirs says." and m.claim("t").title == "Title"
        await pilot.press("b")  # two notes: both kept
        await screen_is(pilot, MapEditor)
    m = load_map(path).document
    assert m.conflicts == [] and m.claim("o").note == "ours note\n\ntheirs note"


async def test_edit_takes_a_version_written_by_hand_and_escape_leaves_the_rest(tmp_path):
    path = conflicted(tmp_path)
    app = create_app([path], config=load_config(), watch_signals=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await screen_is(pilot, ConflictScreen)
        await pilot.press("e")
        await pilot.pause()
        area = screen.query_one("#conflict-text")
        version = json.loads(area.text)
        version["text"] = "Written by hand."
        area.text = json.dumps(version)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: len(load_map(path).document.conflicts) == 1)
        assert load_map(path).document.claim("r").text == "Written by hand."
        await pilot.press("escape")
        await screen_is(pilot, MapEditor)
    assert len(load_map(path).document.conflicts) == 1  # left for later, still in the file
