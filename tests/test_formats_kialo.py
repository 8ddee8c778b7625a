"""Kialo export import (both dialects) and export (current dialect)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.cli import cli
from argmap.errors import InputError
from argmap.formats.kialo import from_kialo, to_kialo
from argmap.model import ArgumentMap
from argmap.store import load_map
from tests.conftest import INTEROP, MAPS, require

KIALO = INTEROP / "kialo"


def _read(name: str) -> list[ArgumentMap]:
    path = require(KIALO) / name
    return from_kialo(path.read_text(encoding="utf-8"), path, path.stem)


# counts from the folder's README: claims, pro, con (a `-> See` entry is one more argument)
README_COUNTS = {
    "cars-old-dialect.txt": {"claims": 15, "support": 7, "attack": 9, "sources": 0},
    # 11 distinct claims + the external `-> See discussion` kept as a claim
    "laptops-current-dialect.txt": {"claims": 12, "support": 5, "attack": 7, "sources": 4},
}


@pytest.mark.parametrize("name", sorted(README_COUNTS))
def test_conformance_counts(name: str):
    (m,) = _read(name)
    want = README_COUNTS[name]
    polarity = Counter(a.polarity for a in m.arguments)
    assert len(m.claims) == want["claims"]
    assert polarity["support"] == want["support"] and polarity["attack"] == want["attack"]
    assert len(m.sources) == want["sources"]
    assert m.thesis == "1"


def test_old_dialect_structure():
    (m,) = _read("cars-old-dialect.txt")
    assert m.title == "Should cities ban cars from their centres?"
    args = {a.id: a for a in m.arguments}
    # Con of a Con: a rebuttal of the objection, not a reason for the thesis
    assert (args["a1.1.1.1"].polarity, args["a1.1.1.1"].target) == ("attack", "1.1.1")
    # `-> See` reuses the claim it names, with the See entry's own label
    assert args["a1.3.2.1"].premises == ["1.2.2.1"] and args["a1.3.2.1"].target == "1.3.2"
    assert args["a1.5"].premises == ["1.3.1"] and args["a1.5"].polarity == "support"
    text = m.claim("1.1.2").text
    assert "[WHO](https://www.who.int/news-room/fact-sheets/detail/ambient-\\(outdoor\\)-air-quality-and-health)" in text
    assert m.claim("1.2.1").text.endswith("\\(in studies from London and Toronto\\).")
    assert "Oslo’s" in m.claim("1.4.1").text


def test_current_dialect_sources_and_external_reference():
    (m,) = _read("laptops-current-dialect.txt")
    c = m.claim("1.1.1")
    assert c.text == "The original studies used short video lectures and tested recall within a day."
    assert c.evidence[0].source == "source-2"
    assert c.evidence[0].quote == "we were unable to replicate the advantage of longhand notes for factual recall\n\nafter a delay of one week"
    assert m.claim("1.1.1.1").evidence[0].quote == ""  # a source without a quoted passage
    external = m.claim("1.4.1")
    assert external.text == "Universities owe students an environment free of avoidable distraction."
    assert "#12345" in external.note
    assert {s.url for s in m.sources} == {f"https://example.org/{x}" for x in ("mueller-oppenheimer-2014", "morehead-2019", "carter-2017", "sana-2013")}


MULTI_OLD = """Discussion Title: Which energy?\r
\r
1. Nuclear power is the best option.\r
1.1. Pro: It emits little CO2.\r
1.1.1. Con: Mining uranium emits CO2.\r
2. Wind power is the best option.\r
2.1. Pro: -> See 1.1.\r
2.2. Con: It needs storage:\r
1. batteries\r
2. pumped hydro\r
3. Solar power is the best option."""

MULTI_NEW = """Discussion Name:
Which energy?

1. Question:
Which energy source is best?

  1.1. Thesis:
  Nuclear power.

    1.1.1. Pro:
    It emits little CO2.

  1.2. Thesis:
  Wind power.

    1.2.1. Con:
    -> See 1.1.1.
