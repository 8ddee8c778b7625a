"""The map editor on a live session (argmap/tui/live_bridge.py): a real `argmap serve`
on loopback, the editor driven by Pilot, and a second participant in the same loop."""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import anyio
import pytest

from argmap import edit
from argmap.live.client import connect
from argmap.tui.editor import MapEditor
from argmap.tui.keymap import load_config
from argmap.tui.live_bridge import LiveApp, _ready
from tui_helpers import screen_is, until

from tests.conftest import MAPS

BIN = Path(sys.executable).parent / "argmap"


@pytest.fixture
def served(tmp_path):
    path = tmp_path / "alliance.json"
    shutil.copy(MAPS / "informal-alliance.json", path)
    server = subprocess.Popen([str(BIN), "serve", str(path), "--port", "0"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 20
    url = None
    while url is None and time.monotonic() < deadline:
        found = re.search(r"argmap join '(ws://[^']+)'", server.stderr.readline())
        url = found.group(1) if found else None
    assert url, "serve printed no join command"
    yield path, url
    server.send_signal(signal.SIGTERM)
    server.communicate(timeout=20)


def texts(path: Path) -> list[str]:
    return [c["text"] for c in json.loads(path.read_text())["claims"]]


def tree_text(app) -> str:
    out = []

    def walk(node):
        for child in node.children:
            out.append(child.label.plain)
            walk(child)

    walk(app.screen.tree.root)
    return "\n".join(out)


async def test_the_editor_on_a_live_session_sends_and_shows_edits(served):
    path, url = served
    app = LiveApp(url, "ana", config=load_config(), watch_signals=False)
    async with app.run_test(size=(110, 32)) as pilot:
        await screen_is(pilot, MapEditor)
        await until(pilot, lambda: _ready(app.screen), timeout=10)
        assert app.screen.tree.select_claim("ia-thesis")
        await pilot.pause()
        # a reason typed in the editor reaches the host's file
        await pilot.press("a", *"Typed in the editor.", "enter")
        await until(pilot, lambda: "Typed in the editor." in texts(path), timeout=10)
        # another participant's edit shows in the tree
        async with connect(url, "ben") as ben:
            ben.apply(edit.add_objection("ia-thesis", "Ben objects."))
            await until(pilot, lambda: "Ben objects." in tree_text(app), timeout=10)
            # presence: ben's selection shows in ana's title, ana's selection reaches ben
            ben.presence.select("ia-thesis")
            await until(pilot, lambda: "with ben (ia-thesis)" in app.screen.title, timeout=10)
            await until(pilot, lambda: "[ben]" in tree_text(app).splitlines()[0], timeout=10)  # on ben's row
            await until(pilot, lambda: [s["name"] for s in ben.presence.others()] == ["ana"], timeout=10)
            assert ben.presence.others()[0]["at"]
            # undo takes back ana's change only
            await pilot.press("ctrl+z")
            await until(pilot, lambda: "Typed in the editor." not in texts(path), timeout=10)
            assert "Ben objects." in texts(path)
            await until(pilot, lambda: all(c.text != "Typed in the editor." for c in ben.map.claims), timeout=10)


async def test_following_a_participant_moves_the_cursor_with_theirs(served):
    path, url = served
    app = LiveApp(url, "projector", follow="ben", config=load_config(), watch_signals=False)
    async with app.run_test(size=(110, 32)) as pilot:
        await screen_is(pilot, MapEditor)
        await until(pilot, lambda: _ready(app.screen), timeout=10)
        async with connect(url, "ben") as ben:
            target = next(a.premises[0] for a in ben.map.arguments if a.target == "ia-thesis")
            for claim in (target, "ia-thesis"):
                ben.presence.select(claim)
                await until(pilot, lambda: app.screen.tree.cursor_node.data[1] == claim, timeout=10)


async def test_editing_a_claim_someone_deletes_meanwhile_ends_with_a_message(served):
    """The README's rule in the real editor: the deletion wins, the edit is refused
    with a message, and the session goes on."""
    path, url = served
    app = LiveApp(url, "ana", config=load_config(), watch_signals=False)
    async with app.run_test(size=(110, 32)) as pilot:
        await screen_is(pilot, MapEditor)
        await until(pilot, lambda: _ready(app.screen), timeout=10)
        async with connect(url, "ben") as ben:
            ben.apply(edit.add_reason("ia-thesis", "Soon deleted."))
            await until(pilot, lambda: "Soon deleted." in tree_text(app), timeout=10)
            victim = next(c.id for c in ben.map.claims if c.text == "Soon deleted.")
            assert app.screen.tree.select_claim(victim)
            await pilot.pause()
            await pilot.press("e", "end", *" More words.")  # ana is typing...
            ben.apply(edit.delete_claim(victim))  # ...when ben deletes the claim
            await until(pilot, lambda: "Soon deleted." not in tree_text(app), timeout=10)
            await pilot.press("enter")
            await pilot.pause()
            assert any("no item with id" in str(n.message) for n in app._notifications)
            ben.apply(edit.add_reason("ia-thesis", "Still working."))
            await until(pilot, lambda: "Still working." in tree_text(app), timeout=10)
    assert "Soon deleted." not in path.read_text()
