"""End to end: drive the real `argmap` in tmux as a person would (create a map in
the workspace, add reasons, an objection and a co-premise, edit, undo, quit) and
check the saved JSON. Polls the screen instead of sleeping."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

ARGMAP = Path(sys.executable).parent / "argmap"

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None or not ARGMAP.exists(), reason="needs tmux and the argmap script")


class Tmux:
    def __init__(self, cwd: Path, command: str, width: int = 100, height: int = 30) -> None:
        self.name = f"argmap-test-{uuid.uuid4().hex[:8]}"
        # a private tmux server (socket): other tmux users cannot disturb the test
        self.tmux = ["tmux", "-L", self.name]
        env = {"ARGMAP_CONFIG_DIR": str(cwd / "config"), "XDG_STATE_HOME": str(cwd / "state"), "TERM": "xterm-256color"}
        exports = " ".join(f"{k}={v}" for k, v in env.items())
        subprocess.run(
            [*self.tmux, "new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), "-c", str(cwd),
             f"env {exports} {command}; echo ARGMAP-EXITED-$?; sleep 30"],
            check=True,
        )

    def send(self, *keys: str, literal: bool = False) -> None:
        args = [*self.tmux, "send-keys", "-t", self.name]
        if literal:
            args.append("-l")
        subprocess.run(args + list(keys), check=True)

    def type(self, text: str) -> None:
        self.send(text, literal=True)

    def screen(self) -> str:
        return subprocess.run([*self.tmux, "capture-pane", "-p", "-t", self.name], capture_output=True, text=True, check=True).stdout

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} did not appear; screen:\n{self.screen()}")

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True)  # our private server only


@pytest.fixture
def tmux_session(tmp_path):
    sessions: list[Tmux] = []

    def start(command: str, **kw) -> Tmux:
        (tmp_path / "config").mkdir(exist_ok=True)
        t = Tmux(tmp_path, command, **kw)
        sessions.append(t)
        return t

    yield start
    for t in sessions:
        t.close()


def argmap_pids(t: Tmux) -> list[int]:
    """The argmap process in the pane, which runs `sh -c "env ... argmap ..."`."""
    pid = int(subprocess.run([*t.tmux, "list-panes", "-t", t.name, "-F", "#{pane_pid}"], capture_output=True, text=True).stdout)
    return [grandchild for child in _children(pid) for grandchild in (_children(child) or [child])]


def _children(pid: int) -> list[int]:
    """Child processes, from /proc (no pgrep needed)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended meanwhile
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return sorted(found)


def test_build_a_map_from_the_keyboard(tmp_path, tmux_session):
    maps = tmp_path / "maps"
    maps.mkdir()
    t = tmux_session(f"{ARGMAP}")  # no PATH: opens ./maps/ (empty)
    t.wait_for("No maps in")
    t.send("n")  # and type at once, as a fast typist or a paste would
    t.type("Cities should ban cars")
    t.send("Enter")
    t.send("Enter")  # no title
    t.send("Enter")  # accept the file name derived from the thesis
    t.wait_for("◆ thesis")
    t.send("a")
    t.wait_for("New reason")
    t.type("Cars make streets dangerous")
    t.send("Enter")
    t.wait_for("+ reason    Cars make streets dangerous")
    # a burst without waiting: objection to the reason, then a reason for the thesis
    t.send("o")
    t.type("Modern cars brake by themselves")
    t.send("Enter", "k", "k", "a")  # up from the objection, past its reason, to the thesis
    t.type("Streets belong to people [b]not[/b] cars")
    t.send("Enter", "c")
    t.type("Public space should serve everyone")
    t.send("Enter")
    t.wait_for("linked: 2 premises together")
    # a typo, then undo it
    t.send("a")
    t.type("Typo claim")
    t.send("Enter")
    t.wait_for("Typo claim")
    t.send("C-z")
    t.wait_for("Undone")
    t.send("q")
    t.wait_for("ARGMAP-EXITED-0")

    saved = json.loads((maps / "cities-should-ban-cars.json").read_text())
    texts = {c["id"]: c["text"] for c in saved["claims"]}
    assert texts[saved["thesis"]] == "Cities should ban cars"
    assert "Typo claim" not in texts.values()
    by_text = {v: k for k, v in texts.items()}
    args = saved["arguments"]

    def arg_with(premise_text):
        return next(a for a in args if by_text[premise_text] in a["premises"])

    reason = arg_with("Cars make streets dangerous")
    assert reason["polarity"] == "support" and reason["target"] == saved["thesis"]
    objection = arg_with("Modern cars brake by themselves")
    assert objection["polarity"] == "attack" and objection["target"] == by_text["Cars make streets dangerous"]
    linked = arg_with("Streets belong to people [b]not[/b] cars")
    assert linked["target"] == saved["thesis"] and linked["polarity"] == "support"
    assert [texts[p] for p in linked["premises"]] == ["Streets belong to people [b]not[/b] cars", "Public space should serve everyone"]
    assert not any(p.name.endswith(".journal") for p in maps.iterdir())


