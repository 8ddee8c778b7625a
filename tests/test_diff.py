"""argmap diff: what changed between two versions of a map."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.analysis.diff import diff_maps, word_diff, word_diff_segments
from argmap.cli import cli
from argmap.model import ArgumentMap
from tests.conftest import MAPS, require


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


BASE = {
    "schema_version": 2,
    "title": "Cars",
    "thesis": "t",
    "created": "2024-01-01T00:00:00Z",
    "modified": "2024-01-01T00:00:00Z",
    "sources": [{"id": "s1", "title": "Road safety report", "year": 2020}],
    "claims": [
        {"id": "t", "text": "Cities should ban cars from their centres."},
        {"id": "c1", "text": "Cars make streets dangerous for children.", "evidence": [{"source": "s1", "quote": "danger", "locator": "p. 3"}]},
        {"id": "c2", "text": "Exhaust fumes harm the health of residents."},
        {"id": "c3", "text": "Shops depend on customers who arrive by car."},
        {"id": "c4", "text": "Most shoppers in centres arrive on foot or by tram."},
    ],
    "arguments": [
        {"id": "a1", "premises": ["c1"], "polarity": "support", "target": "t"},
        {"id": "a2", "premises": ["c2"], "polarity": "support", "target": "t"},
        {"id": "a3", "premises": ["c3"], "polarity": "attack", "target": "t"},
        {"id": "a4", "premises": ["c4"], "polarity": "attack", "target": "c3"},
    ],
}


def version() -> dict:
    return copy.deepcopy(BASE)


def write(path: Path, doc: dict) -> Path:
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def m(doc: dict) -> ArgumentMap:
    return ArgumentMap.model_validate(doc)


# ---------------------------------------------------------------- word diff


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("a b c", "a b c", "a b c"),
        ("the cat sat", "the dog sat", "the [-cat-]{+dog+} sat"),
        ("never been as close as they stand today.", "never been so close as they are today",
         "never been [-as-]{+so+} close as they [-stand-]{+are+} today[-.-]"),
        ("one two", "one two three", "one two {+three+}"),
        ("one two three", "two three", "[-one-] two three"),
        ("", "new words", "{+new words+}"),
    ],
)
def test_word_diff(old: str, new: str, expected: str):
    assert word_diff(old, new) == expected


def test_word_diff_segments_rebuild_both_texts():
    old, new = "Relations have never been this close, says Xi.", "Relations have rarely been this close, Putin says."
    segs = word_diff_segments(old, new)
    assert "".join(t for op, t in segs if op != "-").strip() == new
    assert "".join(t for op, t in segs if op != "+").strip() == old


# ---------------------------------------------------------------- analysis


def test_identical_and_timestamps_only_is_no_difference():
    new = version()
    new["modified"] = "2025-06-01T12:00:00Z"
    d = diff_maps(m(BASE), m(new))
    assert d.empty


def test_added_removed_reworded_moved():
    new = version()
    new["claims"][2]["text"] = "Exhaust fumes harm the lungs of residents."  # reworded
    new["claims"].append({"id": "c5", "text": "Trams carry more people per lane."})  # added
    new["arguments"].append({"id": "a5", "premises": ["c5"], "polarity": "support", "target": "c4"})
    new["arguments"][3]["target"] = "t"  # a4 now bears on the thesis: c4 moved
    new["arguments"][3]["polarity"] = "support"
    del new["claims"][1]  # c1 removed, with its argument
    new["arguments"] = [a for a in new["arguments"] if a["id"] != "a1"]
    d = diff_maps(m(BASE), m(new))
    assert [c.id for c in d.claims_added] == ["c5"]
    assert [c.id for c in d.claims_removed] == ["c1"]
    assert [(r.id, r.old, r.new) for r in d.reworded] == [("c2", BASE["claims"][2]["text"], new["claims"][1]["text"])]
    assert [(mv.id, mv.old_parents, mv.new_parents) for mv in d.moved] == [("c4", ("c3",), ("t",))]
    assert [a.id for a in d.arguments_added] == ["a5"]
    assert [a.id for a in d.arguments_removed] == ["a1"]
    [ch] = d.arguments_changed
    assert (ch.id, ch.polarity, ch.target) == ("a4", ("attack", "support"), ("c3", "t"))


def test_claims_with_new_ids_are_matched_by_text():
    new = version()
    new["claims"][3]["id"] = "shops"
    new["claims"][3]["text"] = "Shops depend on customers who come by car."
    new["arguments"][2]["premises"] = ["shops"]
    new["arguments"][3]["target"] = "shops"
    d = diff_maps(m(BASE), m(new))
    assert [(x.old, x.new) for x in d.renamed] == [("c3", "shops")]
    assert not d.claims_added and not d.claims_removed
    assert [r.id for r in d.reworded] == ["shops"]
    assert not d.moved and not d.arguments_changed  # references follow the rename


def test_unrelated_new_claim_is_not_matched():
    new = version()
    new["claims"][3]["id"] = "x"
    new["claims"][3]["text"] = "Bicycles are cheaper than cars for short trips."
    new["arguments"][2]["premises"] = ["x"]
    new["arguments"][3]["target"] = "x"
    d = diff_maps(m(BASE), m(new))
    assert [c.id for c in d.claims_added] == ["x"] and [c.id for c in d.claims_removed] == ["c3"]


def test_argument_premises_and_fields_evidence_sources_map():
    new = version()
    new["arguments"][0]["premises"] = ["c1", "c2"]
    new["arguments"][0]["scheme"] = "cause to effect"
    new["arguments"] = [a for a in new["arguments"] if a["id"] != "a2"]
    new["claims"][1]["evidence"][0]["locator"] = "p. 4"
    new["claims"][1]["tags"] = ["safety"]
    new["sources"][0]["year"] = 2021
    new["sources"].append({"id": "s2", "title": "Tram statistics"})
    new["title"] = "Cars in cities"
    d = diff_maps(m(BASE), m(new))
    [ch] = d.arguments_changed
    assert ch.premises_added == ("c2",) and ch.premises_removed == ()
    assert [(f.field, f.old, f.new) for f in ch.fields] == [("scheme", None, "cause to effect")]
    assert [a.id for a in d.arguments_removed] == ["a2"]
    [ev] = d.evidence
    assert ev.id == "c1" and ev.added[0].locator == "p. 4" and ev.removed[0].locator == "p. 3"
    assert [(f.id, f.field, f.new) for f in d.claim_fields] == [("c1", "tags", ["safety"])]
    assert [(f.id, f.field) for f in d.sources_changed] == [("s1", "year")]
    assert [s.id for s in d.sources_added] == ["s2"]
    assert [(f.field, f.new) for f in d.map_fields] == [("title", "Cars in cities")]
    assert [mv.id for mv in d.moved] == []  # c2 is still a premise for t (through a1 now)


def test_what_is_the_authors_and_what_is_reconstructed_is_a_change():
    """Schema 2's fields: the texts a map reconstructs, the reconstructor's additions,
    a source's text file. Each changes the verdict or how quotes are checked."""
    new = version()
    new["reconstructs"] = ["s1"]
    new["claims"][1]["reconstruction"] = True
    new["arguments"][0]["reconstruction"] = True
    new["sources"][0]["text"] = "texts/s1.txt"
    d = diff_maps(m(BASE), m(new))
    assert [(f.field, f.old, f.new) for f in d.map_fields] == [("reconstructs", [], ["s1"])]
    assert [(f.id, f.field, f.new) for f in d.claim_fields] == [("c1", "reconstruction", True)]
    [ch] = d.arguments_changed
    assert [(f.field, f.new) for f in ch.fields] == [("reconstruction", True)]
    assert [(f.id, f.field, f.new) for f in d.sources_changed] == [("s1", "text", "texts/s1.txt")]


