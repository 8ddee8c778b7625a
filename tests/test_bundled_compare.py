"""The bundled comparison (maps/russia-china.compare.json) of Haiszky's and Mykal's essays
(issue 13): enough links of every kind, each note naming both authors, kinds used as the
joint evaluation reads them (`same` = one claim, `contradicts` = mutual attack), the
review's wrong links fixed, and the joint verdict it gives."""

from __future__ import annotations

import re
import pytest

from argmap.analysis.evaluation.joint import evaluate_comparison
from argmap.analysis.evaluation.translate import author_only, evaluate_map
from argmap.analysis.evaluation.why import explain_comparison
from argmap.model import ArgumentMap, Comparison
from argmap.store import load_comparison_with_maps

from tests.conftest import MAPS


@pytest.fixture(scope="module")
def loaded():
    return load_comparison_with_maps(MAPS / "russia-china.compare.json")


@pytest.fixture(scope="module")
def c(loaded) -> Comparison:
    return loaded.comparison.document


@pytest.fixture(scope="module")
def ia(loaded) -> ArgumentMap:
    return loaded.left.document


@pytest.fixture(scope="module")
def pwt(loaded) -> ArgumentMap:
    return loaded.right.document


def pairs(c: Comparison, kind: str | None = None) -> set[tuple[str, str]]:
    return {(k.left, k.right) for k in c.links if kind is None or k.kind == kind}


def with_links(c: Comparison, keep) -> Comparison:
    return c.model_copy(update={"links": [k for k in c.links if keep(k)]})


def test_at_least_35_links_of_all_three_kinds(c):
    assert len(c.links) >= 35
    kinds = {k.kind for k in c.links}
    assert kinds == {"same", "contradicts", "shared-evidence"}
    assert all(sum(k.kind == kind for k in c.links) >= 5 for kind in kinds)


def test_every_link_names_claims_of_its_maps(c, ia, pwt):
    left, right = {x.id for x in ia.claims}, {x.id for x in pwt.claims}
    assert [(k.left, k.right) for k in c.links if k.left not in left or k.right not in right] == []


def test_every_note_names_both_authors_with_line_references(c):
    """Who says what: both authors by name, and at least one line of each essay (H:n, M:n)."""
    bad = [
        (k.left, k.right)
        for k in c.links
        if not (k.note and "Haiszky" in k.note and "Mykal" in k.note and re.search(r"\bH:\d", k.note) and re.search(r"\bM:\d", k.note))
    ]
    assert bad == []


def rebutted(m: ArgumentMap) -> set[str]:
    """Claims of `m` that an attack of the map aims at (the author argues against them)."""
    ids = {x.id for x in m.claims}
    return {a.target for a in m.arguments if a.polarity == "attack" and a.target in ids}


@pytest.mark.parametrize("semantics", ["grounded", "preferred"])
def test_no_same_link_to_a_claim_its_own_map_rejects_or_rebuts(c, ia, pwt, semantics):
    """A `same` link makes two claims one: it must not tie one author to a claim the other
    author's map rejects (with or without the reconstruction) or argues against."""
    for side, m in (("left", ia), ("right", pwt)):
        rejected = {cid for mm in (m, author_only(m)) for cid, label in evaluate_map(mm, semantics).labels.items() if label == "rejected"}
        linked = {getattr(k, side) for k in c.links if k.kind == "same"}
        assert linked & rejected == set(), side
        assert linked & rebutted(m) == set(), side


def test_same_links_merge_no_two_claims_of_one_map_but_the_reactive_pattern(c):
    """`same` is one to one, except Haiszky's H:42 and H:112, which are one pattern and
    both Mykal's 'reactive' (M:109): the description says so."""
    parent: dict[str, str] = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for k in c.links:
        if k.kind == "same":
            parent[find("L:" + k.left)] = find("R:" + k.right)
    groups: dict[str, set[str]] = {}
    for x in list(parent):
        groups.setdefault(find(x), set()).add(x)
    merged = [g for g in groups.values() if sum(x.startswith("L:") for x in g) > 1 or sum(x.startswith("R:") for x in g) > 1]
    assert merged == [{"L:ia-momentum-confrontation", "L:ia-pressure-response", "R:pwt-reactive"}]
    assert "H:42" in c.description and "H:112" in c.description