def test_sigterm_saves_and_broken_map_shows_error(tmp_path, tmux_session):
    subprocess.run([str(ARGMAP), "new", "talk.json", "--thesis", "Trains beat planes"], cwd=tmp_path, check=True, capture_output=True)
    t = tmux_session(f"{ARGMAP} tui talk.json")
    t.wait_for("◆ thesis")
    t.send("a")
    t.type("Less CO2 per trip")
    t.send("Enter")
    t.wait_for("+ reason")
    for p in argmap_pids(t):
        os.kill(p, signal.SIGTERM)
    t.wait_for("ARGMAP-EXITED-")
    assert "Less CO2 per trip" in (tmp_path / "talk.json").read_text()

    (tmp_path / "bad.json").write_text('{"schema_version": 2, "thesis": "t", "claims": [}')
    before = (tmp_path / "bad.json").read_bytes()
    t2 = tmux_session(f"{ARGMAP} tui bad.json")
    t2.wait_for("Cannot open this map")
    t2.wait_for("bad.json:1:")
    t2.send("q")
    t2.wait_for("ARGMAP-EXITED-")
    assert (tmp_path / "bad.json").read_bytes() == before


def test_sigtstp_from_outside_saves_before_stopping(tmp_path, tmux_session):
    subprocess.run([str(ARGMAP), "new", "talk.json", "--thesis", "Trains beat planes"], cwd=tmp_path, check=True, capture_output=True)
    t = tmux_session(f"{ARGMAP} tui talk.json")
    t.wait_for("◆ thesis")
    (pid,) = argmap_pids(t)
    for key, text, shown in (("a", "Stations are in the centre", "+ reason"), ("o", "Planes are faster", "− objection")):
        t.send(key)
        t.type(text)
        t.send("Enter")
        t.wait_for(shown)
        os.kill(pid, signal.SIGTSTP)  # at once: before the journal's timer would have run
        _wait(lambda: _state(pid) == "T", "argmap did not stop on SIGTSTP")
        assert text in (tmp_path / "talk.json").read_text(), "the edit was not saved before stopping"
        os.kill(pid, signal.SIGCONT)
        t.wait_for(text)  # repainted; the second round shows the handler is back after resuming
    t.send("q")
    t.wait_for("ARGMAP-EXITED-0")


def _state(pid: int) -> str:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]  # after "(comm)": state, ppid, ...


