"""argmap quotes: quotes checked against source text, on hand-made cases and on
the bundled maps against the essays in ../shared/seeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.analysis.quotes import EDITORIAL_GAP, FOUND, SourceText, check_quote, headings, normalise, normalise_text, passage_locator
from argmap.cli import cli
from tests.conftest import MAPS, SEEDS, require

SOURCE = """Title line

Relations between Moscow and Beijing have never been as close as they stand today.\u00b9 This
growing proximity is the result of three decades of consistent efforts by the political
leadership. The \u201cno-limits friendship\u201d \u2014 as it was called \u2014 has its coopera-
tion limits, and Russia\u2019s *junior* role is denied.
"""

HAISZKY = "000_de63a5bc88dbdb8f.txt"
MYKAL = "003_4bd1769b13587484.txt"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def write_map(path: Path, quotes: list[tuple[str, str]], sources=("s1",)) -> Path:
    claims = [{"id": "t", "text": "Thesis."}]
    arguments = []
    for n, (source, quote) in enumerate(quotes):
        claims.append({"id": f"c{n}", "text": f"Claim {n}.", "evidence": [{"source": source, "quote": quote, "locator": f"p. {n + 1}"}]})
        arguments.append({"id": f"a{n}", "premises": [f"c{n}"], "polarity": "support", "target": "t"})
    doc = {"schema_version": 2, "thesis": "t", "sources": [{"id": s, "title": s} for s in sources],
           "claims": claims, "arguments": arguments}
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.fixture
def source_file(tmp_path: Path) -> Path:
    p = tmp_path / "essay.txt"
    p.write_text(SOURCE, encoding="utf-8")
    return p


# ---------------------------------------------------------------- matching


def test_normalise_keeps_offsets_into_the_original():
    text = "a  \u201cb\u201d\u00ad c\u00b9 \u2014 coopera-\n  tion"
    n = normalise(text)
    assert n.text == 'a "b" c - cooperation'
    assert n.text == normalise_text(text)
    assert len(n.origin) == len(n.text)
    # every normalised character maps back to the character it came from
    assert [text[n.origin[k]] for k in range(len(n.text)) if n.text[k] not in ' "-'] == list("abccooperation")
    assert text[n.origin[n.text.index('"')]] == "\u201c"
    assert text[n.origin[n.text.index("-")]] == "\u2014"


@pytest.mark.parametrize(
    ("quote", "status"),
    [
        ("Relations between Moscow and Beijing have never been as close as they stand today.", "verbatim"),
        ("This growing  proximity\nis the result", "verbatim"),  # whitespace differs only
        ('The "no-limits friendship" - as it was called - has', "normalised"),  # straight quotes, hyphen
        ("has its cooperation limits", "normalised"),  # hyphenated across a line break
        ("Russia's junior role is denied", "normalised"),  # apostrophe, *emphasis*
        ("today. This growing proximity", "normalised"),  # footnote marker dropped
        ("relations between Moscow and Beijing", "normalised"),  # first letter's case
        ("This growing proximity is the result of three decades.", "normalised"),  # the quote ends its sentence
        ("\u201cRelations between Moscow and Beijing\u201d", "verbatim"),  # wrapping quotes stripped
        ("Relations between Moscow ... as close as they stand today", "elided"),
        ("Relations between Moscow [\u2026] three decades of consistent efforts", "elided"),
        ("the result of [thirty years of] consistent efforts", "elided"),  # editorial: stands for a few words
        ("[T]his growing proximity", "elided"),
        ("growing proximity [sic] is the result", "elided"),
        ("[Their] growing proximity is the result ... by the political leadership", "elided"),
    ],
)
def test_found(quote: str, status: str):
    result = check_quote(quote, SourceText(SOURCE))
    assert result[0] == status, result


@pytest.mark.parametrize(
    "quote",
    [
        "Relations between Moscow and Beijing have never been so close as they are today.",  # altered words
        "three decades of consistent efforts ... never been as close",  # elided pieces out of order
        "Relations between Moscow [and] the political leadership",  # a bracket stands for a few words, not lines
        "This growing proximity is the result of four decades",
    ],
)
def test_altered_quotes_are_missing_with_the_closest_passage(quote: str):
    status, line, closest, similarity = check_quote(quote, SourceText(SOURCE))
    assert status == "missing"
    assert closest and similarity < 100
    assert line in (3, 4)
    # the passage is cut at word boundaries and comes from the original text
    assert closest.split()[0] in SOURCE.split() or closest.split()[0].strip("\u00b9") in SOURCE


def test_editorial_pieces_out_of_order_are_missing():
    assert check_quote("the political leadership [of] Relations between Moscow", SourceText(SOURCE))[0] == "missing"


def test_closest_passage_points_at_the_right_line():
    status, line, closest, _ = check_quote("the political leadership of Russia", SourceText(SOURCE))
    assert status == "missing"
    assert line == 4  # where "the political" starts (the passage runs on into line 5)
    assert "the political leadership" in closest


# ---------------------------------------------------------------- command


def test_all_found_exits_0(tmp_path: Path, source_file: Path):
    m = write_map(tmp_path / "m.json", [("s1", "as close as they stand today"), ("s1", "has its cooperation limits")])
    r = run("quotes", str(m), "--source", f"s1={source_file}", "-v")
    assert r.exit_code == 0, r.output
    assert "2 quotes, 1 verbatim, 1 after normalising typography; all found" in r.output
    assert "ok       claim c1 (p. 2): normalised at essay.txt:5" in r.output


def test_altered_quote_exits_1_and_shows_claim_passage_and_word_diff(tmp_path: Path, source_file: Path):
    m = write_map(tmp_path / "m.json", [("s1", "as close as they stand today"),
                                        ("s1", "have never been so close as they stand today")])
    r = run("quotes", str(m), "--source", f"s1={source_file}")
    assert r.exit_code == 1
    assert "1 NOT FOUND" in r.output
    assert "MISSING  claim c1 (p. 2)" in r.output
    assert "closest: " in r.output and "essay.txt:3" in r.output
    assert "[-as-]{+so+}" in r.output
    assert "claim c0" not in r.output  # found quotes are not listed without -v


def test_json_output(tmp_path: Path, source_file: Path):
    m = write_map(tmp_path / "m.json", [("s1", "as close as they stand today"), ("s1", "entirely invented words here")])
    r = run("quotes", str(m), "--source", f"s1={source_file}", "--json")
    assert r.exit_code == 1
    data = json.loads(r.output)
    quotes = data["maps"][0]["quotes"]
    assert [q["status"] for q in quotes] == ["verbatim", "missing"]
    assert quotes[1]["claim"] == "c1" and "closest" in quotes[1] and "closest" not in quotes[0]
    assert data["missing"] == 1


def test_other_sources_are_listed_as_not_checked(tmp_path: Path, source_file: Path):
    m = write_map(tmp_path / "m.json", [("s1", "as close as they stand today"), ("s2", "anything")], sources=("s1", "s2"))
    r = run("quotes", str(m), "--source", f"s1={source_file}")
    assert r.exit_code == 0
    assert "not checked, no text file (--source ID=FILE or the source's text field): 1 quote of s2 (1)" in r.output


def _with_text_field(m: Path, text: str | None) -> None:
    doc = json.loads(m.read_text())
    doc["sources"][0]["text"] = text
    m.write_text(json.dumps(doc), encoding="utf-8")


def test_the_text_file_a_source_names_is_used_without_flags(tmp_path: Path, source_file: Path):
    sub = tmp_path / "maps"
    sub.mkdir()
    m = write_map(sub / "m.json", [("s1", "as close as they stand today"), ("s1", "as close as they stood")])
    _with_text_field(m, "../essay.txt")  # relative to the map file, not to the working folder
    r = run("quotes", str(m), "--json")
    assert r.exit_code == 1, r.output
    out = json.loads(r.output)
    assert [q["status"] for q in out["maps"][0]["quotes"]] == ["verbatim", "missing"]
    assert out["maps"][0]["sources"] == {"s1": str(sub / "../essay.txt")}


def test_a_source_flag_overrides_the_text_field(tmp_path: Path, source_file: Path):
    m = write_map(tmp_path / "m.json", [("s1", "as close as they stand today")])
    _with_text_field(m, "missing.txt")
    r = run("quotes", str(m), "--source", f"s1={source_file}")
    assert r.exit_code == 0, r.output
    assert "1 verbatim; all found" in r.output


def test_a_missing_text_file_or_nothing_to_check_exits_2(tmp_path: Path):
    m = write_map(tmp_path / "m.json", [("s1", "as close")])
    r = run("quotes", str(m))
    assert r.exit_code == 2 and "no source names its text file" in r.output
    _with_text_field(m, "gone.txt")
    r = run("quotes", str(m))
    assert r.exit_code == 2
    assert "source s1: its text file 'gone.txt': no such file" in r.output
    assert "Traceback" not in r.output


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("nope={src}", "no source 'nope'"),
        ("s1={missing}", "no such file"),
        ("s1", "expected ID=FILE"),
    ],
)
def test_bad_input_exits_2(tmp_path: Path, source_file: Path, spec: str, message: str):
    m = write_map(tmp_path / "m.json", [("s1", "as close")])
    spec = spec.format(src=source_file, missing=tmp_path / "missing.txt")
    r = run("quotes", str(m), "--source", spec)
    assert r.exit_code == 2
    assert message in r.output
    assert "Traceback" not in r.output


def test_non_utf8_source_exits_2(tmp_path: Path):
    m = write_map(tmp_path / "m.json", [("s1", "as close")])
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("caf\u00e9 au lait".encode("latin-1"))
    r = run("quotes", str(m), "--source", f"s1={bad}")
    assert r.exit_code == 2
    assert "not UTF-8" in r.output


# ---------------------------------------------------------------- bundled maps


def _bundled_args() -> list[str]:
    require(SEEDS)
    compare = require(MAPS / "russia-china.compare.json")
    return ["quotes", str(compare), "--source", f"haiszky-2024={SEEDS / HAISZKY}", "--source", f"mykal-2024={SEEDS / MYKAL}"]


def test_bundled_maps_quote_the_essays_verbatim():
    r = run(*_bundled_args(), "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    checked = [q for m in data["maps"] for q in m["quotes"]]
    assert len(checked) > 100
    assert {q["status"] for q in checked} == {"verbatim"}


def test_one_altered_word_in_a_bundled_quote_is_caught(tmp_path: Path):
    args = _bundled_args()
    doc = json.loads((MAPS / "partnership-without-trust.json").read_text(encoding="utf-8"))
    target = next(c for c in doc["claims"] for e in c.get("evidence", []) if e["source"] == "mykal-2024" and len(e["quote"].split()) > 8)
    ev = next(e for e in target["evidence"] if e["source"] == "mykal-2024")
    words = ev["quote"].split()
    original_word = words[4]
    words[4] = "certainly"
    ev["quote"] = " ".join(words)
    copy = tmp_path / "pwt.json"
    copy.write_text(json.dumps(doc), encoding="utf-8")
    r = run("quotes", str(copy), "--source", args[-1])
    assert r.exit_code == 1
    assert f"MISSING  claim {target['id']}" in r.output
    assert "{+certainly+}" in r.output and f"[-{original_word}" in r.output


# ---------------------------------------------------------------- property

_WORDS = " ".join(SOURCE.split()).split(" ")[2:]  # after the title line


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_a_passage_with_some_words_replaced_by_an_editorial_bracket_is_found(data):
    start = data.draw(st.integers(0, len(_WORDS) - 6))
    end = data.draw(st.integers(start + 5, min(len(_WORDS), start + 25)))
    words = _WORDS[start:end]
    i = data.draw(st.integers(1, len(words) - 2))  # keep a word on each side
    j = data.draw(st.integers(i, len(words) - 1))
    if len(" ".join(words[i:j])) > EDITORIAL_GAP:
        j = i  # a bracket stands for a few words only; an insertion ([sic]) then
    bracket = data.draw(st.sampled_from(["[it]", "[sic]", "[the Russian side]"]))
    quote = " ".join([*words[:i], bracket, *words[j:]])
    assert check_quote(quote, SourceText(SOURCE))[0] in FOUND, quote


# ---------------------------------------------------------------- locating a passage


def test_headings_of_a_plain_text_and_a_passage_locator():
    text = (
        "A Title Of The Essay\n\nIntro paragraph that runs on. It ends here.\n\n1. First section\n\n"
        "Body text, with a sentence.\nMore of it.\n\n[Ref 2020], a reference.\n\nmail@example.org\n\n"
        "## Second part ##\nA line.\n"
    )
    assert headings(text) == [(1, "A Title Of The Essay"), (5, "1. First section"), (14, "Second part")]
    assert passage_locator(text, text.index("More of it")) == "1. First section, line 8"
    assert passage_locator(text, text.index("A line")) == "Second part, line 15"
    assert passage_locator("no headings here.\nat all.", 20) == "line 2"


def test_the_essays_sections_locate_a_quote():
    require(SEEDS)
    from argmap.analysis.quotes import read_source_text

    text = read_source_text(SEEDS / MYKAL)
    where = passage_locator(text, text.index("Economic and financial cooperation does not necessarily"))
    assert where.startswith("1. Russia\u2019s vision of its partnership with China, line ")
