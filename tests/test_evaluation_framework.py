"""Dung solvers: conformance with ../shared/interop/af and a brute-force checker."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.analysis.evaluation.af_formats import load_framework
from argmap.analysis.evaluation.framework import (
    FRAMEWORK_SEMANTICS,
    IN,
    OUT,
    SCC_SEMANTICS,
    UNDEC,
    Framework,
    TooManyExtensions,
    extensions,
    grounded_labelling,
    named_extensions,
    sceptical_labelling,
)
from argmap.analysis.graph import strongly_connected_components
from tests.conftest import INTEROP, require

# ---------------------------------------------------------------- brute force


def brute_force(n: int, attacks: list[tuple[int, int]]) -> dict[str, list[list[int]]]:
    """Every semantics by enumerating all 2^n subsets, straight from the definitions."""
    attackers = [0] * n
    targets = [0] * n
    for a, b in attacks:
        attackers[b] |= 1 << a
        targets[a] |= 1 << b
    full = (1 << n) - 1

    def plus(s: int) -> int:
        out = 0
        for x in range(n):
            if s >> x & 1:
                out |= targets[x]
        return out

    def defended(s: int) -> int:
        sp = plus(s)
        return sum(1 << x for x in range(n) if attackers[x] & ~sp == 0)

    conflict_free, admissible, complete, stable = [], [], [], []
    for s in range(1 << n):
        sp = plus(s)
        if s & sp:
            continue
        conflict_free.append(s)
        d = defended(s)
        if s & ~d:
            continue
        admissible.append(s)
        if d == s:
            complete.append(s)
        if sp == full & ~s:
            stable.append(s)
    preferred = [s for s in admissible if not any(t != s and s & ~t == 0 for t in admissible)]
    grounded = [s for s in complete if all(s & ~t == 0 for t in complete)]
    assert len(grounded) == 1  # the least complete extension exists and is unique

    def range_maximal(sets: list[int]) -> list[int]:
        ranges = {s: s | plus(s) for s in sets}
        return [s for s in sets if not any(ranges[s] != r and ranges[s] & ~r == 0 for r in ranges.values())]

    sceptical = full
    for s in preferred:
        sceptical &= s
    inside = [s for s in admissible if s & ~sceptical == 0]
    ideal = [s for s in inside if all(t & ~s == 0 for t in inside)]  # the largest one
    assert len(ideal) == 1

    def as_lists(sets: list[int]) -> list[list[int]]:
        return sorted([x for x in range(n) if s >> x & 1] for s in sets)

    return {
        "grounded": as_lists(grounded),
        "complete": as_lists(complete),
        "preferred": as_lists(preferred),
        "stable": as_lists(stable),
        "admissible": as_lists(admissible),
        "semi-stable": as_lists(range_maximal(complete)),
        "stage": as_lists(range_maximal(conflict_free)),
        "ideal": as_lists(ideal),
    }


@st.composite
def frameworks(draw, max_n: int = 12):
    """Random frameworks up to max_n arguments, from sparse to dense, self-attacks included."""
    n = draw(st.integers(min_value=0, max_value=max_n))
    if n == 0:
        return 0, []
    node = st.integers(min_value=0, max_value=n - 1)
    attacks = draw(st.lists(st.tuples(node, node), max_size=draw(st.sampled_from([n, 2 * n, 3 * n, n * n // 3 + 1]))))
    return n, sorted(set(attacks))


def _af(n: int, attacks: list[tuple[int, int]]) -> Framework:
    return Framework.build([f"a{i}" for i in range(n)], attacks)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frameworks())
def test_solvers_agree_with_brute_force(case):
    n, attacks = case
    af = _af(n, attacks)
    expected = brute_force(n, attacks)
    for semantics in SCC_SEMANTICS:  # all eight: test_every_semantics_and_task_agrees_with_brute_force
        assert extensions(af, semantics) == expected[semantics], semantics


@settings(max_examples=200, deadline=None)
@given(frameworks(max_n=10))
def test_sceptical_labels_are_the_meet_of_extension_labellings(case):
    n, attacks = case
    af = _af(n, attacks)
    for semantics in ("preferred", "stable"):
        exts = brute_force(n, attacks)[semantics]
        result = sceptical_labelling(af, semantics)
        assert result.extension_count == len(exts)
        if not exts:
            assert result.labels == [UNDEC] * n
            continue
        expected = None
        for ext in exts:
            s = set(ext)
            out = {b for a, b in attacks if a in s}
            labs = [IN if x in s else OUT if x in out else UNDEC for x in range(n)]
            expected = labs if expected is None else [e if e == l else UNDEC for e, l in zip(expected, labs)]
        assert result.labels == expected, semantics


@settings(max_examples=100, deadline=None)
@given(frameworks())
def test_grounded_labelling_is_a_complete_labelling(case):
    n, attacks = case
    af = _af(n, attacks)
    lab = grounded_labelling(af)
    for x in range(n):
        atts = [lab[a] for a in af.attackers[x]]
        if lab[x] == IN:
            assert all(a == OUT for a in atts)
        elif lab[x] == OUT:
            assert IN in atts
        else:
            assert IN not in atts and any(a == UNDEC for a in atts)


# ---------------------------------------------------------------- hand cases


def test_dense_random_frameworks_of_twelve_agree_with_brute_force():
    import random

    rng = random.Random(7)
    for _ in range(40):
        n = 12
        attacks = [(a, b) for a in range(n) for b in range(n) if rng.random() < 0.18]
        af = _af(n, attacks)
        expected = brute_force(n, attacks)
        for semantics in SCC_SEMANTICS:
            assert extensions(af, semantics) == expected[semantics]


def test_self_attack_and_odd_cycle_have_no_stable_extension():
    af = Framework.from_names(["a", "b"], [("a", "a"), ("a", "b")])
    assert named_extensions(af, "stable") == []
    assert named_extensions(af, "preferred") == [[]]
    assert named_extensions(af, "grounded") == [[]]
    result = sceptical_labelling(af, "stable")
    assert result.extension_count == 0 and result.labels == [UNDEC, UNDEC]


def test_independent_cycles_are_counted_without_enumerating_the_product():
    # 40 independent even cycles: 2^40 preferred extensions, sceptically all undecided
    names, attacks = [], []
    for k in range(40):
        names += [f"x{k}", f"y{k}"]
        attacks += [(2 * k, 2 * k + 1), (2 * k + 1, 2 * k)]
    af = Framework.build(names, attacks)
    result = sceptical_labelling(af, "preferred")
    assert result.extension_count == 2**40
    assert set(result.labels) == {UNDEC}
    with pytest.raises(TooManyExtensions):
        extensions(af, "preferred", max_extensions=1000)


def test_many_disputes_in_one_part_are_not_enumerated():
    # 60 disputes x_k <-> y_k; every x_k attacks z, every y_k attacks w_k; z attacks t.
    # One weakly connected part with 2^60 preferred extensions; z is out in all but
    # one (all y_k win), so z, t and every w_k are sceptically undecided.
    k = 60
    names = [f"x{i}" for i in range(k)] + [f"y{i}" for i in range(k)] + [f"w{i}" for i in range(k)] + ["z", "t"]
    at = {n: i for i, n in enumerate(names)}
    attacks = []
    for i in range(k):
        attacks += [(at[f"x{i}"], at[f"y{i}"]), (at[f"y{i}"], at[f"x{i}"]), (at[f"x{i}"], at["z"]), (at[f"y{i}"], at[f"w{i}"])]
    attacks.append((at["z"], at["t"]))
    af = Framework.build(names, attacks)
    result = sceptical_labelling(af, "preferred")
    assert result.extension_count == 2**k
    assert set(result.labels) == {UNDEC}
    # a floating conclusion across one part: whichever side wins each dispute, z is out
    attacks2 = attacks + [(at[f"y{i}"], at["z"]) for i in range(k)]
    result = sceptical_labelling(Framework.build(names, attacks2), "stable")
    assert result.extension_count == 2**k
    assert result.labels[at["z"]] == OUT and result.labels[at["t"]] == IN


def test_long_chain_needs_no_recursion():
    n = 200_000
    af = Framework.build([str(i) for i in range(n)], [(i, i + 1) for i in range(n - 1)])
    lab = grounded_labelling(af)
    assert lab[0] == IN and lab[1] == OUT and lab[n - 1] == (IN if (n - 1) % 2 == 0 else OUT)
    # a long even cycle: one big strongly connected component, two preferred extensions
    m = 20_000
    cyc = Framework.build([str(i) for i in range(m)], [(i, (i + 1) % m) for i in range(m)])
    exts = extensions(cyc, "preferred")
    assert len(exts) == 2 and sorted(len(e) for e in exts) == [m // 2, m // 2]


def test_scc_order_is_topological():
    # 0 <-> 1 -> 2 <-> 3 -> 4
    targets = [[1], [0, 2], [3], [2, 4], []]
    comps = strongly_connected_components(range(5), targets, [True] * 5)
    assert comps == [[0, 1], [2, 3], [4]]


def test_reinstatement_and_floating_acceptance():
    # a <-> b, both attack c, c attacks d: d is in every preferred extension but not grounded
    af = Framework.from_names(list("abcd"), [("a", "b"), ("b", "a"), ("a", "c"), ("b", "c"), ("c", "d")])
    assert named_extensions(af, "grounded") == [[]]
    assert named_extensions(af, "preferred") == [["a", "d"], ["b", "d"]]
    labs = sceptical_labelling(af, "preferred").labels
    assert labs == [UNDEC, UNDEC, OUT, IN]


# ---------------------------------------------------------------- conformance


def _expected_cases():
    folder = INTEROP / "af"
    if not (folder / "expected_extensions.json").exists():
        return []
    return sorted(json.loads((folder / "expected_extensions.json").read_text()).items())


@pytest.mark.parametrize("semantics", SCC_SEMANTICS)  # what expected_extensions.json holds
def test_conformance_with_interop_frameworks(semantics):
    folder = require(INTEROP / "af")
    cases = _expected_cases()
    assert len(cases) >= 8
    for name, expected in cases:
        af = load_framework(folder / name)
        assert sorted(af.names) == sorted(expected["arguments"]), name
        assert sorted(
            (af.names[a], af.names[b]) for a, b in af.attacks()
        ) == sorted(tuple(p) for p in expected["attacks"]), name
        want = expected[semantics]
        want = [sorted(want)] if semantics == "grounded" else sorted(sorted(e) for e in want)
        assert named_extensions(af, semantics) == want, (name, semantics)


# ---------------------------------------------------------------- every semantics and task


@pytest.fixture(params=["rule", "clingo"])
def engine(request, monkeypatch):
    """The measured rule as shipped (small components: our search), or every component
    handed to clingo, so both solvers meet the brute force."""
    if request.param == "clingo":
        from argmap.analysis.evaluation import framework

        monkeypatch.setattr(framework, "CLINGO_EXTRA_ATTACKS", -(10**9))
    return request.param


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(frameworks(max_n=10))
def test_every_semantics_and_task_agrees_with_brute_force(engine, case):
    from argmap.analysis.evaluation import tasks

    n, attacks = case
    af = _af(n, attacks)
    expected = brute_force(n, attacks)
    for semantics in FRAMEWORK_SEMANTICS:
        exts = expected[semantics]
        assert extensions(af, semantics) == exts, semantics
        assert tasks.solve(af, "EE", semantics).extensions == exts
        assert tasks.solve(af, "CE", semantics).count == len(exts), semantics
        one = tasks.solve(af, "SE", semantics).witness
        assert (one in exts) if exts else one is None, semantics
        for x in range(n):
            dc = tasks.solve(af, "DC", semantics, x)
            assert dc.yes == any(x in e for e in exts), ("DC", semantics, x)
            assert (dc.witness in exts and x in dc.witness) if dc.yes else dc.witness is None
            ds = tasks.solve(af, "DS", semantics, x)
            assert ds.yes == all(x in e for e in exts), ("DS", semantics, x)
            assert ds.witness is None if ds.yes else (ds.witness in exts and x not in ds.witness)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(frameworks(max_n=10))
def test_range_maximal_tasks_by_growing_alone_agree_with_brute_force(monkeypatch, case):
    """DC and DS under semi-stable and stage with no conflicts for the domain
    heuristic (asp.WIDEST_CONFLICTS = 0: clingo stops at once), so every range is
    grown step by step (range_larger.lp), as on frameworks where the heuristic does
    not end."""
    from argmap.analysis.evaluation import asp, tasks

    monkeypatch.setattr(asp, "WIDEST_CONFLICTS", 0)
    n, attacks = case
    af = _af(n, attacks)
    expected = brute_force(n, attacks)
    for semantics in ("semi-stable", "stage"):
        exts = expected[semantics]
        for x in range(n):
            dc = tasks.solve(af, "DC", semantics, x)
            assert dc.yes == any(x in e for e in exts) and (dc.witness in exts if dc.yes else dc.witness is None)
            ds = tasks.solve(af, "DS", semantics, x)
            assert ds.yes == all(x in e for e in exts) and (ds.witness is None if ds.yes else ds.witness in exts)