# ---------------------------------------------------------------- command


def _edited(tmp_path: Path) -> tuple[Path, Path]:
    new = version()
    new["claims"][2]["text"] = "Exhaust fumes harm the lungs of residents."
    new["claims"].append({"id": "c5", "text": "Trams carry more people per lane."})
    new["arguments"].append({"id": "a5", "premises": ["c5"], "polarity": "attack", "target": "c3"})
    return write(tmp_path / "old.json", BASE), write(tmp_path / "new.json", new)


def test_command_text(tmp_path: Path):
    old, new = _edited(tmp_path)
    r = run("diff", str(old), str(new))
    assert r.exit_code == 1
    assert r.output.splitlines()[:3] == [f"--- {old}", f"+++ {new}", "claims: 1 added, 1 reworded; arguments: 1 added"]
    assert "+ claim c5: Trams carry more people per lane." in r.output
    assert "~ claim c2 reworded: Exhaust fumes harm the [-health-]{+lungs+} of residents." in r.output
    assert "+ argument a5: c5 attacks c3" in r.output


def test_command_no_differences_exits_0(tmp_path: Path):
    old = write(tmp_path / "a.json", BASE)
    same = version()
    same["modified"] = "2030-01-01T00:00:00Z"
    r = run("diff", str(old), str(write(tmp_path / "b.json", same)))
    assert r.exit_code == 0
    assert r.output.endswith("no differences\n")


