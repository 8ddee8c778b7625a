"""AIF import (AIFdb, Araucaria, OVA3) and export."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from argmap.cli import cli
from argmap.errors import InputError
from argmap.formats.aif import dumps_aif, from_aif, to_aif
from argmap.model import ArgumentMap
from argmap.store import dumps, load_map
from benchmarks.generate import generate
from tests.conftest import INTEROP, MAPS, require
from tests.test_formats_argdown import maps

AIF = INTEROP / "aif"


def _load(name: str) -> dict:
    return json.loads((require(AIF) / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["araucaria_nodeset137.json", "araucaria_nodeset173.json", "aifdb_nodeset6064.json"])
def test_conformance_counts(name: str):
    data = _load(name)
    types = Counter(n["type"] for n in data["nodes"])
    m = from_aif(data, name, name)
    assert len(m.claims) == types["I"]
    polarity = Counter(a.polarity for a in m.arguments)
    # every RA and CA of these files joins premises to exactly one conclusion
    assert polarity["support"] == types.get("RA", 0)
    assert polarity["attack"] == types.get("CA", 0)
    i_texts = {n["text"] for n in data["nodes"] if n["type"] == "I"}
    assert {c.text for c in m.claims} == {" ".join(t.split()) for t in i_texts}
    assert dumps(from_aif(json.loads(dumps_aif(m)), "x.json", "x")) == dumps(m)  # export round trip


def test_araucaria_137_structure():
    m = from_aif(_load("araucaria_nodeset137.json"))
    args = {a.id: a for a in m.arguments}
    assert args["1288"].premises == ["1282", "1283"]  # linked premises into one RA
    assert args["1288"].polarity == "support" and args["1288"].target == "1279"
    assert args["1288"].scheme == "ExceptionalCase"
    assert args["1286"].polarity == "attack" and args["1286"].target == "1279"  # rebut
    assert args["1287"].target == "1282"  # undermines a premise of 1288
    assert m.thesis == "1279"


def test_dialogue_layer_dropped_and_scheme_fallbacks():
    data = _load("aifdb_nodeset6064.json")
    m = from_aif(data)
    ids = {c.id for c in m.claims} | {a.id for a in m.arguments}
    dialogue = {n["nodeID"] for n in data["nodes"] if n["type"] in ("L", "TA", "YA")}
    assert not ids & dialogue
    schemes = {a.id: a.scheme for a in m.arguments}
    assert schemes["111803"] is None  # text "RA", no scheme field
    assert schemes["111814"] == "Default Inference"  # from `scheme`


def _ova(nodes, edges) -> dict:
    return {"AIF": {"nodes": nodes, "edges": edges, "locutions": []}, "OVA": {"firstname": "x"}, "text": "..."}


def test_ova3_wrapper_int_ids_undercut_rephrase_and_preference():
    nodes = [
        {"nodeID": 1, "text": "Claim", "type": "I"},
        {"nodeID": 2, "text": "Premise", "type": "I"},
        {"nodeID": 3, "text": "RA", "type": "RA", "schemeID": 12},
        {"nodeID": 4, "text": "Exception", "type": "I"},
        {"nodeID": 5, "text": "CA", "type": "CA"},
        {"nodeID": 6, "text": "Premise, in other words", "type": "I"},
        {"nodeID": 7, "text": "Default Rephrase", "type": "MA"},
        {"nodeID": 8, "text": "Default Preference", "type": "PA"},
        {"nodeID": 9, "text": "Someone said so", "type": "L"},
        {"nodeID": 10, "text": "Asserting", "type": "YA"},
    ]
    edges = [(2, 3), (3, 1), (4, 5), (5, 3), (6, 7), (7, 2), (2, 8), (8, 4), (9, 10), (10, 1)]
    data = _ova(nodes, [{"edgeID": i, "fromID": a, "toID": b, "formEdgeID": None} for i, (a, b) in enumerate(edges)])
    m = from_aif(data, "ova.json", "ova")
    args = {a.id: a for a in m.arguments}
    assert args["3"].scheme == "12" and args["3"].target == "1"
    assert args["5"].polarity == "attack" and args["5"].target == "3"  # undercut: CA on an RA
    assert args["7"].premises == ["6"] and args["7"].target == "2" and args["7"].scheme == "Rephrase"
    assert m.claim("2").note == "Preferred over: Exception"
    assert len(m.claims) == 4  # the L node is gone


def test_bad_aif_is_an_input_error():
    with pytest.raises(InputError, match="edges\\[0\\]"):
        from_aif({"nodes": [{"nodeID": "1", "type": "I", "text": "x"}], "edges": [{"fromID": "1", "toID": "9"}]}, "f.json")
    with pytest.raises(InputError, match="not AIF"):
        from_aif({"claims": []}, "f.json")


@pytest.mark.parametrize("source", ["bundled", "generated", "tiny"])
def test_export_reimports_into_the_same_map(source: str, tiny_map_dict: dict):
    if source == "bundled":
        m = load_map(MAPS / "informal-alliance.json").document
    elif source == "generated":
        m = generate(300, 5)
    else:
        m = ArgumentMap.model_validate(tiny_map_dict)
    text = dumps_aif(m)
    assert dumps_aif(m) == text
    back = from_aif(json.loads(text), "x.json", "x")
    assert json.loads(dumps(back)) == json.loads(dumps(m))


def test_export_is_classic_aif_without_extra_block(tiny_map_dict: dict):
    """Other tools read only nodes and edges: the graph alone must carry the structure."""
    m = ArgumentMap.model_validate(tiny_map_dict)
    data = to_aif(m)
    types = Counter(n["type"] for n in data["nodes"])
    assert types == {"I": 6, "RA": 1, "CA": 3}
    for e in data["edges"]:
        kinds = {next(n["type"] for n in data["nodes"] if n["nodeID"] == x) for x in (e["fromID"], e["toID"])}
        assert kinds & {"RA", "CA"}  # every edge joins an S-node
    del data["argmap"]
    bare = from_aif(data, "x", "x")
    assert [(a.id, a.premises, a.polarity, a.target) for a in bare.arguments] == [(a.id, a.premises, a.polarity, a.target) for a in m.arguments]


def test_import_command_reads_aif(tmp_path: Path):
    out = tmp_path / "m.json"
    result = CliRunner().invoke(cli, ["import", str(require(AIF) / "araucaria_nodeset173.json"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    m = load_map(out).document
    assert len(m.claims) == 10 and len(m.arguments) == 5


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps())
def test_aif_round_trip_property(m: ArgumentMap):
    back = from_aif(json.loads(dumps_aif(m)), "x.json", "x")
    assert json.loads(dumps(back)) == json.loads(dumps(m))


def test_import_notes_what_it_leaves_out(tmp_path: Path):
    data = {
        "nodes": [
            {"nodeID": "1", "text": "Claim", "type": "I"},
            {"nodeID": "2", "text": "Premise", "type": "I"},
            {"nodeID": "3", "text": "RA", "type": "RA"},
            {"nodeID": "4", "text": "Backing", "type": "I"},
            {"nodeID": "5", "text": "RA", "type": "RA"},
            {"nodeID": "6", "text": "said so", "type": "L"},
        ],
        "edges": [{"fromID": a, "toID": b} for a, b in [("2", "3"), ("3", "1"), ("4", "5"), ("5", "3")]],
    }
    source = tmp_path / "g.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(source), "-o", str(tmp_path / "m.json")])
    assert result.exit_code == 0
    assert "note: left out RA node 5: it supports an inference" in result.stderr
    assert "note: left out the dialogue layer (1 L nodes)" in result.stderr


def test_a_byte_order_mark_does_not_stop_an_aif_import(tmp_path: Path):
    data = {
        "nodes": [
            {"nodeID": "1", "text": "Claim", "type": "I"},
            {"nodeID": "2", "text": "Premise", "type": "I"},
            {"nodeID": "3", "text": "RA", "type": "RA"},
        ],
        "edges": [{"fromID": "2", "toID": "3"}, {"fromID": "3", "toID": "1"}],
    }
    source = tmp_path / "g.json"
    source.write_bytes(b"\xef\xbb\xbf" + json.dumps(data).encode("utf-8"))  # as Windows editors save
    result = CliRunner().invoke(cli, ["import", str(source), "-o", str(tmp_path / "m.json")])
    assert result.exit_code == 0, result.output
    m = load_map(tmp_path / "m.json").document
    assert [c.text for c in m.claims] == ["Claim", "Premise"] and len(m.arguments) == 1
