"""Undoing every change leaves the map file byte-identical to how it was opened, even
after an autosave in between (no timestamp-only diff in git); a real change does
stamp `modified`."""

from __future__ import annotations

import json

from argmap.edit import add_reason
from argmap.store import load_map
from argmap.tui.session import MapSession, create_map


def test_undone_changes_restore_the_file_exactly(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    path = tmp_path / "m.json"
    create_map(path, "Cities should ban cars")
    original = path.read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # later edits get a later stamp
    loaded = load_map(path)
    session = MapSession(path, loaded.document, loaded.fingerprint)

    session.history.apply(add_reason(session.document.thesis, "Cars are loud."))
    session.save()  # an autosave while the reason exists
    changed = json.loads(path.read_bytes())
    assert changed["modified"] != json.loads(original)["modified"]
    assert any(c["text"] == "Cars are loud." for c in changed["claims"])

    session.history.undo()
    session.save()
    assert path.read_bytes() == original
