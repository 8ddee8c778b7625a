"""The verdict issue (12): the two theses judged as one debate, and what decides a
verdict. Every answer is checked against an independent construction: real maps with
real objection claims added, evaluated by the same public API a user calls."""

from __future__ import annotations

import json
import subprocess
import sys
from contextlib import contextmanager
from itertools import combinations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.analysis.evaluation import evaluate_map
from argmap.analysis.evaluation.joint import evaluate_comparison
from argmap.analysis.evaluation.why import explain_map
from argmap.model import ArgumentMap, Comparison
from tests.test_evaluation import make_map


def comparison(*links: tuple[str, str, str]) -> Comparison:
    return Comparison.model_validate({
        "schema_version": 2, "left": "l.json", "right": "r.json",
        "links": [{"left": a, "right": b, "kind": k} for a, b, k in links],
    })


# ---------------------------------------------------------------- the joint verdict


def two_theses() -> tuple[ArgumentMap, ArgumentMap]:
    left = make_map(["L", "lr"], [("la", ["lr"], "support", "L")])
    right = make_map(["R", "rr"], [("ra", ["rr"], "support", "R")])
    return left, right


def test_contradicting_theses_with_one_standing_reason_each_are_undecided():
    left, right = two_theses()
    assert evaluate_map(left).thesis_stands and evaluate_map(right).thesis_stands
    je = evaluate_comparison(left, right, comparison(("L", "R", "contradicts")))
    assert je.thesis == {"left": "undecided", "right": "undecided"}
    assert je.alone == {"left": "accepted", "right": "accepted"}
    # preferred: either side may win, so sceptically neither does
    assert evaluate_comparison(left, right, comparison(("L", "R", "contradicts")), "preferred").thesis == je.thesis


def test_an_unanswered_objection_to_the_right_reason_lets_the_left_thesis_win():
    left, _ = two_theses()
    right = make_map(["R", "rr", "x"], [("ra", ["rr"], "support", "R"), ("rx", ["x"], "attack", "rr")])
    je = evaluate_comparison(left, right, comparison(("L", "R", "contradicts")))
    assert je.thesis == {"left": "accepted", "right": "rejected"}
    assert je.claims["right:rr"] == "rejected" and je.claims["right:x"] == "accepted"
    assert je.arguments["link-1:left"] == "accepted" and je.arguments["link-1:right"] == "rejected"


def test_same_makes_one_claim_of_two():
    """An objection the right map raises against its copy of a claim defeats the left
    map's copy too: what stands for one stands for both."""
    left = make_map(["L", "p"], [("la", ["p"], "support", "L")])
    right = make_map(["R", "q", "o"], [("ra", ["q"], "support", "R"), ("ro", ["o"], "attack", "q")])
    assert evaluate_map(left).thesis_stands
    je = evaluate_comparison(left, right, comparison(("p", "q", "same")))
    assert je.claims["left:p"] == je.claims["right:q"] == "rejected"
    assert je.thesis["left"] == "rejected"
    # shared evidence is no attack and no merge
    je2 = evaluate_comparison(left, right, comparison(("p", "q", "shared-evidence")))
    assert je2.claims["left:p"] == "accepted" and je2.claims["right:q"] == "rejected"


def test_a_thesis_merged_with_a_premise_is_not_granted():
    left = make_map(["L"], [])
    right = make_map(["R", "q"], [("ra", ["q"], "support", "R")])
    je = evaluate_comparison(left, right, comparison(("L", "q", "same")))
    assert je.claims["right:q"] == "rejected"  # q is a thesis now: it needs a reason


@st.composite
def maps_and_links(draw):
    from tests.test_evaluation import random_maps

    left = draw(random_maps(max_claims=5, max_arguments=5))
    right = draw(random_maps(max_claims=5, max_arguments=5))
    return left, right


@given(maps_and_links())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_no_links_means_each_map_labelled_alone(pair):
    left, right = pair
    for semantics in ("grounded", "preferred", "stable"):
        je = evaluate_comparison(left, right, comparison(), semantics)
        alone = {side: evaluate_map(m, semantics) for side, m in zip(("left", "right"), (left, right))}
        if semantics == "stable" and 0 in (alone["left"].extension_count, alone["right"].extension_count):
            # a stable extension of the union needs one of each map: none, so all undecided
            assert set(je.claims.values()) == {"undecided"}
            continue
        for side, ev in alone.items():
            assert {c: je.claims[f"{side}:{c}"] for c in ev.labels} == ev.labels, (semantics, side)
            assert {a: je.arguments[f"{side}:{a}"] for a in ev.argument_labels} == ev.argument_labels


