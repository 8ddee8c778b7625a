"""Critical questions in the map (schema 3): states, checks, versions, lint, diff,
and what the AIF and Argdown importers make of other tools' scheme data."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.analysis.diff import diff_maps, format_text
from argmap.analysis.lint import lint
from argmap.formats.aif import from_aif
from argmap.formats import import_argdown_text
from argmap.model import ArgumentMap
from argmap.store import dumps, load_map
from tests.conftest import INTEROP, require


def doc(questions: list[dict] | None = None, scheme: str | None = "expert-opinion", version: int = 3) -> dict:
    a1: dict = {"id": "a1", "premises": ["e", "f"], "polarity": "support", "target": "t"}
    if scheme:
        a1["scheme"] = scheme
    if questions is not None:
        a1["questions"] = questions
    return {
        "schema_version": version, "thesis": "t",
        "claims": [{"id": "t", "text": "Cars should leave the centre."}, {"id": "e", "text": "Dr Lee says so."},
                   {"id": "f", "text": "Traffic is her field."}, {"id": "g", "text": "She studies it."},
                   {"id": "o", "text": "She is paid by a bike maker."}],
        "arguments": [a1, {"id": "a2", "premises": ["g"], "polarity": "support", "target": "f"},
                      {"id": "a3", "premises": ["o"], "polarity": "attack", "target": "a1"}],
    }


STATES = [{"id": "field", "state": "answered", "by": "a2"},
          {"id": "expert", "state": "set-aside", "note": "Her standing is not in dispute."},
          {"id": "trust", "state": "answered", "by": "a3"}]


def test_states_load_and_are_written_as_version_3(tmp_path):
    m = ArgumentMap.model_validate(doc(STATES))
    written = json.loads(dumps(m))
    assert written["schema_version"] == 3
    assert written["arguments"][0]["questions"] == STATES
    path = tmp_path / "m.json"
    path.write_bytes(dumps(m))
    assert load_map(path).document == m


def test_a_map_without_states_stays_version_2():
    """Version 3 only added question states: a map without them is written as version 2
    (byte for byte what it was), so older argmaps still read it."""
    for version in (2, 3):
        m = ArgumentMap.model_validate(doc(None, version=version))
        assert m.schema_version == 2 and json.loads(dumps(m))["schema_version"] == 2
    with_states = ArgumentMap.model_validate(doc(STATES, version=2))  # read leniently...
    assert json.loads(dumps(with_states))["schema_version"] == 3  # ...written as what it is


def test_a_version_2_file_migrates_and_a_newer_one_is_refused(tmp_path):
    from argmap.migrate import migrate

    assert migrate(doc(None, version=2))["schema_version"] == 3
    future = tmp_path / "f.json"
    future.write_text(json.dumps(doc(None, version=4)))
    result = subprocess.run([sys.executable, "-m", "argmap", "validate", str(future)], capture_output=True, text=True)
    assert result.returncode == 2 and "schema_version 4 is newer than this argmap understands (3)" in result.stderr


@pytest.mark.parametrize("question, problem", [
    ({"id": "field", "state": "answered"}, "question 'field' is answered: `by` must name the argument that answers it"),
    ({"id": "field", "state": "answered", "by": "a9"}, "question 'field' is answered by unknown argument 'a9'"),
    ({"id": "field", "state": "answered", "by": "a1"}, "cannot be answered by the argument it questions"),
    ({"id": "field", "state": "set-aside"}, "question 'field' is set aside: the `note` must say why"),
    ({"id": "field", "state": "set-aside", "note": "  "}, "the `note` must say why"),
    ({"id": "field", "by": "a2"}, "question 'field' is open, so it has no `by`"),
    ({"id": "field", "state": "closed"}, "state"),
])
def test_bad_states_are_errors_with_a_place(tmp_path, question, problem):
    path = tmp_path / "m.json"
    path.write_text(json.dumps(doc([question])))
    result = subprocess.run([sys.executable, "-m", "argmap", "validate", str(path)], capture_output=True, text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "arguments[0].questions[0]" in result.stderr and problem in result.stderr


def test_a_question_listed_twice_is_an_error():
    with pytest.raises(ValueError, match=r"arguments\[0\].questions\[1\]: argument 'a1' lists question 'field' twice"):
        ArgumentMap.model_validate(doc([{"id": "field"}, {"id": "field", "state": "set-aside", "note": "x"}]))


def test_lint_warns_about_schemes_and_questions():
    codes = lambda m: [(w.code, w.message) for w in lint(m)]  # noqa: E731
    assert codes(ArgumentMap.model_validate(doc(STATES))) == []
    named = codes(ArgumentMap.model_validate(doc(None, scheme="ExpertOpinion")))
    assert named == [("unknown-scheme", "argument 'a1': scheme 'ExpertOpinion' is not in the catalogue (it names 'expert-opinion': write that id)")]
    free = codes(ArgumentMap.model_validate(doc([{"id": "x"}], scheme="Modus ponens")))
    assert [c for c, _ in free] == ["unknown-scheme", "unknown-question"]
    assert "kept as free text" in free[0][1]
    wrong = codes(ArgumentMap.model_validate(doc([{"id": "expert", "state": "answered", "by": "a3"}, {"id": "bogus"}])))
    assert wrong == [("question-answer", "argument 'a1': assumption 'expert' is answered by 'a3', which is not a support "
                                         "of its premises (state the assumption as a premise and support it)"),
                     ("unknown-question", "argument 'a1': scheme 'expert-opinion' has no critical question 'bogus'")]


def test_lint_reports_a_broken_user_catalogue_without_failing(tmp_path, monkeypatch):
    monkeypatch.setenv("ARGMAP_CONFIG_DIR", str(tmp_path))
    (tmp_path / "schemes.toml").write_text("[[schemes]\n")
    warnings = lint(ArgumentMap.model_validate(doc(STATES)))
    assert [w.code for w in warnings] == ["catalogue"] and "schemes.toml: invalid TOML" in warnings[0].message


def test_diff_shows_each_question_that_changed():
    old = ArgumentMap.model_validate(doc([{"id": "field", "state": "answered", "by": "a2"}, {"id": "said", "note": "ask her"}]))
    new = ArgumentMap.model_validate(doc([{"id": "field", "state": "set-aside", "note": "Obvious."}, {"id": "said", "note": "ask her"},
                                          {"id": "trust", "state": "answered", "by": "a3"}]))
    d = diff_maps(old, new)
    (change,) = d.arguments_changed
    assert [(f.field, f.old, f.new) for f in change.fields] == [
        ("question field", "answered by a2", "set aside: Obvious."),
        ("question trust", "open", "answered by a3"),
    ]
    assert 'question trust "open" -> "answered by a3"' in format_text(d, "old", "new")


# ---------------------------------------------------------------- other tools' scheme data


def test_araucaria_scheme_names_become_catalogue_ids():
    """AraucariaDB (AIF) names Walton's schemes in CamelCase."""
    data = json.loads((require(INTEROP / "wild" / "aif") / "carneades-4--nodeset215.json").read_text(encoding="utf-8"))
    m = from_aif(data, "nodeset215.json")
    schemes = {a.id: a.scheme for a in m.arguments}
    assert schemes["2041"] == schemes["2045"] == "expert-opinion"
    assert schemes["2033"] == "example" and schemes["2032"] is None
    data = json.loads((INTEROP / "wild" / "aif" / "carneades-4--nodeset198.json").read_text(encoding="utf-8"))
    schemes = {a.id: a.scheme for a in from_aif(data).arguments}
    assert schemes["1876"] == "cause-to-effect" and schemes["1885"] == "analogy"


