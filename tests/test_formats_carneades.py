"""Carneades 4 YAML import: conformance with the counts of the shared README (and of
more/EXPECTED.json), structure, and errors. tests/test_evaluation.py checks the
imported graphs' labels against the ones Carneades' authors assert."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from argmap.cli import cli
from argmap.errors import InputError
from argmap.formats import read_interchange
from argmap.formats.carneades import ASSUMPTION_TAG, from_carneades, statement_id
from argmap.store import load_map
from tests.conftest import INTEROP, require

CARNEADES = INTEROP / "carneades"


def _readme_rows() -> dict[str, dict]:
    """The README's per-file table: kind, statements, arguments, premises, undercutters."""
    rows = {}
    readme = CARNEADES / "README.md"
    if not readme.exists():
        return rows
    for line in readme.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\| `([\w.-]+\.yml)`(?: \(pre-existing\))? \| (\w[\w-]*) \| (\d+) \(.*?\) \| .*? \| (\d+) \| (\d+) \| \d+ \| \d+ \| (\d+) \|", line)
        if m:
            rows[m.group(1)] = {"kind": m.group(2), "statements": int(m.group(3)), "arguments": int(m.group(4)),
                                "premises": int(m.group(5)), "undercutters": int(m.group(6))}
    extra = CARNEADES / "more" / "EXPECTED.json"
    if extra.exists():
        for name, v in json.loads(extra.read_text())["files"].items():
            if not name.startswith("schemes/"):
                rows["more/" + name] = {"kind": v["kind"], "statements": v["statements"], "arguments": v["arguments"],
                                        "premises": v["argument_premises_total"], "undercutters": v["arguments_with_undercutter"]}
    return rows


ROWS = _readme_rows()


def test_readme_table_read():
    require(CARNEADES)
    assert len([n for n in ROWS if not n.startswith("more/")]) == 30


@pytest.mark.parametrize("name", sorted(ROWS))
def test_conformance_counts(name: str):
    want = ROWS[name]
    path = CARNEADES / name
    if want["kind"] not in ("graph", "statements-only"):
        with pytest.raises(InputError, match="theory|schemes|needs statements"):
            from_carneades(path.read_text(encoding="utf-8"), path)
        return
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    m = from_carneades(path.read_text(encoding="utf-8"), path)
    statements = [c for c in m.claims if not c.reconstruction]
    replaced = {s for s in doc["statements"] if statement_id(s) not in {c.id for c in statements}}
    assert len(statements) + len(replaced) == want["statements"]
    origin = {a.id: re.match(r"Carneades argument (\S+)\.", a.note).group(1) for a in m.arguments if a.note}
    assert len(set(origin.values())) == want["arguments"]
    grounds = {c.id for c in m.claims if c.reconstruction}
    assert sum(len([p for p in a.premises if p not in grounds]) for a in m.arguments if a.id in origin) == want["premises"]
    undercut = {a.target for a in m.arguments if a.target in origin}
    assert len(undercut) == want["undercutters"]
    assumed = set(doc.get("assumptions") or []) | {k for k, v in doc["statements"].items() if isinstance(v, dict) and v.get("assumed")}
    tagged = {c.id for c in statements if ASSUMPTION_TAG in c.tags}
    assert tagged == {statement_id(s) for s in assumed - replaced}


def test_toulmin_roles_undercutter_and_text():
    m, fmt, _ = read_interchange(require(CARNEADES) / "toulmin.yml")
    assert fmt == "Carneades" and m.title == "Toulmin's Standard Example"
    a1 = next(a for a in m.arguments if a.id == "arg-a1")
    assert a1.premises == ["s11520", "s11519"] and a1.target == "s11521"
    assert "datum = s11520, warrant = s11519" in a1.note
    # a1.2 concludes the undercutter ¬app(a1), which nothing uses: it undercuts a1
    undercut = next(a for a in m.arguments if a.id == "arg-a1.2")
    assert (undercut.polarity, undercut.target, undercut.premises) == ("attack", "arg-a1", ["s11518"])
    assert m.claim("s11520").text == "Harry was born in Bermuda." and ASSUMPTION_TAG in m.claim("s11520").tags