"""


def test_several_theses_old_dialect_one_map_each():
    notes: list[str] = []
    maps = from_kialo(MULTI_OLD, "multi.txt", "multi", notes)
    assert [m.claim(m.thesis).text for m in maps] == ["Nuclear power is the best option.", "Wind power is the best option.",
                                                      "Solar power is the best option."]
    wind = maps[1]
    # the `-> See` across theses copies the claim it names (not its subtree)
    assert wind.claim("1.1").text == "It emits little CO2." and "1.1.1" not in {c.id for c in wind.claims}
    assert any("copied claim 1.1." in n for n in notes)
    # numbered lines that continue a claim's text (CRLF, no final newline) are text
    assert wind.claim("2.2").text == "It needs storage:\n1. batteries\n2. pumped hydro"
    assert [m.thesis for m in from_kialo(MULTI_OLD, "multi.txt", "multi", thesis=3)] == ["3"]


def test_several_theses_under_a_question():
    maps = from_kialo(MULTI_NEW, "q.txt", "q")
    assert [m.thesis for m in maps] == ["1.1", "1.2"]
    assert maps[1].description == "Kialo question: Which energy source is best?"
    assert maps[1].arguments[0].premises == ["1.1.1"] and maps[1].arguments[0].polarity == "attack"


def test_cli_writes_one_file_per_thesis(tmp_path: Path):
    source = tmp_path / "energy.txt"
    source.write_text(MULTI_OLD, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["import", str(source), "-o", str(tmp_path / "energy.json")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.glob("energy-*.json")) == ["energy-1.json", "energy-2.json", "energy-3.json"]
    assert load_map(tmp_path / "energy-2.json").document.thesis == "2"
    result = runner.invoke(cli, ["import", str(source), "--thesis", "2", "-o", str(tmp_path / "wind.json")])
    assert result.exit_code == 0 and load_map(tmp_path / "wind.json").document.thesis == "2"
    result = runner.invoke(cli, ["import", str(source), "--thesis", "4", "-o", str(tmp_path / "none.json")])
    assert result.exit_code == 2 and "has 3 theses" in result.output and not (tmp_path / "none.json").exists()


@pytest.mark.parametrize(("text", "message"), [
    ("Discussion Title: X\n\n1. T.\n1.1. Pro: a\n1.1. Con: b\n", r"bad\.txt:5:1: entry 1\.1\. appears twice"),
    ("Discussion Title: X\n\n1. T.\n1.2.1. Pro: a\n", r"bad\.txt:4:1: entry 1\.2\.1\. comes before its parent 1\.2\."),
    ("Discussion Title: X\n\n1. T.\n1.1. Pro: -> See 1.9.\n", r"bad\.txt:4:1: entry 1\.1\. refers to 1\.9\., which is not in the file"),
    ("Discussion Title: X\n\n", r"bad\.txt:2:1: no numbered entries"),
    ("Discussion Title: X\n\n1. T.\n1.1. Pro:\n", r"bad\.txt:4:1: entry 1\.1\. has no text"),
    ("Discussion Name:\nX\n\n1. Pro:\nx\n", r"bad\.txt:4:1: a top-level entry cannot be a Pro"),
    ("Discussion Name:\nX\n\nstray\n1. Thesis:\nx\n", r"bad\.txt:4:1: text before the first numbered entry"),
    ("Discussion Name:\nX\n\n1. Thesis:\nx [1]\n\nSources:\nnonsense\n", r"bad\.txt:8:1: expected a source"),
    # the second [1] would replace the first without a word
    ("Discussion Name:\nX\n\n1. Thesis:\nx [1]\n\nSources:\n[1] https://a.example\n\"one\"\n[1] https://b.example\n",
     r"bad\.txt:10:1: source \[1\] appears twice \(first at line 8\)"),
    # a `-> See` entry names a claim that has its own entries; Kialo gives it none
    ("Discussion Title: X\n\n1. T.\n1.1. Pro: a\n1.2. Pro: -> See 1.1.\n1.2.1. Con: c\n",
     r"bad\.txt:6:1: entry 1\.2\.1\. is under 1\.2\., a '-> See' entry"),
    pytest.param("Discussion Title: X\n\n1. T.\n" + "".join("1" + ".1" * i + f". Pro: p{i}\n" for i in range(1, 120)),
                 r"bad\.txt:103:1: entry 1\.1\.1\.1\.\.\. is numbered 201 characters long; argmap ids take 199", id="101-levels"),
])
def test_malformed_exports_name_file_and_line(tmp_path: Path, text: str, message: str):
    with pytest.raises(InputError, match=message):
        from_kialo(text, "bad.txt", "bad")
    source = tmp_path / "bad.txt"
    source.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(source), "-o", str(tmp_path / "out.json")])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert not (tmp_path / "out.json").exists()


def test_export_round_trips_the_shared_samples():
    for name in README_COUNTS:
        (m,) = _read(name)
        (back,) = from_kialo(to_kialo(m), "back.txt", "back")
        assert _shape(back) == _shape(m)


def _shape(m: ArgumentMap) -> tuple:
    """A map up to ids: the thesis, claims (text, evidence), relations between texts."""
    text = {c.id: c.text for c in m.claims}
    refs = {s.id: s.url or s.title for s in m.sources}
    claims = sorted((c.text, tuple(sorted((refs[e.source], e.quote) for e in c.evidence))) for c in m.claims)
    relations = sorted((tuple(text[p] for p in a.premises), a.polarity, text[a.target]) for a in m.arguments)
    return text[m.thesis], claims, relations


# "b" becomes a literal "[1]", which must not read as a citation of source 1
_words = st.text(alphabet="abcXYZ019.:->[]()\\’ ", min_size=1, max_size=12).map(lambda s: " ".join(s.replace("b", "[1]").split())).filter(bool)


@st.composite
def kialo_maps(draw) -> ArgumentMap:
    """Maps Kialo can hold: single-premise arguments on claims, every claim reachable
    from the thesis (a tree plus extra relations, which Kialo writes as `-> See`)."""
    n = draw(st.integers(1, 12))
    texts = draw(st.lists(st.lists(_words, min_size=1, max_size=3).map("\n".join), min_size=n, max_size=n, unique=True))
    sources = [{"id": f"s{i}", "url": f"https://example.org/{i}"} for i in range(2)]
    claims = []
    for i, t in enumerate(texts):
        claim: dict = {"id": f"c{i}", "text": t}
        if draw(st.booleans()):
            quote = draw(st.sampled_from(["", "a quoted passage", "two\n\nparagraphs", "a table:\n[2] reads like a source"]))
            claim["evidence"] = [{"source": draw(st.sampled_from(["s0", "s1"])), **({"quote": quote} if quote else {})}]
        claims.append(claim)
    edges = {(f"c{i}", f"c{draw(st.integers(0, i - 1))}") for i in range(1, n)}
    for _ in range(draw(st.integers(0, 4)) if n > 1 else 0):
        p, t = draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1))
        if p != t:
            edges.add((f"c{p}", f"c{t}"))
    arguments = [{"id": f"a{k}", "premises": [p], "polarity": draw(st.sampled_from(["support", "attack"])), "target": t}
                 for k, (p, t) in enumerate(sorted(edges))]
    return ArgumentMap.model_validate({"schema_version": 2, "title": "T", "thesis": "c0", "sources": sources,
                                       "claims": claims, "arguments": arguments})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kialo_maps())
def test_export_import_round_trip(m: ArgumentMap):
    text = to_kialo(m)
    (back,) = from_kialo(text, "rt.txt", "rt")
    assert _shape(back) == _shape(m), text
    assert to_kialo(m) == text  # deterministic


@pytest.mark.parametrize("name", ["informal-alliance.json", "partnership-without-trust.json"])
def test_export_puts_an_undercut_under_the_reason_it_undercuts(tmp_path: Path, name: str):
    """Kialo has no undercuts: "U undercuts (O against T)" goes out as a Con of O. As a
    Con of T it would turn a defence of T into an objection to it."""
    m = load_map(MAPS / name).document
    runner = CliRunner()
    out = tmp_path / "out.txt"
    assert runner.invoke(cli, ["export", str(MAPS / name), "--to", "kialo", "-o", str(out)]).exit_code == 0
    result = runner.invoke(cli, ["import", str(out), "-o", str(tmp_path / "back.json")])
    assert result.exit_code == 0, result.output
    back = load_map(tmp_path / "back.json").document
    back_text = {c.id: c.text for c in back.claims}
    relations = {(back_text[a.premises[0]], a.polarity, back_text[a.target]) for a in back.arguments}
    text = {c.id: c.text for c in m.claims}
    arguments = {a.id: a for a in m.arguments}
    undercuts = [a for a in m.arguments if a.target in arguments]
    assert undercuts
    for u in undercuts:
        undercut = arguments[u.target]
        for p in u.premises:
            assert (text[p], u.polarity, text[undercut.premises[0]]) in relations
            if undercut.target in text:  # (else an undercut of an undercut)
                assert (text[p], u.polarity, text[undercut.target]) not in relations


LIST_IN_CLAIM = """Discussion Title: Should cities ban cars from their centres?

