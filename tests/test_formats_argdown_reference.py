"""The Argdown export read by the reference implementation itself (@argdown/node
1.7.5 with @argdown/cli, installed from npm like the benchmarks do): texts, titles and
tags full of Argdown syntax must come out as the same statements, arguments and
relations in Argdown as in argmap, and re-import into the same map. Skipped only
where Node.js or npm is missing."""

from __future__ import annotations

import json
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.formats import import_argdown_text
from argmap.formats.argdown_export import to_argdown
from argmap.model import ArgumentMap
from argmap.store import dumps, load_map
from benchmarks.bench_interchange import REFERENCE_DIR, ensure_reference
from tests.argdown_reference import Reference, differences
from tests.conftest import MAPS


@pytest.fixture(scope="module")
def reference():
    if not shutil.which("node") or not shutil.which("npm"):
        pytest.skip("Node.js and npm are needed to install the reference Argdown (@argdown/cli 1.7.5)")
    assert ensure_reference()
    ref = Reference(REFERENCE_DIR)
    yield ref
    ref.close()


def _check(m: ArgumentMap, ref: Reference, structures: bool = False) -> str:
    text = to_argdown(m, structures=structures)
    read = ref.read(text)
    assert differences(text, read) == []
    if structures:  # an Argdown argument node for each of the map's arguments, no relation line
        assert len(read["json"]["arguments"]) == len(m.arguments)
        statements = read["json"]["statements"]
        assert not [r for r in read["json"]["relations"] if r["fromType"] == "equivalence-class"  # but implicit conclusions'
                    and any((m_.get("text") or "").strip() for m_ in statements[r["from"]]["members"])]
    back = import_argdown_text(text, ref.work / "doc.argdown", "x")  # from the file the reference read: @include works
    assert json.loads(dumps(back)) == json.loads(dumps(m))
    return text


def test_oracle_sees_what_argmap_sees(reference):
    """The comparison can fail: a document the two read differently would be reported."""
    assert differences("[a]: x\n  + [b]: y\n", reference.read("[a]: x\n  + [b]: y\n")) == []
    assert differences("[a]: x {y: z: w}\n", reference.read("[a]: x {y: z: w}\n"))  # Argdown drops it, argmap refuses
    assert differences("[a]: *x\n", reference.read("[a]: *x\n"))  # a syntax error


@pytest.mark.parametrize("name", sorted(p.name for p in MAPS.glob("*.json") if not p.name.endswith(".compare.json")))
@pytest.mark.parametrize("structures", [False, True])
def test_bundled_maps_read_the_same_in_argdown(reference, name: str, structures: bool):
    _check(load_map(MAPS / name).document, reference, structures)


# Argdown's syntax, piece by piece, text from other scripts and planes, and what JavaScript
# and Python disagree on (white space, digits)
PIECES = ["[", "]", "<", ">", ":", "#tag", "#(a b)", "@", "@[x]", "{", "}", "//", "/*", "*/", "*", "**", "_", "__", "\\",
          "+ ", "- ", "> ", "(1) ", "----", "-- r --", "\n", "\n\n", "  ", "\t", "===", "---", "<!--", "-->", ":+1:", ".~.", "->",
          "<-", "><", "_>", "<_", "+>", "<+", "1. ", "* ", "# ", "## ", "`", "~", "'", '"', "a", "B", " ", ".", ",", "?", "x" * 60,
          "\r\n", "&amp;", "=", "[a]:", "<b>:", "http://x.y/z#f", "@include(", "@include(x.argdown)",
          "\u00e9", "\u4e2d\u6587", "\U0001f389", "\u05e2\u05d1", "\u0627\u0644", "\u200f", "\u202e", "\u00a0",
          "\ufeff", "\x85", "\x1c", "\u0661"]  # fmt: skip
TEXTS = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=8).map("".join)
SAME = st.sampled_from(["Same", "same", "Same!", "Same.", "Same 2", "SAME", "c1"])  # equal, or equal but for case or punctuation
IDS = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.:\-]{0,12}", fullmatch=True)


@st.composite
def hostile_maps(draw) -> ArgumentMap:
    ids = draw(st.lists(IDS, min_size=2, max_size=10, unique=True))
    n = draw(st.integers(1, len(ids) - 1))
    claims = []
    for cid in ids[:n]:
        c: dict = {"id": cid, "text": draw(st.one_of(TEXTS, SAME))}
        title = draw(st.one_of(st.none(), TEXTS, SAME, st.sampled_from(ids)))
        if title is not None:
            c["title"] = title
        if draw(st.booleans()):
            c["tags"] = draw(st.lists(TEXTS, max_size=2, unique=True))
        if draw(st.booleans()):
            c["note"] = draw(TEXTS)
        if draw(st.booleans()):
            c["evidence"] = [{"source": "s1", "quote": draw(TEXTS), "locator": draw(TEXTS)}]
        claims.append(c)
    arguments: list[dict] = []
    for aid in ids[n:]:
        premises = draw(st.lists(st.sampled_from(ids[:n]), min_size=1, max_size=3, unique=True))
        targets = [c for c in ids[:n] if c not in premises] + [a["id"] for a in arguments]
        if not targets:
            continue
        target = draw(st.sampled_from(targets))
        a: dict = {"id": aid, "premises": premises, "target": target,
                   "polarity": "attack" if target in {x["id"] for x in arguments} else draw(st.sampled_from(["support", "attack"]))}
        if draw(st.booleans()):
            a["scheme"] = draw(TEXTS)
        if draw(st.booleans()):
            a["note"] = draw(TEXTS)
        arguments.append(a)
    return ArgumentMap.model_validate({
        "schema_version": 2, "title": draw(TEXTS), "description": draw(TEXTS), "thesis": draw(st.sampled_from(ids[:n])),
        "sources": [{"id": "s1", "authors": [draw(TEXTS)], "title": draw(TEXTS)}], "claims": claims, "arguments": arguments,
    })  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_maps(), st.booleans())
def test_hostile_texts_read_the_same_in_argdown(reference, m: ArgumentMap, structures: bool):
    _check(m, reference, structures)