def test_ova3_scheme_fulfilments_are_read():
    """An OVA3 save file keeps a node's scheme id in `schemefulfillments`: the real file
    (recap-utr's xaif.json) names only the default inference, which is no scheme; the
    same file with an expert-opinion node keeps it, and its critical-question links
    (AIFdb descriptor ids) are counted in the notes."""
    path = require(INTEROP / "wild" / "aif") / "arguebuf-typescript--xaif.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    m = from_aif(data, path.name)
    (ra,) = [a for a in m.arguments if a.polarity == "support"]
    assert ra.scheme is None  # "Default Inference", schemeID 72
    node = next(n for n in data["AIF"]["nodes"] if n["type"] == "RA")
    node["text"] = "RA"
    fulfilment = next(f for f in data["AIF"]["schemefulfillments"] if f["nodeID"] == node["nodeID"])
    fulfilment["schemeID"] = "ExpertOpinion"  # as AraucariaDB-derived corpora name it
    data["AIF"]["cqdescriptorfulfillments"] = [{"nodeID": node["nodeID"], "descriptorID": 123, "selectedID": 7}]
    notes: list[str] = []
    m = from_aif(data, path.name, notes=notes)
    (ra,) = [a for a in m.arguments if a.polarity == "support"]
    assert ra.scheme == "expert-opinion"
    assert any("left out 1 critical-question link(s)" in n for n in notes)
    node["text"] = "Argument From Expert Opinion"  # OVA3 writes the scheme's name as the RA text
    del fulfilment["schemeID"]
    (ra,) = [a for a in from_aif(data, path.name).arguments if a.polarity == "support"]
    assert ra.scheme == "expert-opinion"