1. Cities should ban cars from their centres.
1.1. Pro: Two gains:
1. cleaner air
2. quieter streets
1.2. Con: Delivery vans would still be needed.
"""


def test_a_numbered_list_in_a_claim_is_text_not_a_second_thesis(tmp_path: Path):
    """`2. quieter streets` is the next top-level number, but entries of thesis 1
    follow it: the file is in pre-order, so it is a line of 1.1's text."""
    source = tmp_path / "cars.txt"
    source.write_text(LIST_IN_CLAIM, encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(source), "-o", str(tmp_path / "cars.json")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.glob("*.json")) == ["cars.json"]
    m = load_map(tmp_path / "cars.json").document
    assert m.claim("1.1").text == "Two gains:\n1. cleaner air\n2. quieter streets"
    assert [c.id for c in m.claims] == ["1", "1.1", "1.2"]


def test_a_markdown_link_with_a_number_as_its_text_is_no_citation():
    text = ("Discussion Name:\nX\n\n1. Thesis:\nSee table [2](https://example.org/t2) and the study [1].\n\n"
            "Sources:\n[1] https://example.org/study\n[2] https://example.org/other\n")
    (m,) = from_kialo(text, "links.txt", "links")
    assert m.claim("1").text == "See table [2](https://example.org/t2) and the study."
    assert [e.source for e in m.claim("1").evidence] == ["source-1"]


