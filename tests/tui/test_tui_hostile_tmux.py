"""The real `argmap` in tmux on a map whose preferred evaluation is exponential:
`S` (preferred semantics) then `q` must end the process (it ran on for hours in a
worker thread). The evaluation is bounded by work (about 2 s) and says why it stopped."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from test_tui_tmux import pytestmark, tmux_session  # noqa: F401 - the fixture and the tmux skip

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.hostile import dense_disputes  # noqa: E402


def test_quitting_during_an_exponential_evaluation_ends_the_process(tmp_path, tmux_session):  # noqa: F811
    (tmp_path / "dense.json").write_text(json.dumps(dense_disputes(150, 0.05)))
    t = tmux_session(f"{sys.executable} -m argmap tui dense.json")
    t.wait_for("a0")
    t.send("S")  # grounded -> preferred: the search starts in a worker thread
    time.sleep(0.5)
    t.send("q")
    screen = t.wait_for("ARGMAP-EXITED-", timeout=15)
    assert "ARGMAP-EXITED-0" in screen, screen
