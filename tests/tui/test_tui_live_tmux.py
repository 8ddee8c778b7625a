"""End to end in tmux on loopback: a host and three participants in the real map
editor, keystrokes typed into the three terminals at once; the saved JSON holds
every addition and every terminal shows them all."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from test_tui_tmux import ARGMAP, pytestmark, tmux_session  # noqa: F401  (fixture, skip rule)


def test_three_participants_typing_at_once_in_tmux(tmp_path: Path, tmux_session):  # noqa: F811
    path = tmp_path / "seminar.json"
    subprocess.run([str(ARGMAP), "new", str(path), "--thesis", "Seminars should map arguments."], check=True)
    server = subprocess.Popen([str(ARGMAP), "serve", str(path), "--port", "0"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        url = None
        while url is None:
            found = re.search(r"argmap join '(ws://[^']+)'", server.stderr.readline())
            url = found.group(1) if found else None
        names = ("ana", "ben", "cem")
        terminals = [tmux_session(f"{ARGMAP} join '{url}' --name {n}", width=100, height=24) for n in names]
        for t in terminals:
            t.wait_for("Seminars should map arguments.")
        for t, name in zip(terminals, names):  # each starts adding before the others finish
            t.send("a")
        for t, name in zip(terminals, names):
            t.type(f"Reason typed by {name}.")
        for t in terminals:
            t.send("Enter")
        wanted = [f"Reason typed by {n}." for n in names]
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            saved = [c["text"] for c in json.loads(path.read_text())["claims"]]
            if all(w in saved for w in wanted):
                break
            time.sleep(0.1)
        assert all(w in saved for w in wanted), saved
        for t in terminals:
            for w in wanted:
                t.wait_for(w, timeout=10)
        # presence: each terminal marks the rows the two others have selected
        for t, name in zip(terminals, names):
            for other in names:
                if other != name:
                    t.wait_for(f"[{other}]", timeout=10)
        screens = [t.screen() for t in terminals]
        for screen in screens:
            assert all(w in screen for w in wanted), screen
    finally:
        server.send_signal(signal.SIGTERM)
        server.communicate(timeout=20)
    assert len(json.loads(path.read_text())["claims"]) == 4