def test_export_of_a_deep_chain(tmp_path: Path):
    """3,000 claims each supporting the one before: no RecursionError."""
    n = 3000
    doc = {"schema_version": 2, "title": "Chain", "thesis": "c0",
           "claims": [{"id": f"c{i}", "text": f"Claim {i}."} for i in range(n)],
           "arguments": [{"id": f"a{i}", "premises": [f"c{i}"], "polarity": "support", "target": f"c{i - 1}"} for i in range(1, n)]}
    source = tmp_path / "chain.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["export", str(source), "--to", "kialo", "-o", str(tmp_path / "chain.txt")])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "chain.txt").read_text(encoding="utf-8")
    assert text.count(" Pro:\n") == n - 1  # (re-imported, numbers past 100 levels exceed argmap's ids)


def test_a_see_of_its_own_parent_is_left_out_with_a_note_that_says_so():
    notes: list[str] = []
    (m,) = from_kialo("Discussion Title: X\n\n1. T.\n1.1. Pro: a\n1.1.1. Con: -> See 1.1.\n", "p.txt", "p", notes)
    assert [(a.premises, a.target) for a in m.arguments] == [(["1.1"], "1")]
    assert notes == ["line 5: left out entry 1.1.1. (it names its own parent: a claim cannot bear on itself)"]


def test_the_question_above_a_single_thesis_is_kept():
    text = "Discussion Name:\nEnergy\n\n1. Question:\nWhich energy source is best?\n\n  1.1. Thesis:\n  Nuclear power.\n"
    (m,) = from_kialo(text, "q.txt", "q")
    assert m.thesis == "1.1" and m.description == "Kialo question: Which energy source is best?"


def test_a_labelled_thesis_counts_in_the_old_dialect_numbering():
    maps = from_kialo("Discussion Title: X\n\n1. Thesis: A\n1.1. Pro: a\n2. B\n2.1. Con: b\n", "x.txt", "x")
    assert [(m.thesis, m.claim(m.thesis).text) for m in maps] == [("1", "A"), ("2", "B")]


def test_claim_texts_that_read_as_see_lines_round_trip():
    """The export marks such a first line; the import must read the mark before it
    reads `-> See`, not after."""
    m = ArgumentMap.model_validate({
        "schema_version": 2, "title": "T", "thesis": "t",
        "claims": [{"id": "t", "text": "-> See discussion #4: a thesis that quotes Kialo"},
                   {"id": "r", "text": "-> See 1.1."}, {"id": "o", "text": "-> See discussion #3\nfor the other side"}],
        "arguments": [{"id": "a1", "premises": ["r"], "polarity": "support", "target": "t"},
                      {"id": "a2", "premises": ["o"], "polarity": "attack", "target": "t"}]})
    (back,) = from_kialo(to_kialo(m), "back.txt", "back")
    assert _shape(back) == _shape(m) and all(c.note is None for c in back.claims)


def test_entries_under_no_thesis_are_left_out_with_a_note():
    notes: list[str] = []
    text = ("Discussion Name:\nEnergy\n\n1. Question:\nWhich energy source is best?\n\n  1.1. Thesis:\n  Nuclear power.\n\n"
            "  1.2. Pro:\n  Any energy beats none.\n")
    (m,) = from_kialo(text, "q.txt", "q", notes)
    assert [c.id for c in m.claims] == ["1.1"]
    assert "left out 1 entry under no thesis (1.2. at line 10)" in notes