def test_negation_becomes_objection_and_convergent_splits():
    m, _, _ = read_interchange(require(CARNEADES) / "tweety.yml")
    assert "not-flies" not in {c.id for c in m.claims}
    assert {(a.id, a.polarity, a.target) for a in m.arguments if a.premises in (["penguin"], ["ostrich"])} == {
        ("arg-a2", "attack", "flies"), ("arg-a3", "attack", "flies")}
    lc, _, _ = read_interchange(CARNEADES / "linked-convergent.yml")
    convergent = [a for a in lc.arguments if a.scheme == "convergent"]
    assert len(convergent) == 2 and all(len(a.premises) == 1 for a in convergent)
    tandem, _, _ = read_interchange(CARNEADES / "tandem.yml")
    assert "Issue i1: one of jmt, jst, mst (proof standard PE)." in tandem.description


def test_argument_without_premises_and_scheme_weight():
    m, _, _ = read_interchange(require(CARNEADES) / "trivial.yml")
    ground = next(c for c in m.claims if c.reconstruction)
    assert ground.note and ASSUMPTION_TAG in ground.tags
    assert m.arguments[0].premises == [ground.id] and m.thesis == "r"
    weighted, _, _ = read_interchange(CARNEADES / "constant_weight.yml")
    assert "Scheme weight: constant" in weighted.arguments[0].note


@pytest.mark.parametrize(("text", "message"), [
    ("statements:\n  p: P\narguments:\n  a1:\n    premises: [q]\n    conclusion: p\n", r"bad\.yml: arguments\.a1: names statement 'q'"),
    ("statements:\n  p: P\narguments:\n  a1:\n    premises: [p]\n", r"bad\.yml: arguments\.a1: an argument needs a 'conclusion'"),
    ("statements:\n  p: P\n  q: [unclosed\n", r"bad\.yml:\d+:\d+: not valid YAML"),
    ("- a list\n", r"bad\.yml: not a Carneades argument graph"),
    ("meta:\n  title: x\n", r"bad\.yml: statements: .* needs statements"),
    ("statements:\n  p: P\n  q: Q\nissues:\n  - positions: [p, q]\n", r"bad\.yml: issues: must be a mapping"),
    ("statements:\n  p: P\n  q: Q\nissues: p or q\n", r"bad\.yml: issues: must be a mapping"),
    ("statements:\n  p: P\n  q: Q\nissues:\n  i1:\n    positions: pq\n", r"bad\.yml: issues\.i1\.positions: must be a list"),
    ("statements:\n  p: {text: {en: P in English}}\n", r"bad\.yml: statements\.p\.text: must be text, not a mapping"),
    ("statements:\n  p: [P, Q]\n", r"bad\.yml: statements\.p: must be text, not a list"),
    ("meta:\n  title: [a, b]\nstatements:\n  p: P\n", r"bad\.yml: meta\.title: must be text, not a list"),
    ("meta:\n  source: {url: x}\nstatements:\n  p: P\n", r"bad\.yml: meta\.source: must be text, not a mapping"),
    # YAML keeps the last of two equal keys and drops the other without a word
    ("statements:\n  p: P\n  q: Q\n  p: P again\n", r"bad\.yml:4:3: not valid YAML: duplicate key 'p' \(first at line 2\)"),
    ("statements:\n  p: P\n  q: Q\narguments:\n  a1: {conclusion: p, premises: [q]}\n  a1: {conclusion: q, premises: [p]}\n",
     r"bad\.yml:6:3: not valid YAML: duplicate key 'a1' \(first at line 5\)"),
])
def test_malformed_files_exit_2_and_write_nothing(tmp_path: Path, text: str, message: str):
    with pytest.raises(InputError, match=message):
        from_carneades(text, "bad.yml")
    source = tmp_path / "bad.yml"
    source.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(source), "-o", str(tmp_path / "out.json")])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert not (tmp_path / "out.json").exists()


def test_invalid_scheme_file_reports_line_and_column():
    path = require(CARNEADES) / "schemes" / "kurtuldu_walton.yml"
    with pytest.raises(InputError, match=r"kurtuldu_walton\.yml:733:9: not valid YAML"):
        from_carneades(path.read_text(encoding="utf-8"), path)