def test_cli_judges_the_bundled_comparison_as_one_debate(tmp_path):
    from tests.conftest import MAPS

    r = subprocess.run([sys.executable, "-m", "argmap", "evaluate", str(MAPS / "russia-china.compare.json"), "--json"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["left"]["thesis"] == "ia-thesis" and out["right"]["thesis"] == "pwt-thesis"
    assert {out["left"]["label"], out["right"]["label"]} <= {"accepted", "rejected", "undecided"}
    assert all(k.startswith(("left:", "right:")) for k in out["claims"])
    assert out["summary"].startswith("Judged together, ")
    assert out["claims"]["left:ia-thesis"] == out["left"]["label"]


# ---------------------------------------------------------------- decisive claims


def defeated(m: ArgumentMap, group) -> ArgumentMap:
    """`m` with an unanswered objection to each claim of `group`: a new claim that
    nothing supports or attacks, and an attack from it on the claim."""
    data = m.model_dump()
    for c in group:
        data["claims"].append({"id": f"x-{c}", "text": f"against {c}"})
        data["arguments"].append({"id": f"xa-{c}", "premises": [f"x-{c}"], "polarity": "attack", "target": c})
    return ArgumentMap.model_validate(data)


def answered(m: ArgumentMap, group) -> ArgumentMap:
    """`m` with an unanswered undercut of each attack argument of `group`."""
    data = m.model_dump()
    for a in group:
        data["claims"].append({"id": f"y-{a}", "text": f"answer to {a}"})
        data["arguments"].append({"id": f"ya-{a}", "premises": [f"y-{a}"], "polarity": "attack", "target": a})
    return ArgumentMap.model_validate(data)


def brute_decisive(m: ArgumentMap, semantics: str, max_size: int) -> tuple[int, list[list[str]]]:
    before = evaluate_map(m, semantics).thesis_label
    others = [c.id for c in m.claims if c.id != m.thesis]
    for size in range(1, max_size + 1):
        found = [sorted(g) for g in combinations(others, size)
                 if evaluate_map(defeated(m, g), semantics).thesis_label != before]
        if found:
            return size, sorted(found)
    return 0, []


def brute_answers(m: ArgumentMap, max_size: int) -> tuple[int, list[list[str]]]:
    attacks = [a.id for a in m.arguments if a.polarity == "attack"]
    for size in range(1, max_size + 1):
        found = [sorted(g) for g in combinations(attacks, size) if evaluate_map(answered(m, g)).thesis_label == "accepted"]
        if found:
            return size, sorted(found)
    return 0, []


@st.composite
def small_maps(draw):
    from tests.test_evaluation import random_maps

    return draw(random_maps(max_claims=12, max_arguments=12))


def check_against_brute_force(m: ArgumentMap, semantics: str, max_size: int) -> None:
    size, sets = brute_decisive(m, semantics, max_size)
    w = explain_map(m, semantics)
    if size == 0:
        assert w.decisive.size == 0 or w.decisive.size > max_size
        return
    assert w.decisive.exact
    assert (w.decisive.size, w.decisive.count) == (size, len(sets))
    assert w.decisive.sets == sets[:10]


@given(small_maps())
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_decisive_sets_equal_brute_force_grounded(m):
    check_against_brute_force(m, "grounded", 3)


@given(small_maps())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_decisive_sets_equal_brute_force_preferred(m):
    check_against_brute_force(m, "preferred", 2)


@given(small_maps())
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_answers_equal_brute_force(m):
    w = explain_map(m, "grounded")
    if w.answers is None:
        assert w.label == "accepted"
        return
    size, sets = brute_answers(m, 2)
    if size == 0:
        assert w.answers.size == 0 or w.answers.size > 2
        return
    assert w.answers.size == size and w.answers.sets == sets[:10]


def test_decisive_hand_examples():
    # one reason with linked premises: each premise alone is decisive
    linked = make_map(["t", "p", "q"], [("a", ["p", "q"], "support", "t")])
    w = explain_map(linked)
    assert (w.label, w.decisive.sets, w.unevidenced) == ("accepted", [["p"], ["q"]], ["p", "q"])
    # two convergent reasons: it takes both
    convergent = make_map(["t", "p", "q"], [("a", ["p"], "support", "t"), ("b", ["q"], "support", "t")], evidence={"q"})
    w = explain_map(convergent)
    assert (w.decisive.size, w.decisive.sets, w.unevidenced) == (2, [["p", "q"]], ["p"])
    # a rebuttal that holds the thesis up is decisive: defeat it and the objection stands
    rebutted = make_map(["t", "r", "o", "b"], [("a1", ["r"], "support", "t"), ("a2", ["o"], "attack", "t"), ("a3", ["b"], "attack", "o")])
    assert explain_map(rebutted).decisive.sets == [["b"], ["r"]]
    # what it would take: answer the one objection that stands
    objected = make_map(["t", "r", "o"], [("a1", ["r"], "support", "t"), ("a2", ["o"], "attack", "t")])
    w = explain_map(objected)
    assert w.label == "rejected" and w.answers.sets == [["a2"]]
    assert explain_map(make_map(["t"], [])).answers.reason.startswith("no objection stands against it")


def test_decisive_is_fast_enough_and_exact_on_a_generated_map():
    """Correctness on a big generated map (timing is in benchmarks/): every listed set
    really changes the verdict."""
    from benchmarks.generate import generate

    m = generate(300, seed=2)
    w = explain_map(m)
    before = evaluate_map(m).thesis_label
    assert w.decisive.sets
    for group in w.decisive.sets:
        assert evaluate_map(defeated(m, group)).thesis_label != before


@pytest.mark.parametrize("semantics", ["grounded", "preferred"])
def test_cli_why_json_for_a_map(tmp_path, semantics):
    m = make_map(["t", "p", "q"], [("a", ["p", "q"], "support", "t")])
    path = tmp_path / "m.json"
    path.write_text(m.model_dump_json())
    r = subprocess.run([sys.executable, "-m", "argmap", "evaluate", str(path), "--why", "--json", "-s", semantics],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["decisive"] == [["p"], ["q"]] and out["unevidenced"] == ["p", "q"] and out["decisive_exact"]


def test_lint_suggests_naming_the_reconstructed_text():
    from argmap.analysis.lint import lint
    from tests.conftest import MAPS
    from argmap.store import load_map

    m = load_map(MAPS / "informal-alliance.json").document
    assert not [w for w in lint(m) if w.code == "reconstructs"]
    unnamed = m.model_copy(update={"reconstructs": []})
    (hint,) = [w for w in lint(unnamed) if w.code == "reconstructs"]
    assert "'haiszky-2024' supplies" in hint.message and hint.node_id == m.thesis


@contextmanager
def searched_up_to(limit: str, size: int):
    """The decisive search limited to `size` (hypothesis cannot take monkeypatch)."""
    from argmap.analysis.evaluation import decisive

    original = getattr(decisive, limit)
    setattr(decisive, limit, size)
    try:
        yield
    finally:
        setattr(decisive, limit, original)


@given(small_maps())
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_set_beyond_the_searched_sizes_changes_the_verdict_and_none_of_it_is_spare(m):
    """With the search limited to one claim, a bigger decisive set is still given (the
    shrunk one): defeating it changes the verdict; leaving any claim out does not."""
    before = evaluate_map(m).thesis_label
    with searched_up_to("MAX_SIZE", 1):
        w = explain_map(m)
    group = list(w.decisive.minimal)
    if not group:
        return
    assert len(group) > 1 and not w.decisive.sets
    assert evaluate_map(defeated(m, group)).thesis_label != before
    for c in group:
        assert evaluate_map(defeated(m, [x for x in group if x != c])).thesis_label == before


@given(small_maps())
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_answers_beyond_the_searched_sizes_make_the_thesis_stand_and_none_is_spare(m):
    with searched_up_to("ANSWER_SIZE", 1):
        w = explain_map(m)
    if w.answers is None or w.answers.sets or not w.answers.minimal:
        return
    group = list(w.answers.minimal)
    assert len(group) > 1
    assert evaluate_map(answered(m, group)).thesis_label == "accepted"
    for a in group:
        assert evaluate_map(answered(m, [x for x in group if x != a])).thesis_label != "accepted"
