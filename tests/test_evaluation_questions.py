"""`evaluate --questions`: critical questions in the verdict (Carneades' reading), on a
small map whose labelling is worked out by hand, and the report of which open
questions could change the verdict."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.analysis.evaluation import evaluate_map, translate
from argmap.analysis.evaluation.questions import challenges, open_questions, question_report
from argmap.catalogue import BUNDLED, Catalogue, read_file
from argmap.model import ArgumentMap
from argmap.store import load_map

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "examples" / "close-centre.json"
CATALOGUE = Catalogue(read_file(BUNDLED))


def argmap(*args: str, config: Path | None = None) -> subprocess.CompletedProcess:
    env = os.environ | ({"ARGMAP_CONFIG_DIR": str(config)} if config else {})
    return subprocess.run([sys.executable, "-m", "argmap", *args], capture_output=True, text=True, env=env, cwd=ROOT)


@pytest.fixture
def m() -> ArgumentMap:
    return load_map(EXAMPLE).document


# Worked by hand (grounded). The map: a1 (expert opinion: lee + expert -> t), whose
# `expert` assumption is answered by a2 (board -> expert), `field` and `said` set
# aside, and whose `trust` exception is raised by the undercut a3 (paid), itself
# defeated by a5 (accounts -> attacks paid); a4 (positive consequences: air -> t)
# with no question answered.
#
# ignore: lee, board, air, accounts, paid are granted; a5 stands, so paid is rejected
# and a3 falls; a2 stands, so expert is accepted; a1 and a4 stand: t accepted.
IGNORE_CLAIMS = {"t": "accepted", "lee": "accepted", "expert": "accepted", "board": "accepted",
                 "paid": "rejected", "accounts": "accepted", "air": "accepted"}
IGNORE_ARGS = {"a1": "accepted", "a2": "accepted", "a3": "rejected", "a4": "accepted", "a5": "accepted"}
# open: a1's `evidence` assumption is open, an undecided challenge, so a1 is undecided
# (its `expert` challenge is out: its answer a2 stands); a4's `likely` and `evidence`
# are open too: a4 undecided. Neither reason stands nor falls: t undecided. Open
# exceptions (a1 consensus, a4 bad-too) do not count.
OPEN_CLAIMS = IGNORE_CLAIMS | {"t": "undecided"}
OPEN_ARGS = IGNORE_ARGS | {"a1": "undecided", "a4": "undecided"}


def test_hand_computed_labelling_ignore_and_open(m):
    ev = evaluate_map(m, "grounded")
    assert (ev.labels, ev.argument_labels) == (IGNORE_CLAIMS, IGNORE_ARGS)
    ev = evaluate_map(m, "grounded", challenges=challenges(m, CATALOGUE))
    assert (ev.labels, ev.argument_labels) == (OPEN_CLAIMS, OPEN_ARGS)
    assert ev.why["t"] == "reason a1 is undecided"


def test_challenges_in_the_framework(m):
    chal = challenges(m, CATALOGUE)
    assert chal == [("a1", "expert", "a2"), ("a1", "evidence", None), ("a4", "likely", None), ("a4", "evidence", None)]
    af = translate(m, None, None, chal).framework
    attacks = {(af.names[a], af.names[b]) for a, b in af.attacks()}
    assert {("arg:a2", "cq:a1/expert"), ("cq:a1/expert", "arg:a1")} <= attacks  # answered: rests on a2
    assert {("cq:a1/evidence", "ans:a1/evidence"), ("ans:a1/evidence", "cq:a1/evidence"), ("cq:a1/evidence", "arg:a1")} <= attacks
    assert not any("consensus" in name or "field" in name for name in af.names)  # exceptions, set aside


@pytest.mark.parametrize("semantics", ["preferred", "stable"])
def test_challenges_are_undecided_under_every_semantics(m, semantics):
    ev = evaluate_map(m, semantics, challenges=challenges(m, CATALOGUE))
    assert ev.extension_count > 0  # the challenge gadget is a two-cycle, not a self-attack
    assert ev.labels["t"] == "undecided" and ev.argument_labels["a1"] == "undecided"


def test_settling_every_assumption_restores_the_verdict(m):
    data = json.loads(EXAMPLE.read_text())
    for a in data["arguments"]:
        if a.get("scheme"):
            listed = {q["id"] for q in a.get("questions", [])}
            a["questions"] = a.get("questions", []) + [{"id": q.id, "state": "set-aside", "note": "granted"}
                                                       for q in CATALOGUE.get(a["scheme"]).questions if q.id not in listed]
    settled = ArgumentMap.model_validate(data)
    assert open_questions(settled, CATALOGUE) == []
    assert evaluate_map(settled, "grounded", challenges=challenges(settled, CATALOGUE)).labels == IGNORE_CLAIMS


def test_report_says_which_questions_could_change_the_verdict(m):
    r = question_report(m, "t", "grounded", "open", CATALOGUE)
    assert [q.key for q in r.open] == ["a1/evidence", "a1/consensus", "a4/likely", "a4/evidence", "a4/bad-too"]
    assert r.counted == {"a1/evidence", "a4/likely", "a4/evidence"}
    # answering a1's evidence question lets a1 stand, and t with it; so does answering
    # both of a4's open assumptions (one alone leaves a4 undecided)
    assert (r.answer.sets, r.answer.size, r.answer.exact) == ([["a1/evidence"], ["a4/evidence", "a4/likely"]], 1, True)
    # pressing one exception leaves the other reason undecided; pressing both defeats t
    assert (r.press.sets, r.press.size) == ([["a1/consensus", "a4/bad-too"]], 2)
    # ignored, the questions count for nothing yet: pressing any one question of each
    # reason (an unanswered attack on a1 and one on a4) would defeat t
    ignored = question_report(m, "t", "grounded", "ignore", CATALOGUE)
    assert ignored.answer is None and ignored.press.size == 2 and ignored.press.count == 1
    assert ignored.press.sets == [["a1/evidence|consensus", "a4/likely|evidence|bad-too"]]


def test_evaluate_command_with_questions(tmp_path):
    r = argmap("evaluate", str(EXAMPLE), "--questions", "open", config=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "thesis t is undecided" in r.stdout
    assert "  a1/evidence   assumption  Does E's assertion rest on evidence E can point to?" in r.stdout
    assert "answering would change the verdict, any of 2 sets:\n  {a1/evidence}\n  {a4/evidence, a4/likely}\n" in r.stdout
    plain = argmap("evaluate", str(EXAMPLE), config=tmp_path)
    assert "thesis t stands (accepted)" in plain.stdout
    assert "open critical questions: 5 (3 assumptions); not counted in the verdict; --questions open lists them" in plain.stdout
    assert "a1/evidence" not in argmap("evaluate", str(EXAMPLE), "--why", config=tmp_path).stdout  # --why alone does not list them
    data = json.loads(argmap("evaluate", str(EXAMPLE), "--questions", "open", "--json", config=tmp_path).stdout)
    assert data["thesis"]["label"] == "undecided"
    assert data["questions"]["answer"]["sets"] == [["a1/evidence"], ["a4/evidence", "a4/likely"]]
    assert {q["question"]: q["counted"] for q in data["questions"]["open"]}["consensus"] is False


def test_framework_out_carries_the_challenges(tmp_path):
    out = tmp_path / "af.apx"
    assert argmap("evaluate", str(EXAMPLE), "--questions", "open", "--framework-out", str(out), config=tmp_path).returncode == 0
    assert "att(cq:a1/evidence,arg:a1)." in out.read_text()


def test_comparison_lists_questions_per_thesis(tmp_path):
    shutil.copy(EXAMPLE, tmp_path / "centre.json")
    (tmp_path / "other.json").write_text(json.dumps({
        "schema_version": 2, "thesis": "k", "claims": [{"id": "k", "text": "Keep the centre open."},
                                                          {"id": "shops", "text": "Shops need cars."}],
        "arguments": [{"id": "b1", "premises": ["shops"], "polarity": "support", "target": "k"}]}))
    (tmp_path / "x.compare.json").write_text(json.dumps({
        "schema_version": 2, "left": "centre.json", "right": "other.json",
        "links": [{"left": "t", "right": "k", "kind": "contradicts"}]}))
    r = argmap("evaluate", str(tmp_path / "x.compare.json"), "--questions", "open", "--json", config=tmp_path)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["left"]["alone"] == "undecided"
    assert [q["argument"] for q in data["left"]["questions"]["open"]][:2] == ["left:a1", "left:a1"]
    assert "questions" not in data["right"]
    text = argmap("evaluate", str(tmp_path / "x.compare.json"), "--questions", "open", config=tmp_path).stdout
    assert "  left:a1/evidence" in text


def test_a_broken_user_catalogue_stops_only_the_counting(tmp_path):
    (tmp_path / "schemes.toml").write_text("[[schemes]\n")
    r = argmap("evaluate", str(EXAMPLE), "--questions", "open", config=tmp_path)
    assert r.returncode == 2 and "schemes.toml: invalid TOML" in r.stderr and "Traceback" not in r.stderr
    assert argmap("evaluate", str(EXAMPLE), config=tmp_path).returncode == 0


def test_questions_is_for_maps(tmp_path):
    af = tmp_path / "f.tgf"
    af.write_text("a\nb\n#\na b\n")
    r = argmap("evaluate", str(af), "--questions", "open")
    assert r.returncode == 2 and "--questions" in r.stderr


def test_too_many_open_questions_are_listed_not_searched(m, monkeypatch):
    import argmap.analysis.evaluation.questions as questions

    monkeypatch.setattr(questions, "MAX_SEARCHED", 1)
    r = question_report(m, "t", "grounded", "open", CATALOGUE)
    assert r.skipped == 2 and r.answer is None and r.press is None and len(r.open) == 5
