"""MindMup (.mup) import: conformance with the shared samples' counts, structure, errors."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import cli
from argmap.errors import InputError
from argmap.formats import read_interchange
from argmap.formats.mindmup import from_mindmup
from tests.conftest import INTEROP, require

MINDMUP = INTEROP / "mindmup"

# from the folder's README (counts per file): claim nodes, groups (supporting / opposing),
# empty groups, groups inside a group, claim under claim, links; and implicit claims (attr_implicit_claim)
README = {
    "argmap_example.mup": (5, 1, 1, 0, 0, 0, 0, 1),
    "s6mike_Example1_ClearlyFalse_WhiteSwan.mup": (16, 4, 10, 3, 3, 0, 0, 0),
    "s6mike_Example1_ClearlyFalse_WhiteSwan_minus_inline_objections.mup": (13, 4, 5, 0, 0, 0, 0, 0),
    "s6mike_Example1_ClearlyFalse_WhiteSwan_simplified.mup": (4, 1, 1, 0, 0, 0, 0, 0),
    "s6mike_example1-clearly-false-white-swan-minus-errors.mup": (3, 1, 1, 0, 0, 0, 0, 0),
    "mapjs_example-map.json": (12, 0, 0, 0, 0, 9, 1, 0),
}


def _expected() -> dict[str, tuple]:
    """README rows, plus the rows of more/EXPECTED.json (the kept-back files)."""
    rows = dict(README)
    extra = MINDMUP / "more" / "EXPECTED.json"
    if extra.exists():
        for name, v in json.loads(extra.read_text())["files"].items():
            rows["more/" + name] = (v["claim_nodes"], v["groups_supporting"], v["groups_opposing"], v["empty_groups"],
                                    v["group_parent_is_group"], v["claim_children_of_claims"], v["links"],
                                    v["styleNames"].get("attr_implicit_claim", 0))
    return rows


@pytest.mark.parametrize("name", sorted(_expected()))
def test_conformance_counts(name: str):
    claims, supporting, opposing, empty, inside, plain, links, implicit = _expected()[name]
    path = require(MINDMUP) / name
    notes: list[str] = []
    m = from_mindmup(json.loads(path.read_text(encoding="utf-8")), path, path.stem, notes)
    assert len(m.claims) == claims
    polarity = Counter(a.polarity for a in m.arguments)
    # every empty group of these files is an opposing one; plain children are reasons
    assert polarity["support"] == supporting + plain
    assert polarity["attack"] == opposing - empty
    undercuts = [a for a in m.arguments if a.target in {b.id for b in m.arguments}]
    assert len(undercuts) == inside - sum("empty opposing group inside a group" in n for n in notes)
    assert sum("Linked to:" in (c.note or "") for c in m.claims) == links
    assert sum(c.reconstruction for c in m.claims) == implicit
    assert sum("left out an empty" in n for n in notes) == empty


def test_white_swan_structure():
    m, fmt, notes = read_interchange(require(MINDMUP) / "s6mike_Example1_ClearlyFalse_WhiteSwan.mup")
    assert fmt == "MindMup" and m.thesis == "all-swans-are-white"
    by_premises = {tuple(a.premises): a for a in m.arguments}
    linked = by_premises[("every-dove-i-ve-ever-seen", "every-seagull-i-ve-ever-seen")]
    assert linked.polarity == "support" and linked.target == "all-swans-are-white"
    # the objection placed among the reason's premises undercuts that reason
    inline = by_premises[("the-colour-of-doves-and-seagulls", "these-statements-do-not-logically-lead")]
    assert inline.polarity == "attack" and inline.target == linked.id
    assert m.claim("here-is-a-photo-of-a").note == "Sticky note: So gorgeous!"
    heading = m.claim("logical-fallacy")
    assert heading.title == "Logical Fallacy" and heading.text.startswith("Observing individuals")
    assert m.claim("every-seagull-i-ve-ever-seen").text == "Every seagull I've ever seen is white."  # no-break space gone
    assert "left out 3 icon(s)" in notes


def test_implicit_premise_and_plain_map():
    m, _, _ = read_interchange(require(MINDMUP) / "argmap_example.mup")
    implicit = m.claim("most-who-study-in-paris-are")
    assert implicit.reconstruction and "implicit" in implicit.note.lower()
    assert implicit.text == "Most who study in Paris are rational."  # trailing newline gone
    plain, _, notes = read_interchange(require(MINDMUP) / "mapjs_example-map.json")
    assert plain.claim("above").note == "Linked to: #761934"
    assert any("3 top-level nodes" in n for n in notes)
    assert plain.arguments[0].note is None
    assert any(a.note == "Hello there" for a in plain.arguments)  # a custom connector label


@pytest.mark.parametrize(("data", "message"), [
    ({"ideas": {"1": {"title": "T", "ideas": {"x": {"title": "a"}}}}}, r'ideas\["1"\]\.ideas\["x"\]: a rank key must be a number'),
    ({"ideas": {"1": {"title": "T", "ideas": {"1": {"title": "group", "attr": {"group": "neutral"}, "ideas": {"1": {"title": "p"}}}}}}},
     r'ideas\["1"\]\.ideas\["1"\]\.attr\.group: \'neutral\''),
    ({"ideas": {"1": {"title": "  ", "ideas": {}}}}, r'ideas\["1"\]: a claim node needs a title'),
    ({"ideas": {"1": {"title": "T", "ideas": "x"}}}, r'ideas\["1"\]\.ideas: must be an object'),
    ({"ideas": {}}, r"the map has no claim node"),
])
def test_malformed_maps_name_the_json_path(tmp_path: Path, data: dict, message: str):
    with pytest.raises(InputError, match=message):
        from_mindmup(data, "bad.mup")
    source = tmp_path / "bad.mup"
    source.write_text(json.dumps(data), encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(source), "-o", str(tmp_path / "out.json")])
    assert result.exit_code == 2 and "Traceback" not in result.output and "bad.mup" in result.output
    assert not (tmp_path / "out.json").exists()


def test_broken_json_reports_line_and_column(tmp_path: Path):
    source = tmp_path / "broken.mup"
    source.write_text('{"ideas": {\n  "1": {"title": "x",}\n}}', encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(source), "-o", str(tmp_path / "out.json")])
    assert result.exit_code == 2 and "broken.mup:2:" in result.output


def test_deep_mind_map_imports(tmp_path: Path):
    """Two JSON levels per tree level: deeper than a map file may nest, still a map."""
    node: dict = {"title": "leaf", "id": 0}
    for i in range(1, 200):
        node = {"title": f"claim {i}", "id": i, "ideas": {"1": node}}
    source = tmp_path / "deep.mup"
    source.write_text(json.dumps({"id": "root", "formatVersion": 3, "ideas": {"1": node}}), encoding="utf-8")
    m, _, _ = read_interchange(source)
    assert len(m.claims) == 200 and len(m.arguments) == 199


@pytest.mark.parametrize(("text", "message"), [
    # half a UTF-16 pair: no text can hold it, the map could not be written
    ('{"ideas": {"1": {"title": "Swans \\ud800"}}}', r'bad\.mup: ideas\.1\.title: contains a lone UTF-16 surrogate \(\\ud800\)'),
    # JSON would keep the second node "1" and drop the first without a word
    ('{"ideas": {\n "1": {"title": "All swans are white."},\n "1": {"title": "Some swan is black."}}}',
     r'bad\.mup: invalid JSON: duplicate key "1" in one object'),
])
def test_json_that_cannot_be_a_map_exits_2(tmp_path: Path, text: str, message: str):
    source = tmp_path / "bad.mup"
    source.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(source), "-o", str(tmp_path / "out.json")])
    assert result.exit_code == 2, result.output
    assert re.search(message, result.output), result.output
    assert not (tmp_path / "out.json").exists()


def test_a_sticky_note_at_top_level_is_left_out_with_a_note():
    notes: list[str] = []
    data = {"ideas": {"1": {"title": "All swans are white."},
                      "2": {"title": "Check the museum's swans", "attr": {"styleNames": ["sticky_note"]}}}}
    m = from_mindmup(data, "sticky.mup", "sticky", notes)
    assert [c.text for c in m.claims] == ["All swans are white."]
    assert notes == ['ideas["2"]: left out a sticky note at top level (it hangs on no claim): Check the museum\'s swans']


def test_a_note_on_a_group_goes_to_its_argument():
    data = {"ideas": {"1": {"title": "All swans are white.", "ideas": {"1": {
        "title": "group", "attr": {"group": "supporting", "note": {"index": 3, "text": "Induction from observed swans."}},
        "ideas": {"1": {"title": "Every swan I've seen is white."}}}}}}}
    m = from_mindmup(data, "g.mup", "g")
    assert m.arguments[0].note == "Induction from observed swans."