def test_command_json_and_markdown(tmp_path: Path):
    old, new = _edited(tmp_path)
    r = run("diff", str(old), str(new), "--format", "json")
    assert r.exit_code == 1
    data = json.loads(r.output)
    assert data["summary"]["claims_added"] == 1
    assert data["claims"]["reworded"][0]["word_diff"] == "Exhaust fumes harm the [-health-]{+lungs+} of residents."
    r = run("diff", str(old), str(new), "--format", "markdown")
    assert r.exit_code == 1
    assert "## Claims" in r.output and "## Arguments" in r.output
    assert "- **added** claim `c5`: Trams carry more people per lane." in r.output
    assert "~~health~~**lungs**" in r.output


def test_command_output_is_deterministic(tmp_path: Path):
    old, new = _edited(tmp_path)
    for fmt in ("text", "json", "markdown"):
        assert run("diff", str(old), str(new), "--format", fmt).output == run("diff", str(old), str(new), "--format", fmt).output


def test_command_bad_input_exits_2(tmp_path: Path):
    old = write(tmp_path / "a.json", BASE)
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    r = run("diff", str(old), str(broken))
    assert r.exit_code == 2 and "broken.json:1:2" in r.output
    assert run("diff", str(old), str(tmp_path / "missing.json")).exit_code == 2


def test_bundled_map_against_an_edited_copy(tmp_path: Path):
    src = require(MAPS / "informal-alliance.json")
    doc = json.loads(src.read_text(encoding="utf-8"))
    arg = next(a for a in doc["arguments"] if a["target"] != doc["thesis"] and a["polarity"] == "support")
    moved_premise = arg["premises"][0]
    arg["target"] = doc["thesis"]
    claim = doc["claims"][3]
    claim["text"] = claim["text"].replace(" ", "  ", 1) + " Indeed."
    copy_path = write(tmp_path / "ia.json", doc)
    r = run("diff", str(src), str(copy_path))
    assert r.exit_code == 1
    assert f"> claim {moved_premise} moved:" in r.output
    assert f"~ argument {arg['id']}: target" in r.output
    assert f"~ claim {claim['id']} reworded:" in r.output and "{+Indeed.+}" in r.output
    assert run("diff", str(src), str(src)).exit_code == 0


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_map_edits_are_found_exactly(seed: int):
    """Renames among hundreds of look-alike claims (a 60-word vocabulary) are matched
    to the right claim, and nothing else is reported."""
    import random

    from benchmarks.generate import generate

    old = generate(400, seed)
    new = old.model_copy(deep=True)
    rng = random.Random(seed)
    picked = rng.sample(new.claims[1:], 15)
    renamed, reworded = picked[:5], picked[5:15]
    renames = {}
    for c in renamed:
        renames[c.id] = c.id + "x"
        c.id = renames[c.id]
        c.text = c.text.rstrip(".") + " indeed."
    for c in reworded:
        c.text = "Surely " + c.text
    for a in new.arguments:
        a.premises = [renames.get(p, p) for p in a.premises]
        a.target = renames.get(a.target, a.target)
    new = ArgumentMap.model_validate(new.model_dump())
    d = diff_maps(old, new)
    assert sorted((x.old, x.new) for x in d.renamed) == sorted(renames.items())
    assert {r.id for r in d.reworded} == {c.id for c in picked}
    assert not (d.claims_added or d.claims_removed or d.moved or d.arguments_added or d.arguments_removed or d.arguments_changed)
    assert diff_maps(old, old).empty