def test_argdown_inference_rule_names_become_catalogue_ids():
    text = ("[t]: Cars should go.\n\n<a>\n\n(1) [e]: Dr Lee says so.\n-- Argument from expert opinion --\n(2) [t]\n\n"
            "<b>\n\n(1) [f]: It worked in Oslo.\n-- Analogy {questions: [{id: similar, state: set-aside, note: 'alike enough'}, {id: base, state: answered, by: nowhere}]} --\n(2) [t]\n\n"
            "<c>\n\n(1) [g]: g\n-- Modus ponens --\n(2) [t]\n")
    notes: list[str] = []
    m = import_argdown_text(text, Path("x.argdown"), "x", notes)
    args = {a.id: a for a in m.arguments}
    assert args["a"].scheme == "expert-opinion" and args["c"].scheme == "Modus ponens"
    assert args["b"].scheme == "analogy" and [(q.id, q.state, q.note) for q in args["b"].questions] == [("similar", "set-aside", "alike enough")]
    assert any("answered by an argument not in the map" in n for n in notes)


# ---------------------------------------------------------------- editing


def _valid(m: ArgumentMap) -> ArgumentMap:
    return ArgumentMap.model_validate_json(dumps(m))


def test_edit_scheme_and_question_states_with_undo():
    from argmap.edit import History, set_question, set_scheme

    m = ArgumentMap.model_validate(doc(None, scheme=None))
    h = History(m)
    h.apply(set_scheme("a1", " expert-opinion "))
    h.apply(set_question("a1", "field", "answered", by="a2"))
    h.apply(set_question("a1", "said", "set-aside", note="On record."))
    h.apply(set_question("a1", "field", "open", note="Ask again."))  # keeps its place
    assert m.arguments[0].scheme == "expert-opinion"
    assert [(q.id, q.state, q.note) for q in m.arguments[0].questions] == [("field", "open", "Ask again."), ("said", "set-aside", "On record.")]
    assert json.loads(dumps(_valid(m)))["schema_version"] == 3
    h.apply(set_question("a1", "field", "open"))  # open, no note: not listed
    assert [q.id for q in m.arguments[0].questions] == ["said"]
    for _ in range(5):
        h.undo()
    assert m.arguments[0].scheme is None and m.arguments[0].questions == []


@pytest.mark.parametrize("args, message", [
    (("field", "answered"), "needs `by`"),
    (("field", "answered", "a1"), "needs `by`"),
    (("field", "answered", "zz"), "needs `by`"),
    (("field", "set-aside"), "needs a note"),
    (("field", "open", "a2"), "only an answered question"),
    (("field", "closed"), "not 'closed'"),
])
def test_impossible_question_edits_are_refused(args, message):
    from argmap.edit import EditError, History, set_question

    m = ArgumentMap.model_validate(doc(None))
    with pytest.raises(EditError, match=message):
        History(m).apply(set_question("a1", *args))
    assert m.arguments[0].questions == []


def test_answering_a_question_adds_the_argument_that_answers_it():
    from argmap.edit import History, answer_question

    m = ArgumentMap.model_validate(doc(None))
    h = History(m)
    undercut = h.apply(answer_question("a1", "consensus", "exception", "Dr Kim, also an engineer, disagrees."))
    a1 = m.arguments[0]
    (q,) = a1.questions
    answer = next(a for a in m.arguments if a.id == q.by)
    assert answer.polarity == "attack" and answer.target == "a1" and answer.premises == [undercut.created]
    assert m.claim(undercut.created).text == "Dr Kim, also an engineer, disagrees."
    backing = h.apply(answer_question("a1", "evidence", "assumption", "Dr Lee's claim rests on accident data."))
    assert backing.created in a1.premises  # the assumption made explicit...
    q = a1.questions[1]
    reason = next(a for a in m.arguments if a.id == q.by)
    assert reason.polarity == "support" and reason.target == backing.created  # ...and backed
    assert [w.code for w in lint(_valid(m))] == ["empty-text"]  # the reason, left to fill in
    h.undo()
    h.undo()
    assert json.loads(dumps(m)) == doc(None) | {"schema_version": 2}


def test_deleting_an_answer_reopens_its_question():
    from argmap.edit import History, delete_argument, delete_claim

    m = ArgumentMap.model_validate(doc(STATES))
    h = History(m)
    h.apply(delete_argument("a3"))  # the undercut that raised `trust`
    assert [(q.id, q.state) for q in m.arguments[0].questions] == [("field", "answered"), ("expert", "set-aside")]
    _valid(m)
    h.apply(delete_claim("g"))  # a2's only premise: a2 goes, and `field` is open again
    assert [(q.id, q.state) for q in m.arguments[0].questions] == [("expert", "set-aside")]
    _valid(m)
    h.undo()
    h.undo()
    assert [q.state for q in m.arguments[0].questions] == ["answered", "set-aside", "answered"]
