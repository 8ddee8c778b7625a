"""Argdown import/export: conformance with Argdown 1.7.5 on the shared corpus, the
mapping into argmap's model, error locations, and the export round trip."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.catalogue import BUNDLED, Catalogue, read_file
from argmap.cli import cli
from argmap.formats import import_argdown_text
from argmap.formats.argdown import ArgdownSyntaxError, parse
from argmap.formats.argdown.lexer import tokenize
from argmap.formats.argdown_export import escape_text, to_argdown
from argmap.model import ArgumentMap
from argmap.store import dumps, load_map
from benchmarks.generate import generate
from tests.conftest import INTEROP, MAPS, require

ARGDOWN = INTEROP / "argdown"


def _corpus() -> list[Path]:
    if not ARGDOWN.exists():
        return []
    return sorted(p for p in [*ARGDOWN.glob("*.argdown"), *(ARGDOWN / "snippets").glob("*.argdown")] if p.name != "ArgVu-demo.argdown")


def _expected(path: Path) -> dict:
    return json.loads((path.parent / "expected-json" / (path.stem + ".json")).read_text(encoding="utf-8"))


def _name(element) -> tuple:
    if element.kind == "inference":
        return (element.argument_title, "inference", element.conclusion_index)
    return (element.title, element.kind)


@pytest.fixture(params=_corpus() or [None], ids=lambda p: p.name if p else "corpus-missing")
def corpus_file(request) -> Path:
    require(ARGDOWN)
    return request.param


def test_corpus_is_complete():
    require(ARGDOWN)
    files = _corpus()
    assert len([p for p in files if p.parent.name == "snippets"]) == 63
    assert len([p for p in files if p.parent.name == "argdown"]) == 10


def test_counts_match_argdown_reference(corpus_file: Path):
    """Equivalence classes, arguments and relations by type, as `argdown json` says."""
    expected = _expected(corpus_file)
    doc = parse(corpus_file.read_text(encoding="utf-8"))
    got = doc.counts()
    assert got["statements"] == len(expected["statements"])
    assert got["arguments"] == len(expected["arguments"])
    assert got["relations"] == dict(sorted(Counter(r["relationType"] for r in expected["relations"]).items()))


def test_titles_and_relations_match_argdown_reference(corpus_file: Path):
    """Stronger than counts: the same titles in the same order, the same relation ends."""
    expected = _expected(corpus_file)
    doc = parse(corpus_file.read_text(encoding="utf-8"))
    assert list(doc.statements) == list(expected["statements"])
    assert list(doc.arguments) == list(expected["arguments"])
    want = sorted(
        (r["relationType"], (r["from"], r["fromType"]), (r["to"], r["toType"], *([r["conclusionIndex"]] if "conclusionIndex" in r else [])))
        for r in expected["relations"]
    )
    assert sorted((r.type, _name(r.source), _name(r.target)) for r in doc.relations) == want


def test_stats_match_reference():
    stats = json.loads((require(ARGDOWN) / "STATS.json").read_text(encoding="utf-8"))
    checked = 0
    for entry in stats:
        path = ARGDOWN / entry["file"]
        if path.name == "ArgVu-demo.argdown":
            continue
        doc = parse(path.read_text(encoding="utf-8"))

        def count(sections) -> int:
            return sum(1 + count(s.children) for s in sections)

        assert len(doc.statements) == entry["ECs"], path.name
        assert len(doc.arguments) == entry["args"], path.name
        assert sum(1 for a in doc.arguments.values() if a.pcs) == entry["reconstructed"], path.name
        assert dict(Counter(r.type for r in doc.relations)) == entry["rel"], path.name
        assert count(doc.sections) == entry["sections"], path.name
        assert len(doc.tags) == entry["tags"], path.name
        checked += 1
    assert checked == 10


def test_every_corpus_file_imports_as_a_valid_map(corpus_file: Path):
    m = import_argdown_text(corpus_file.read_text(encoding="utf-8"), corpus_file, corpus_file.stem)
    assert m.thesis in {c.id for c in m.claims}
    assert all(a.premises for a in m.arguments)


def test_negative_example_fails_with_locations_and_writes_nothing(tmp_path: Path):
    source = require(ARGDOWN) / "ArgVu-demo.argdown"
    out = tmp_path / "out.json"
    result = CliRunner().invoke(cli, ["import", str(source), "-o", str(out)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert lines[0].startswith(f"{source}:10:8: ")
    assert lines[1].startswith(f"{source}:19:1: ")
    assert len(lines) == 2
    assert "Traceback" not in result.output
    assert not out.exists()
    with pytest.raises(ArgdownSyntaxError) as err:
        parse(source.read_text(encoding="utf-8"))
    assert [(p.line, p.col) for p in err.value.problems] == [(10, 8), (19, 1)]


@pytest.mark.parametrize(
    "text, where",
    [
        ("[a]: text\n  + <b>: ok\n\n  + orphan relation\n", (4, 1)),
        ("A statement\n(1) premise\n----\n(2) conclusion\n", (2, 1)),
        ("(1) premise\n(2) another\n\nnext", (2, 12)),
        ("Some **bold text\n", (1, 17)),
        ("(1) a\n----\n(2) <not a statement>\n", (3, 5)),
        ("<a>\n\n(1) s1\n(2) s2\n-----\n(3) s3\n    -> s4\n_i\n", (9, 3)),  # a virtual dedent's place
        ("<A1> // c\n\n/*\nblock\n*/\n\n  _ [u]\n", (3, 1)),  # comments do not count as lines here
        ("text\n  + a\n(1) b\n", (3, 1)),
        ("===\ntitle: x\n===\n", (3, 4)),  # front matter alone
        ("// only a comment\n", (1, 18)),
    ],
)
def test_syntax_errors_have_line_and_column(text: str, where: tuple[int, int]):
    """Positions as Argdown 1.7.5 reports them for the same input."""
    with pytest.raises(ArgdownSyntaxError) as err:
        parse(text)
    assert (err.value.problems[0].line, err.value.problems[0].col) == where


def test_unlexable_backslash_is_an_error_with_position():
    with pytest.raises(ArgdownSyntaxError) as err:
        parse("abc\\\n")
    assert (err.value.problems[0].line, err.value.problems[0].col) == (1, 4)


def test_lexer_indentation_quirk_matches_reference():
    """A dedent to a level that was never opened closes to the enclosing level (the
    reference's stack behaviour): G below is a child of A, not of C."""
    doc = parse("A\n  + B\n  - C\n      <+ D\n    -> G\n")
    pairs = {(r.type, r.source.title, r.target.title) for r in doc.relations}
    assert ("attack", "Untitled 1", "Untitled 5") in pairs  # A attacks G
    kinds = [t.type for t in tokenize("A\n  + B\n")]
    assert kinds == ["Freestyle", "Newline", "Indent", "OutgoingSupport", "Freestyle", "Newline", "Dedent"]


# ---------------------------------------------------------------- mapping


def _imp(text: str) -> ArgumentMap:
    return import_argdown_text(text, "<test>", "test")


def test_pcs_becomes_linked_argument_and_intermediary_conclusion_chains():
    m = _imp(
        "<Chain>: two steps\n\n(1) [P1]: First premise.\n(2) [P2]: Second premise.\n----\n"
        "(3) [IC]: Intermediate.\n(4) [P3]: Third premise.\n-- Modus ponens --\n(5) [C]: Conclusion.\n"
    )
    args = {a.id: a for a in m.arguments}
    assert args["Chain-1"].premises == ["P1", "P2"] and args["Chain-1"].target == "IC"
    assert args["Chain"].premises == ["IC", "P3"] and args["Chain"].target == "C"
    assert args["Chain"].scheme == "Modus ponens" and args["Chain"].note == "two steps"
    assert m.thesis == "C"


def test_inference_uses_data_picks_premises():
    m = _imp("(1) [a]: A.\n(2) [b]: B.\n----\n(3) [c]: C.\n(4) [d]: D.\n--\n{uses: [1, 4]}\n--\n(5) [e]: E.\n")
    last = m.arguments[-1]
    assert last.premises == ["a", "d"] and last.target == "e"


def test_relations_undercut_contrary_and_sketched_arguments():
    m = _imp(
        "===\nmodel:\n    mode: strict\n===\n\n"
        "[T]: The thesis.\n  + <Gist>: A sketched reason.\n  >< [Anti]: The opposite.\n  - [X]: Contrary statement.\n\n"
        "<R>\n\n(1) [p]: premise\n----\n(2) [T]\n  <_ [u]: An undercutter.\n"
    )
    claims = {c.id: c for c in m.claims}
    assert claims["Gist"].text == "A sketched reason." and claims["Gist"].title is None
    rel = {(tuple(a.premises), a.polarity, a.target) for a in m.arguments}
    assert (("Gist",), "support", "T") in rel
    assert (("Anti",), "attack", "T") in rel and (("T",), "attack", "Anti") in rel  # contradictory: mutual
    assert (("X",), "attack", "T") in rel and (("T",), "attack", "X") in rel  # strict contrary: mutual
    assert (("u",), "attack", "R") in rel  # undercut -> attack on the argument
    assert m.thesis == "T"


def test_headings_and_tags_become_tags_and_frontmatter_names_thesis():
    m = _imp("===\ntitle: Debate\nthesis: B\n===\n\n# Part one\n\n[A]: Claim a #(key point)\n  + [B]: Claim b #urgent\n")
    claims = {c.id: c for c in m.claims}
    assert m.title == "Debate" and m.thesis == "B"
    assert claims["A"].tags == ["key point", "Part one"] and claims["A"].text == "Claim a"
    assert claims["B"].tags == ["urgent", "Part one"]


def test_ids_are_slugs_of_titles_and_untitled_text():
    m = _imp("[Statement Title]: Some text.\n  + Cars make streets dangerous for children.\n")
    ids = [c.id for c in m.claims]
    assert ids == ["statement-title", "cars-make-streets-dangerous-for-children"]
    assert m.claims[0].title == "Statement Title"


def test_markdown_links_shortcodes_and_escapes_in_text():
    m = _imp("[a]: See [the guide](https://argdown.org) and __bold__ *it* .A.x \\[not a ref\\] @[a]\n")
    assert m.claims[0].text == "See the guide and bold it \u2200x [not a ref] @[a]"


# ---------------------------------------------------------------- export


def _same(a: ArgumentMap, b: ArgumentMap) -> None:
    assert json.loads(dumps(a)) == json.loads(dumps(b))


@pytest.mark.parametrize("name", ["informal-alliance.json", "partnership-without-trust.json"])
def test_bundled_maps_round_trip(name: str):
    m = load_map(MAPS / name).document
    text = to_argdown(m)
    _same(_imp(text), m)
    assert to_argdown(m) == text  # deterministic


def test_generated_map_round_trips():
    m = generate(400, 7)
    _same(_imp(to_argdown(m)), m)


@pytest.mark.parametrize(
    "text",
    [
        "a.v.b and :~: or .~. stays", "[x]: <y> @[z] #tag *b* _i_ {d} // c /* c */ <!-- c -->",
        "=== frontmatter === inside", "ends with backslash \\", "(1) + - -> <- >< _ <_ --",
        "e.g. i.e. 3.5 10:30 a:b: c", "\u201cquoted\u201d \u00e9t\u00e9 \u2014 \u00fc", "__init__ **x**",
    ],
)  # fmt: skip
def test_escape_text_reads_back(text: str):
    doc = parse(f"[x]: {escape_text(text)}\n", remove_tags_from_text=True)
    assert " ".join(doc.statements["x"].text.split()) == " ".join(text.split())


WORDS = st.text(
    alphabet=st.sampled_from(list("abcXYZ019 ") + list("[]<>@#*_{}/=.:,;-+()!?\"'\\~^&|$%`") + ["\u00e4", "\u2014", "\u201c"]),
    min_size=1,
    max_size=30,
).map(lambda s: " ".join(s.split())).filter(bool)
IDS = st.from_regex(r"[a-z][a-z0-9_.:\-]{0,8}", fullmatch=True)
CATALOGUE = Catalogue(read_file(BUNDLED))
# catalogue ids, names other tools use for them, and free text
SCHEMES = st.one_of(st.sampled_from([s.id for s in CATALOGUE]), st.sampled_from(["ExpertOpinion", "Argument from analogy", "Sign"]), WORDS)


@st.composite
def questions(draw, scheme: str | None, earlier: list[str]) -> list[dict]:
    """States for some critical questions of `scheme` (made-up ids for a free-text scheme)."""
    found = CATALOGUE.get(scheme)
    ids = [q.id for q in found.questions] if found else ["q1", "q2"]
    out = []
    for qid in draw(st.lists(st.sampled_from(ids), max_size=3, unique=True)):
        state = draw(st.sampled_from(["open", "answered", "set-aside"] if earlier else ["open", "set-aside"]))
        q: dict = {"id": qid, "state": state}
        if state == "answered":
            q["by"] = draw(st.sampled_from(earlier))
        if state == "set-aside" or draw(st.booleans()):
            q["note"] = draw(WORDS) if state == "set-aside" else draw(st.text(max_size=20))
        out.append(q)
    return out


@st.composite
def maps(draw) -> ArgumentMap:
    ids = draw(st.lists(IDS, min_size=2, max_size=12, unique=True))
    n_claims = draw(st.integers(1, len(ids) - 1))
    claim_ids, arg_ids = ids[:n_claims], ids[n_claims:]
    claims = []
    for cid in claim_ids:
        c: dict = {"id": cid, "text": draw(st.one_of(WORDS, WORDS, st.text(min_size=1, max_size=20)))}
        if draw(st.booleans()):
            c["title"] = draw(st.one_of(WORDS, st.just(cid.upper())))
        if draw(st.booleans()):
            c["tags"] = draw(st.lists(WORDS, max_size=2, unique=True))
        if draw(st.booleans()):
            c["note"] = draw(st.text(max_size=20))
        if draw(st.booleans()):
            c["evidence"] = [{"source": draw(st.sampled_from(["s1", "text"])), "quote": draw(st.text(max_size=20)), "locator": "p. 1"}]
        if draw(st.booleans()):
            c["reconstruction"] = True
        claims.append(c)
    arguments = []
    for i, aid in enumerate(arg_ids):
        premises = draw(st.lists(st.sampled_from(claim_ids), min_size=1, max_size=3, unique=True))
        targets = [c for c in claim_ids if c not in premises] + [a["id"] for a in arguments]
        if not targets:
            continue
        target = draw(st.sampled_from(targets))
        polarity = "attack" if target in arg_ids[:i] else draw(st.sampled_from(["support", "attack"]))
        a: dict = {"id": aid, "premises": premises, "polarity": polarity, "target": target}
        if draw(st.booleans()):
            a["scheme"] = draw(SCHEMES)
        if draw(st.booleans()):
            a["questions"] = draw(questions(a.get("scheme"), [x["id"] for x in arguments]))
        if draw(st.booleans()):
            a["note"] = draw(st.text(max_size=20))
        if draw(st.booleans()):
            a["reconstruction"] = True
        arguments.append(a)
    return ArgumentMap.model_validate(
        {
            "schema_version": 2,
            "title": draw(st.text(max_size=20)),
            "thesis": draw(st.sampled_from(claim_ids)),
            "sources": [{"id": "s1", "authors": ["A. Author"], "year": 2020, "title": draw(st.text(max_size=10))},
                        {"id": "text", "title": "The text reconstructed", "text": "texts/essay.txt"}],
            "reconstructs": draw(st.sampled_from([[], ["text"]])),
            "claims": claims,
            "arguments": arguments,
        }
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps())
def test_round_trip_property(m: ArgumentMap):
    _same(_imp(to_argdown(m)), m)


@pytest.mark.parametrize(
    "text, line",
    [
        ("<A>\n\n(1) a\n----\n(2) b\n\n<A>\n\n(1) c\n----\n(2) d\n", 9),  # a second structure for <A>
        ("[a]: text\n\n[b]: more {x: y: z}\n", 3),  # YAML that does not parse
    ],
)
def test_model_errors_have_locations(text: str, line: int):
    with pytest.raises(ArgdownSyntaxError) as err:
        parse(text)
    assert err.value.problems[0].line == line


def test_corpus_maps_survive_export_and_reimport(corpus_file: Path):
    m = import_argdown_text(corpus_file.read_text(encoding="utf-8"), corpus_file, corpus_file.stem)
    _same(_imp(to_argdown(m)), m)


def test_crlf_and_bom_read_like_lf():
    text = "===\ntitle: T\n===\n\n# H\n\n[a]: First.\n  + [b]: Second.\n  - <c>: Third.\n\n(1) [b]\n----\n(2) [d]: Fourth.\n"
    lf = _imp(text)
    crlf = _imp("\ufeff" + text.replace("\n", "\r\n"))
    assert dumps(crlf) == dumps(lf)


@pytest.mark.parametrize("space, trimmed", [("\ufeff", True), ("\u3000", True), ("\x85", False), ("\x1c", False), ("\u180e", False)])
def test_rules_and_headings_are_trimmed_as_javascript_trims(space: str, trimmed: bool):
    """Argdown trims inference rules and headings with String.prototype.trim: U+FEFF is
    white space there (not in Python), U+0085 and U+001C are not (they are in Python)."""
    doc = parse(f"<a>\n\n(1) p\n-- {space}Rule{space} --\n(2) q\n\n# {space}Head{space}\n\n[s]: x\n")
    want = (lambda w: w) if trimmed else (lambda w: f"{space}{w}{space}")
    assert doc.arguments["a"].pcs[1].inference.rules == [want("Rule")]
    assert [s.title for s in doc.sections] == [want("Head")]
    m = ArgumentMap.model_validate({"schema_version": 2, "thesis": "t", "claims": [{"id": "t", "text": "T."}, {"id": "p", "text": "P."}],
                                    "arguments": [{"id": "a", "premises": ["p"], "polarity": "support", "target": "t", "scheme": space}]})
    _same(_imp(to_argdown(m)), m)  # a scheme Argdown would trim away is written in the data


@pytest.mark.parametrize(
    "text, error, texts",
    [
        ("[a]: x *\ufeffy\n", None, {"a": "x *\ufeffy"}),
        ("[a]: x *\x85y\n", (1, 11), None),
        ("1.\ufeffitem\n\n[a]: x\n", None, {"Untitled 1": "\ufeffitem", "a": "x"}),
        ("1.\x1citem\n\n[a]: x\n", None, {"Untitled 1": "1.\x1citem", "a": "x"}),
        ("[a]: x {k: v}\ufeff, more\n", None, {"a": "x {k: v}\ufeff, more"}),
        ("[a]: x\n  _\x85[b]: y\n", (2, 5), None),
        ("(\u0661) p\n----\n(2) q\n", (2, 1), None),
        ("\u0661. item\n\n[a]: x\n", None, {"Untitled 1": "\u0661. item", "a": "x"}),
    ],
)  # fmt: skip
def test_white_space_and_digits_are_javascripts(text: str, error: tuple | None, texts: dict | None):
    """Argdown's token rules are JavaScript expressions: `\\s` there is not Python's (U+FEFF
    is white space, U+0085 and U+001C-U+001F are not) and `\\d` is 0-9 only (as read by
    Argdown 1.7.5)."""
    if error:
        with pytest.raises(ArgdownSyntaxError) as err:
            parse(text)
        assert (err.value.problems[0].line, err.value.problems[0].col) == error
    else:
        assert {t: ec.text for t, ec in parse(text).statements.items()} == texts


def test_undercut_of_sketched_argument_hits_the_inference_from_its_gist():
    m = _imp("<U>: Undercutter.\n  _> <G>\n\n[T]: Thesis.\n  + <G>: Gist of a reason.\n")
    args = {(tuple(a.premises), a.target): a for a in m.arguments}
    support = args[(("G",), "T")]
    assert support.polarity == "support"
    assert args[(("U",), support.id)].polarity == "attack"


def test_relations_without_equivalent_are_noted():
    notes: list[str] = []
    m = import_argdown_text("[a]: A claim.\n  + [a]\n  - [b]: Another.\n", "<test>", "t", notes)
    assert notes == ["left out the support relation from [a] to [a]: no argmap equivalent"]
    assert [(a.premises, a.polarity, a.target) for a in m.arguments] == [(["b"], "attack", "a")]


def test_error_columns_count_utf16_units_like_argdown():
    with pytest.raises(ArgdownSyntaxError) as err:
        parse("\U0001F600 [x] A\n")
    assert (err.value.problems[0].line, err.value.problems[0].col) == (1, 4)  # Argdown 1.7.5: "At 1:4"