# Claims that report what someone said or declared: true as reports whatever the truth
# of what was said, so no contradiction may aim at them (it would make a fact undecided).
REPORTED = {
    "ia-not-against-third", "ia-matviyenko", "ia-no-limits-statement", "ia-feb-2022-meeting", "ia-military-cooperation",
    "pwt-declared-trust", "pwt-putin-translation", "pwt-pseudoallies", "pwt-dependency-shift", "pwt-xi-bias",
    "pwt-spare-bride", "pwt-liu-no-alliance", "pwt-latin-america", "pwt-jeddah", "pwt-mishustin-snub",
}


def test_no_contradiction_aims_at_a_report(c, ia, pwt):
    assert REPORTED <= {x.id for x in ia.claims} | {x.id for x in pwt.claims}
    assert [(k.left, k.right) for k in c.links if k.kind == "contradicts" and {k.left, k.right} & REPORTED] == []


def test_the_reviews_wrong_links_are_fixed(c):
    """Review §4.1: #2, #5, #11, #16, #18, #26, #28, #29 (and #8) as decided in the notes."""
    contra, same, shared, every = pairs(c, "contradicts"), pairs(c, "same"), pairs(c, "shared-evidence"), pairs(c)
    # 2: trust is not Haiszky's topic; the real clash is the elites' conviction vs a divided elite (L2)
    assert ("ia-thesis", "pwt-no-mutual-trust") not in every
    assert ("ia-thesis", "pwt-elite-divided") in contra
    # 5 and 6: Wang Yi's formula is reported, and the formula is in the statement both cite
    assert not any(k.left == "ia-not-against-third" and k.kind != "shared-evidence" for k in c.links)
    assert ("ia-not-against-third", "pwt-declared-independence") in shared
    # 7 and L15: Haiszky's own account of reactivity is Mykal's
    assert {("ia-momentum-confrontation", "pwt-reactive"), ("ia-pressure-response", "pwt-reactive")} <= same
    # 8: Matviyenko is reported, not asserted by Haiszky
    assert not any(k.left == "ia-matviyenko" for k in c.links)
    # 11: a reported 'no limits' is no contradiction of limits in fact
    assert ("ia-no-limits-statement", "pwt-limits-in-fact") not in every
    assert ("ia-no-limits-statement", "pwt-no-limits-declaration") in shared
    # 16: nothing is the same as Putin's claim that Mykal rebuts; the shared aim is her concession
    assert not any(k.right == "pwt-putin-multipolar" for k in c.links)
    assert ("ia-multipolar", "pwt-shared-grievance") in same
    # 18: no shared fact behind 'aligned interests' vs 'only common interest'
    assert ("ia-strategic-interests", "pwt-only-common-interest") not in every
    assert ("ia-strategic-interests", "pwt-many-common-interests") in same
    # 26: Xi's article is not what Haiszky cites for the military announcement
    assert ("ia-military-cooperation", "pwt-declared-trust") not in every
    # 28, 29: compatible claims
    assert ("ia-russia-willing", "pwt-great-russia") not in every
    assert ("ia-high-level-meetings", "pwt-trust-leaders-only") not in every


def test_the_telling_agreements_are_linked(c):
    """Review §4.2: history, declarations vs reality, sanctions pushing Russia east, China
    acting without Russia, autonomy, Central Asia, Power of Siberia 2, technology vs sanctions."""
    same, shared, contra = pairs(c, "same"), pairs(c, "shared-evidence"), pairs(c, "contradicts")
    assert ("ia-history-unbalanced", "pwt-history") in same  # L1
    assert ("ia-no-real-alliance", "pwt-declared-trust") in shared  # L3
    assert ("ia-sanctions-drive", "pwt-turns-east") in same  # L7
    assert ("ia-china-us-focus", "pwt-china-view") in same  # L8
    assert ("ia-lunar-station", "pwt-jeddah") in same  # L10
    assert ("ia-strategic-autonomy", "pwt-strategic-flexibility") in same  # L14
    assert ("ia-energy-trade", "pwt-power-of-siberia") in shared  # L13
    assert ("ia-technology", "pwt-china-adheres-sanctions") in contra  # L5


