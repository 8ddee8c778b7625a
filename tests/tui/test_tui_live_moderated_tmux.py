"""A moderated live session end to end in tmux on loopback: a host, a participant
proposing in the map editor, a moderator who opens the queue (P), accepts one
proposal and rejects the other; the saved JSON holds exactly the accepted one and
both terminals show the decisions."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import time
from pathlib import Path

from test_tui_tmux import ARGMAP, pytestmark, tmux_session  # noqa: F401  (fixture, skip rule)


def _join_commands(server: subprocess.Popen) -> tuple[str, str]:
    participant = moderator = None
    while moderator is None:
        line = server.stderr.readline()
        assert line, "serve stopped"
        found = re.search(r"argmap join '(ws://[^']+)'", line)
        if found and "role=moderator" in found.group(1):
            moderator = found.group(1)
        elif found:
            participant = found.group(1)
    assert participant and moderator and participant.split("token=")[1] != moderator.split("token=")[1].split("&")[0]
    return participant, moderator


def _wait_until(terminal, condition, timeout: float = 15.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        screen = terminal.screen()
        if condition(screen):
            return screen
        time.sleep(0.1)
    raise AssertionError("not shown in time; screen:\n" + terminal.screen())


def _rows(screen: str) -> str:
    """The tree's rows below the thesis (notifications elsewhere still quote proposals)."""
    return "\n".join(line.split("▌")[0] for line in screen.splitlines() if line.startswith(("├─", "└─")))


def _saved(path: Path) -> dict:
    return json.loads(path.read_text())


def test_a_moderator_accepts_one_proposal_and_rejects_another_in_tmux(tmp_path: Path, tmux_session):  # noqa: F811
    path = tmp_path / "seminar.json"
    subprocess.run([str(ARGMAP), "new", str(path), "--thesis", "Seminars should map arguments."], check=True)
    server = subprocess.Popen([str(ARGMAP), "serve", str(path), "--port", "0", "--moderated"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        participant, moderator = _join_commands(server)
        ana = tmux_session(f"{ARGMAP} join '{participant}' --name ana", width=110, height=26)
        mod = tmux_session(f"{ARGMAP} join '{moderator}' --name mod", width=110, height=26)
        ana.wait_for("Seminars should map arguments.")
        mod.wait_for("moderator: 0 proposals pending")
        ana.send("a")
        ana.type("Maps make disagreement visible.")
        ana.send("Enter")
        ana.wait_for("(pending)")
        ana.send("k", "o")
        ana.type("Maps take too long.")
        ana.send("Enter")
        ana.wait_for("moderated: 2 proposals pending")
        screen = _wait_until(ana, lambda screen: screen.count("(pending)") == 2)
        assert "− objection (pending)" in screen and "+ reason    (pending)" in screen, screen
        mod.wait_for("moderator: 2 proposals pending")
        _wait_until(mod, lambda screen: screen.count("(by ana) ") == 2)
        time.sleep(0.5)
        assert "Maps make disagreement visible." not in path.read_text()  # proposals are not saved
        mod.send("P")
        queue = mod.wait_for("2 proposals pending · you are a moderator")
        assert "ana  + reason for «Seminars should map arguments.»" in queue, queue
        assert "ana  - objection to «Seminars should map arguments.»" in queue, queue
        mod.send("y")  # accept the first (the reason)
        mod.wait_for("1 proposal pending · you are a moderator")
        mod.send("r")  # reject the other (the objection)
        mod.wait_for("0 proposals pending · you are a moderator")
        mod.send("Escape")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            saved = _saved(path)
            if [c["text"] for c in saved["claims"]][1:] == ["Maps make disagreement visible."]:
                break
            time.sleep(0.1)
        # ana's terminal: the accepted reason without its tag, the objection gone
        screen = ana.wait_for("moderated: 0 proposals pending")
        tree = _rows(screen)
        assert "Maps make disagreement visible." in tree and "#proposed" not in screen, screen
        assert "Maps take too long." not in tree, screen
        assert "(pending)" not in screen, screen
        screen = _wait_until(mod, lambda screen: "you are a moderator" not in screen)  # the queue closed
        assert "moderator: 0 proposals pending" in screen, screen
        tree = _rows(screen)
        assert "+ reason    ✓ Maps make disagreement visible." in tree and "Maps take too long." not in tree, screen
    finally:
        server.send_signal(signal.SIGTERM)
        _, err = server.communicate(timeout=20)
    saved = _saved(path)
    assert [c["text"] for c in saved["claims"]] == ["Seminars should map arguments.", "Maps make disagreement visible."]
    assert all(not c.get("tags") for c in saved["claims"])
    assert [(a["polarity"], a["target"]) for a in saved["arguments"]] == [("support", saved["thesis"])]
    assert "mod joined as a moderator" in err and "ana joined (" in err
