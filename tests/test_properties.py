"""Property tests: any valid map round-trips unchanged and fmt is idempotent."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.model import ArgumentMap
from argmap.store import dumps, load_map, save_document

text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@st.composite
def questions(draw, n_earlier: int) -> list[dict]:
    """States of critical questions (schema 3); answers name earlier arguments."""
    out = []
    for qid in draw(st.lists(st.sampled_from(["field", "expert", "trust", "q.1"]), max_size=3, unique=True)):
        state = draw(st.sampled_from(["open", "answered", "set-aside"]))
        q = {"id": qid, "state": state, "note": draw(text)}
        if state == "answered":
            q["by"] = f"a{draw(st.integers(0, n_earlier - 1))}"
        elif state == "set-aside":
            q["note"] = "why: " + q["note"]
        out.append(q)
    return out


@st.composite
def maps(draw) -> ArgumentMap:
    n_claims = draw(st.integers(1, 12))
    claim_ids = [f"c{i}" for i in range(n_claims)]
    n_sources = draw(st.integers(0, 3))
    sources = [{"id": f"s{i}", "authors": draw(st.lists(text, max_size=2)), "title": draw(text),
                "year": draw(st.none() | st.integers(1500, 2100))} for i in range(n_sources)]
    claims = []
    for cid in claim_ids:
        c = {"id": cid, "text": draw(text)}
        if draw(st.booleans()):
            c["tags"] = draw(st.lists(text, max_size=3))
        if draw(st.booleans()):
            c["note"] = draw(text)
        if n_sources and draw(st.booleans()):
            c["evidence"] = [{"source": f"s{draw(st.integers(0, n_sources - 1))}", "quote": draw(text), "locator": draw(text)}]
        if draw(st.booleans()):
            c["evaluation"] = {"status": draw(st.sampled_from(["accepted", "rejected", "undecided"])),
                               "confidence": draw(st.floats(0, 1))}
        claims.append(c)
    arguments = []
    for i in range(draw(st.integers(0, 10)) if n_claims > 1 else 0):
        target = draw(st.sampled_from(claim_ids + [a["id"] for a in arguments]))
        candidates = [c for c in claim_ids if c != target]
        premises = draw(st.lists(st.sampled_from(candidates), min_size=1, max_size=3, unique=True))
        polarity = "attack" if target.startswith("a") else draw(st.sampled_from(["support", "attack"]))
        arguments.append({"id": f"a{i}", "premises": premises, "polarity": polarity, "target": target,
                          **({"scheme": draw(text)} if draw(st.booleans()) else {}),
                          **({"questions": draw(questions(i))} if i and draw(st.booleans()) else {})})
    return ArgumentMap.model_validate({
        "schema_version": 2, "title": draw(text), "thesis": claim_ids[0], "sources": sources,
        "claims": claims, "arguments": arguments,
    })


@given(maps())
@settings(max_examples=150, deadline=None)
def test_round_trip_is_lossless(m):
    data = dumps(m)
    again = ArgumentMap.model_validate_json(data)
    assert again == m
    assert dumps(again) == data


@given(maps())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_fmt_is_idempotent_through_files(tmp_path, m):
    path = tmp_path / "m.json"
    path.unlink(missing_ok=True)
    fp = save_document(m, path, base=None)
    loaded = load_map(path)
    assert loaded.document == m
    save_document(loaded.document, path, base=fp)
    assert path.read_bytes() == dumps(m)