def test_the_joint_statement_of_2022_is_in_both_maps(ia, pwt):
    """The shared-evidence links on 'no limits' and 'not against third countries' rest on
    one document both essays cite."""
    for m in (ia, pwt):
        (src,) = [s for s in m.sources if s.url and "supplement/5770" in s.url]
        assert any(e.source == src.id for x in m.claims for e in x.evidence)


def test_mykals_split_sentences_are_hers_and_verbatim(pwt):
    for cid, words in (("pwt-strategic-flexibility", "loss of strategic flexibility"), ("pwt-china-adheres-sanctions", "China adheres to the sanctions")):
        x = pwt.claim(cid)
        assert not x.reconstruction
        assert any(e.source == "mykal-2024" and words in e.quote for e in x.evidence)


# ---------------------------------------------------------------- the joint verdict


def test_neither_thesis_stands_judged_together(c, ia, pwt):
    for left, right in ((ia, pwt), (author_only(ia), author_only(pwt))):
        je = evaluate_comparison(left, right, c)
        assert je.thesis == {"left": "rejected", "right": "rejected"}
        assert je.alone == {"left": "rejected", "right": "rejected"}
        # every claim linked as the same stands: the agreements are what both essays support
        assert all(je.claims[f"left:{k.left}"] == "accepted" for k in c.links if k.kind == "same")


def test_what_decides_each_verdict(c, ia, pwt):
    """Haiszky's thesis falls to five unanswered attacks (four of her own concessions and
    Mykal's divided elite); Mykal's, on her own moves, to one claim: Haiszky's aligned
    interests, the same as Karaganov's 'many common interests' she quotes."""
    je = evaluate_comparison(ia, pwt, c)
    joint = je.debate.map
    thesis = je.debate.node_of["left:ia-thesis"]
    standing = sorted(a.premises[0] for a in joint.arguments if a.target == thesis and a.polarity == "attack" and je.arguments[a.id] == "accepted")
    assert standing == [
        "left:ia-delicate-balance",
        "left:ia-economic-imbalance",
        "left:ia-history-unbalanced",
        "left:ia-strategic-autonomy",
        "right:pwt-elite-divided",
    ]
    full = explain_comparison(ia, pwt, c)
    concessions = ["left:ia-delicate-balance", "left:ia-economic-imbalance", "left:ia-history-unbalanced", "left:ia-strategic-autonomy"]
    assert concessions in full["left"].decisive.sets
    assert full["right"].decisive.sets and all("left:ia-strategic-interests" in s for s in full["right"].decisive.sets)
    why = explain_comparison(author_only(ia), author_only(pwt), c)["right"]
    assert why.label == "rejected"
    assert why.decisive.sets == [["left:ia-strategic-interests"]] and why.decisive.exact


def test_the_open_points_are_the_contradictions_neither_essay_answers(c, ia, pwt):
    je = evaluate_comparison(ia, pwt, c)
    undecided = {k for k, label in je.claims.items() if label == "undecided"}
    assert undecided == {
        "left:ia-technology", "right:pwt-china-adheres-sanctions",
        "left:ia-tensions-compatible", "right:pwt-resentment-not-enough",
    }


def test_the_verdict_does_not_rest_on_the_contradiction_links(c, ia, pwt):
    """Not an artefact of the modelling: without any `contradicts` link both theses still
    fall, each to what its own author concedes or quotes."""
    bare = with_links(c, lambda k: k.kind != "contradicts")
    for left, right in ((ia, pwt), (author_only(ia), author_only(pwt))):
        assert evaluate_comparison(left, right, bare).thesis == {"left": "rejected", "right": "rejected"}
