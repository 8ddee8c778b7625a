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
from tests.hostile import chain, dense_disputes  # noqa: E402


def test_quitting_during_an_exponential_evaluation_ends_the_process(tmp_path, tmux_session):  # noqa: F811
    (tmp_path / "dense.json").write_text(json.dumps(dense_disputes(150, 0.05)))
    t = tmux_session(f"{sys.executable} -m argmap tui dense.json")
    t.wait_for("a0")
    t.send("S")  # grounded -> preferred: the search starts in a worker thread
    time.sleep(0.5)
    t.send("q")
    screen = t.wait_for("ARGMAP-EXITED-", timeout=15)
    assert "ARGMAP-EXITED-0" in screen, screen


def test_escape_sequences_in_claims_are_shown_not_obeyed(tmp_path, tmux_session):  # noqa: F811
    """A claim held OSC 2 (window title), CSI 2J (clear) and OSC 52 (clipboard):
    the TUI passed them to the terminal."""
    import subprocess

    m = {"schema_version": 2, "thesis": "t",
         "claims": [{"id": "t", "text": "Thesis \x1b]2;PWNED\x07 and \x1b[2J more"},
                    {"id": "r", "text": "Reason \x1b]52;c;cHduZWQ=\x07 end"}],
         "arguments": [{"id": "a", "premises": ["r"], "polarity": "support", "target": "t"}]}
    (tmp_path / "esc.json").write_text(json.dumps(m))
    t = tmux_session(f"{sys.executable} -m argmap tui esc.json")
    screen = t.wait_for("Reason")
    assert "\u241b]2;PWNED and \u241b[2J more" in screen and "\u241b]52;c;cHduZWQ= end" in screen, screen
    title = subprocess.run([*t.tmux, "display", "-p", "-t", t.name, "#{pane_title}"], capture_output=True, text=True).stdout
    assert "PWNED" not in title
    t.send("q")
    t.wait_for("ARGMAP-EXITED-0")


def test_expanding_a_chain_1200_deep_shows_levels_a_view_at_a_time(tmp_path, tmux_session):  # noqa: F811
    """E on a chain 1,200 claims deep crashed the app (RecursionError in Textual's
    Tree at ~960 open levels): a view shows 20 levels, the last one opens the next."""
    (tmp_path / "deep.json").write_text(json.dumps(chain(1200)))
    t = tmux_session(f"{sys.executable} -m argmap tui deep.json", width=120, height=40)
    t.wait_for("Claim c1.")
    t.send("E")
    t.send("End")
    t.wait_for("⋯ → deeper")
    t.send("Right")
    screen = t.wait_for("↑ 20 levels up (←)")
    assert "Claim c20." in screen and "Claim c21." in screen, screen
    t.send("q")
    assert "ARGMAP-EXITED-0" in t.wait_for("ARGMAP-EXITED-", timeout=15)