# Labels of every graph file (shared and more/) that asserts them, read through the
# importer and evaluated as tests/test_evaluation.py does. Where argmap disagrees it is
# because Carneades weighs pro against con (accrual of `factorized` arguments, proof
# standards, scheme weights, a tie leaving both positions out) while in argmap an
# objection defeats what it attacks until it is itself attacked: argmap has no weights.
WEIGHED_DIFFERENTLY = {
    "bachelor.yml": {"bachelor"}, "jogging.yml": {"jog", "¬jog"},
    "lex.yml": {"forbidden(cannabis)", "crime", "permitted(cannabis)"},
    "mandatory-sentences.yml": {"increase-social-justice"}, "more/caminada1.yml": {"¬s"},
    "paraconsistency.yml": {"¬q"}, "reinstatement.yml": {"p", "np"}, "risky-operation.yml": {"¬badCirculation"},
}


def test_asserted_labels_of_every_graph():
    from argmap.analysis.evaluation import evaluate_map
    from tests.test_evaluation import carneades_to_map

    translate = {"in": "accepted", "out": "rejected", "undecided": "undecided"}
    checked, differ = 0, {}
    for path in sorted(require(CARNEADES).glob("*.yml")) + sorted((CARNEADES / "more").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        doc = yaml.safe_load(text)
        if not isinstance(doc, dict) or not doc.get("arguments") or not doc.get("tests"):
            continue
        m, assumed, replaced = carneades_to_map(doc, text)
        ev = evaluate_map(m, "grounded", assumed=assumed)
        name = str(path.relative_to(CARNEADES))
        for label, statements in doc["tests"].items():
            for s in map(str, statements or []):
                if s in replaced:
                    got = [ev.argument_labels[a] for a in replaced[s][1]]
                    ours = "accepted" if "accepted" in got else "rejected" if all(g == "rejected" for g in got) else "undecided"
                else:
                    ours = ev.labels[statement_id(s)]
                checked += 1
                if ours != translate[label]:
                    differ.setdefault(name, set()).add(s)
    assert differ == WEIGHED_DIFFERENTLY
    assert checked == 168  # 13 of them weighed differently


@pytest.mark.parametrize(("text", "undercuts"), [
    # one statement undercuts two arguments: both are undercut
    ("statements: {a: A, b: B, c: C, u: U}\narguments:\n  a1: {conclusion: a, premises: [b], undercutter: u}\n"
     "  a2: {conclusion: c, premises: [b], undercutter: u}\n", {("u", "arg-a1"), ("u", "arg-a2")}),
    # an undercutter that an argument concludes and another uses as a premise still undercuts
    ("statements: {a: A, b: B, c: C, d: D, u: U}\narguments:\n  a1: {conclusion: a, premises: [b], undercutter: u}\n"
     "  a2: {conclusion: u, premises: [c]}\n  a3: {conclusion: d, premises: [u]}\n", {("u", "arg-a1")}),
])
def test_every_undercut_of_an_undercutter_statement_is_kept(tmp_path: Path, text: str, undercuts: set):
    source = tmp_path / "u.yml"
    source.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(source), "-o", str(tmp_path / "u.json")])
    assert result.exit_code == 0, result.output
    m = load_map(tmp_path / "u.json").document
    argument_ids = {a.id for a in m.arguments}
    got = {(p, a.target) for a in m.arguments if a.target in argument_ids and a.polarity == "attack" for p in a.premises}
    assert got == undercuts


def test_a_position_kept_as_a_claim_says_what_it_competes_with(tmp_path: Path):
    """`¬jog` is a premise of a3, so it stays a claim (not an objection to jog): its
    note keeps the issue that ties it to jog, which the map has no relation for."""
    source = tmp_path / "neg.yml"
    source.write_text('statements:\n  jog: We jog.\n  "¬jog": We do not jog.\n  rain: It rains.\n  wet: It is wet.\n'
                      '  stay: We stay home.\nissues:\n  i1:\n    positions: [jog, "¬jog"]\narguments:\n'
                      '  a1: {conclusion: jog, premises: [wet]}\n  a2: {conclusion: "¬jog", premises: [rain]}\n'
                      '  a3: {conclusion: stay, premises: ["¬jog"]}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(source), "-o", str(tmp_path / "neg.json")])
    assert result.exit_code == 0, result.output
    m = load_map(tmp_path / "neg.json").document
    assert "the other position to jog" in (m.claim("not-jog").note or "")