def _wait(condition, message: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, message
        time.sleep(0.05)


WHO_TEXT = """Ambient air quality and health

Summary

Road traffic is the largest source of urban air pollution in many cities.
Cars cause most of the nitrogen dioxide that city dwellers breathe, and
the exposure is highest along busy streets.

Health effects

Exposure raises the risk of asthma and heart disease.
"""


def test_the_review_map_keyboard_only_with_a_quote_picked_from_the_source(tmp_path, tmux_session):
    """The newcomer review's 7-claim map, built from the keyboard in the real app:
    a new map with a title; a reason whose evidence names its source as people cite
    it ('WHO 2021': a new source, details asked in place) and whose quote is picked
    from the source's text file (search, whole sentence, enter); an objection, a
    rebuttal with an emoji, a linked reason with its co-premise, an undercut; a
    claim title. Then the saved JSON, and `argmap quotes` finds the quote verbatim
    without --source flags."""
    maps = tmp_path / "maps"
    maps.mkdir()
    (maps / "who.txt").write_text(WHO_TEXT, "utf-8")
    t = tmux_session(f"{ARGMAP}", width=120, height=35)
    t.wait_for("No maps in")
    t.send("n")
    t.type("Cities should ban cars from their centres")
    t.send("Enter")
    t.type("Car-free centres")
    t.send("Enter", "Enter")  # the file name derived from the title
    t.wait_for("◆ thesis")
    t.send("a")
    t.type("Cars cause most urban air pollution")
    t.send("Enter", "v")
    t.type("WHO 2021")
    t.send("Enter", "Enter", "Enter")  # authors and year as guessed from the name
    t.type("Ambient air quality")
    t.send("Enter")
    t.type("who.txt")
    t.send("Enter", "C-t")
    t.wait_for("Pick a quote: WHO 2021")
    t.send("/")
    t.type("nitrogen dioxide")
    t.send("Enter", "s")
    t.wait_for("selected 19 words at Summary, line 6")
    t.send("Enter")  # take it: quote and locator filled in
    t.wait_for("Summary, line 6")
    t.send("Enter")  # accept the evidence (the locator is the last field)
    t.wait_for("❝1")
    t.send("T")
    t.type("Air pollution")
    t.send("Enter", "o")
    t.type("Modern cars are much cleaner")
    t.send("Enter", "o")
    t.wait_for("New rebuttal")
    t.type("Tyre and brake dust remain 🚲")
    t.send("Enter", "Home", "a")
    t.type("Streets belong to people")
    t.send("Enter", "c")
    t.type("Public space should serve everyone")
    t.send("Enter")
    t.wait_for("linked: 2 premises together")
    t.send("Home", "j", "u")
    t.type("Pollution alone does not justify a ban")
    t.send("Enter")
    screen = t.wait_for("⊘ undercut")
    t.wait_for("↯ Air pollution")  # the undercut visibly defeats the reason's step
    assert "🚲" in screen
    t.send("q")
    t.wait_for("ARGMAP-EXITED-0")

    saved = json.loads((maps / "car-free-centres.json").read_text("utf-8"))
    assert saved["title"] == "Car-free centres"
    claims = {c["text"]: c for c in saved["claims"]}
    assert len(claims) == 7
    thesis = saved["thesis"]
    assert claims["Cities should ban cars from their centres"]["id"] == thesis
    reason = claims["Cars cause most urban air pollution"]
    assert reason["title"] == "Air pollution"
    assert reason["evidence"] == [{
        "source": "who-2021",
        "quote": "Cars cause most of the nitrogen dioxide that city dwellers breathe, and the exposure is highest along busy streets.",
        "locator": "Summary, line 6",
    }]
    assert saved["sources"] == [{"id": "who-2021", "authors": ["WHO"], "year": 2021, "title": "Ambient air quality", "text": "who.txt"}]
    arguments = {tuple(a["premises"]): a for a in saved["arguments"]}
    ids = {text: c["id"] for text, c in claims.items()}

    def arg(*texts):
        return arguments[tuple(ids[x] for x in texts)]

    support = arg("Cars cause most urban air pollution")
    assert (support["polarity"], support["target"]) == ("support", thesis)
    assert (arg("Modern cars are much cleaner")["polarity"], arg("Modern cars are much cleaner")["target"]) == ("attack", ids["Cars cause most urban air pollution"])
    assert arg("Tyre and brake dust remain 🚲")["target"] == ids["Modern cars are much cleaner"]
    assert arg("Streets belong to people", "Public space should serve everyone")["target"] == thesis
    assert arg("Pollution alone does not justify a ban")["target"] == support["id"]  # an undercut of the step

    checked = subprocess.run([str(ARGMAP), "quotes", "car-free-centres.json"], cwd=maps, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "1 verbatim" in checked.stdout
