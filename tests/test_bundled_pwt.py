"""The Mykal map (maps/partnership-without-trust.json) reconstructs the author's own
dialectic (issue 13): what she argues, concedes, answers and leaves standing. These tests
pin the structural facts a reader checks against the essay, and the verdict they give."""

from __future__ import annotations

import re

import pytest

from argmap.analysis.evaluation.translate import author_only, evaluate_map
from argmap.analysis.structure import MapIndex
from argmap.model import ArgumentMap
from argmap.store import load_map

from tests.conftest import MAPS

ESSAY = "mykal-2024"


@pytest.fixture(scope="module")
def pwt() -> ArgumentMap:
    return load_map(MAPS / "partnership-without-trust.json").document


def attackers(m: ArgumentMap, node: str) -> list:
    """Arguments that attack a claim or an argument directly."""
    return [a for a in m.arguments if a.polarity == "attack" and a.target == node]


def without(m: ArgumentMap, *argument_ids: str) -> ArgumentMap:
    return m.model_copy(update={"arguments": [a for a in m.arguments if a.id not in argument_ids]})


def test_the_thesis_is_restated_in_full(pwt):
    """E14: the thesis keeps 'not mutually beneficial' and 'reshaping the global order'."""
    text = pwt.claim(pwt.thesis).text
    for part in ("mutually beneficial", "trusting", "values", "vision", "countering the US", "reshaping the global order", "alone cannot sustain"):
        assert part in text, part
    quotes = " ".join(e.quote for e in pwt.claim(pwt.thesis).evidence)
    assert "far from being mutually beneficial or trusting" in quotes  # introduction
    assert "lacks mutual trust and shared benefits" in quotes  # conclusion
    assert "cannot be sustained solely by a common objective" in quotes


def test_the_thesis_rests_on_one_linked_argument_over_its_conjuncts(pwt):
    """A conjunctive thesis must not stand on a reason that bears on one conjunct only."""
    supports = [a for a in pwt.arguments if a.target == pwt.thesis and a.polarity == "support"]
    assert [a.id for a in supports] == ["pwt-arg-core"]
    assert set(supports[0].premises) == {
        "pwt-only-common-interest",
        "pwt-no-mutual-trust",
        "pwt-no-shared-values-vision",
        "pwt-no-shared-benefits",
        "pwt-constructivist-frame",
    }
    # the sanctions strand now backs the conjunct it is about (E14)
    assert any(a.premises == ["pwt-sanctions-widen-gap"] and a.target == "pwt-no-shared-benefits" for a in pwt.arguments)


# Claims that report what someone said; an attack on one would reject a true historical fact (E15)
REPORTED = {
    "pwt-declared-trust",
    "pwt-putin-translation",
    "pwt-pseudoallies",
    "pwt-dependency-shift",
    "pwt-xi-bias",
    "pwt-spare-bride",
    "pwt-liu-no-alliance",
    "pwt-latin-america",
    "pwt-jeddah",
}
REPORT_VERBS = re.compile(r"\b(says?|said|proclaims?|declares?|writes|put it|quoted|states that)\b", re.IGNORECASE)


def test_no_attack_targets_a_reported_speech_claim(pwt):
    assert REPORTED <= {c.id for c in pwt.claims}
    attacked = {a.target for a in pwt.arguments if a.polarity == "attack" and a.target in {c.id for c in pwt.claims}}
    assert not attacked & REPORTED
    reported = [(cid, pwt.claim(cid).text) for cid in sorted(attacked) if REPORT_VERBS.search(pwt.claim(cid).text)]
    assert not reported, f"attacked claims worded as reports: {reported}"
    # the three of E15 are the declarations' content, and still rebutted by the author
    for cid, rebuttal in [
        ("pwt-no-limits-declaration", "pwt-reb-limits-in-fact"),
        ("pwt-declared-independence", "pwt-reb-reactive"),
        ("pwt-putin-multipolar", "pwt-reb-russia-destroys"),
    ]:
        assert [a.id for a in attackers(pwt, cid)] == [rebuttal]


def test_the_cr929_inference_runs_from_the_split_to_past_vs_future(pwt):
    """E16: 'These differing visions have led to a split ... Hence, Russia is focused on
    yesterday's ... while China is planning for the future' (M:137)."""
    assert any(a.polarity == "support" and a.premises == ["pwt-cr929"] and a.target == "pwt-past-vs-future" for a in pwt.arguments)
    assert not any("pwt-past-vs-future" in a.premises and a.target == "pwt-cr929" for a in pwt.arguments)
    assert any(a.premises == ["pwt-past-vs-future"] and a.target == "pwt-no-shared-values-vision" for a in pwt.arguments)


def test_the_junior_partner_view_is_an_objection_she_answers(pwt):
    """E17: the China-dominance reading (Piechowski) attacks the thesis; the no-junior-partner
    strand answers it, and the Gabuev exchange sits under that answer."""
    obj = next(a for a in attackers(pwt, pwt.thesis) if a.premises == ["pwt-junior-partner"])
    assert not obj.reconstruction
    assert "piechowski-2024" in {e.source for e in pwt.real_evidence(pwt.claim("pwt-junior-partner"))}
    assert [a.premises for a in attackers(pwt, "pwt-junior-partner")] == [["pwt-no-junior-partner"]]
    gabuev = next(a for a in attackers(pwt, "pwt-no-junior-partner") if a.premises == ["pwt-dependency-shift"])
    (reply,) = [a for a in attackers(pwt, gabuev.id) if not a.reconstruction]
    assert set(reply.premises) == {"pwt-europe-precedent", "pwt-economy-not-politics"}
    # no longer a reason for "no mutual trust"
    assert not any(a.target == "pwt-russia-necessary-partner" and "pwt-no-junior-partner" in a.premises for a in pwt.arguments)
    # Lubina's "marriage" is the other reading of M:35, answered by her no-alliance points
    assert "lubina-2017" in {e.source for e in pwt.real_evidence(pwt.claim("pwt-marriage"))}
    assert [a.premises for a in attackers(pwt, "pwt-marriage")] == [["pwt-non-alignment"]]


# Moves against her position that the author makes or quotes and never answers
LEFT_STANDING = {
    "pwt-obj-many-common-interests": "pwt-only-common-interest",  # Karaganov, M:51 (E18)
    "pwt-undercut-putin-bri-forum": "pwt-arg-bri-nonparticipation",  # 'Paradoxically', M:139
    "pwt-obj-moscow-reliance": "pwt-undercut-dependency",  # M:131 against M:55 (reconstruction)
}


def test_concessions_left_standing_have_no_attacker_that_is_not_reconstruction(pwt):
    args = {a.id: a for a in pwt.arguments}
    for aid, target in LEFT_STANDING.items():
        assert args[aid].polarity == "attack" and args[aid].target == target, aid
        answers = [a.id for node in (aid, *args[aid].premises) for a in attackers(pwt, node) if not a.reconstruction]
        assert not answers, f"{aid} is answered by {answers}, but the essay leaves it standing"
    labels = evaluate_map(pwt).argument_labels
    assert all(labels[aid] == "accepted" for aid in LEFT_STANDING)


def test_karaganovs_full_sentence_is_in_the_map(pwt):
    """E18: the passage is no longer quoted selectively."""
    quotes = [e.quote for e in pwt.claim("pwt-many-common-interests").evidence]
    assert "We have many common interests." in quotes


def test_the_shared_grievance_is_conceded_and_answered_by_the_strategy_difference(pwt):
    """E19 (M:111): the concession attacks 'no shared values or vision'; the author's own
    'However, they differ in their strategies' undercuts it."""
    assert "unjust" in pwt.claim("pwt-shared-grievance").text
    assert "unjust" not in pwt.claim("pwt-disrupt-vs-use").text
    (obj,) = [a for a in attackers(pwt, "pwt-no-shared-values-vision") if a.premises == ["pwt-shared-grievance"]]
    (answer,) = attackers(pwt, obj.id)
    assert answer.premises == ["pwt-disrupt-vs-use"] and not answer.reconstruction


def test_the_gas_risks_are_convergent_and_milkin_backs_power_of_siberia_1(pwt):
    """E20, E22."""
    assert not any({"pwt-china-gas-dependency", "pwt-russia-gas-risks"} <= set(a.premises) for a in pwt.arguments)
    milkin = [c.id for c in pwt.claims if any(e.source == "milkin-2023" for e in c.evidence)]
    assert milkin == ["pwt-power-of-siberia-1"]
    assert "Power of Siberia 1" in pwt.claim("pwt-power-of-siberia-1").text


def test_the_jeddah_words_are_trofimchuks(pwt):
    """E21."""
    c = pwt.claim("pwt-jeddah")
    assert "Trofimchuk" in c.text
    assert all("Trofimchuk" in e.locator for e in c.evidence if e.source == "poloskova-2023")


def test_section_3_opens_on_makocki_and_popescu(pwt):
    """E23, M:105: the quote backs 'only common interest', with the cited source as evidence."""
    c = pwt.claim("pwt-resentment-not-enough")
    assert any(e.source == "makocki-popescu-2016" and "shared resentment of Western domination" in e.quote for e in c.evidence)
    assert any(a.premises == ["pwt-resentment-not-enough"] and a.target == "pwt-only-common-interest" for a in pwt.arguments)


def test_cited_sources_are_located_where_the_essay_cites_them(pwt):
    """Evidence from a source other than the essay is a source the essay cites for that
    claim: its locator says where ('cited as [...]', a footnote, or 'quoted in')."""
    vague = [
        (c.id, e.source, e.locator)
        for c in pwt.claims
        for e in pwt.real_evidence(c)
        if not re.search(r"cited as|footnote|quoted in", e.locator)
    ]
    assert not vague, vague


def test_what_the_reconstructor_added_is_marked_and_says_why(pwt):
    assert [c.id for c in pwt.claims if c.reconstruction] == []
    assert [a.id for a in pwt.arguments if a.reconstruction] == ["pwt-obj-moscow-reliance"]
    note = next(a for a in pwt.arguments if a.reconstruction).note
    assert "M:131" in note and "M:55" in note


@pytest.mark.parametrize("semantics", ["grounded", "preferred", "stable"])
def test_the_verdict_with_and_without_the_reconstruction(pwt, semantics):
    """The finding for the README: on her own moves the thesis does not stand, because
    Karaganov's 'many common interests' (quoted, never answered) defeats the premise that
    countering the US is their only common interest. With the reconstructor's reading of
    M:131, the junior-partner reading stands against the thesis as well."""
    full = evaluate_map(pwt, semantics)
    own = evaluate_map(author_only(pwt), semantics)
    assert full.thesis_label == "rejected"
    assert own.thesis_label == "rejected"
    assert own.labels["pwt-only-common-interest"] == "rejected"
    assert own.labels["pwt-junior-partner"] == "rejected"
    assert full.labels["pwt-junior-partner"] == "accepted"
    # what the author-only verdict turns on: that one unanswered line, and nothing else
    assert evaluate_map(without(author_only(pwt), "pwt-obj-many-common-interests"), semantics).thesis_label == "accepted"
    assert evaluate_map(without(pwt, "pwt-obj-many-common-interests"), semantics).thesis_label == "rejected"
    assert evaluate_map(without(pwt, "pwt-obj-many-common-interests", "pwt-obj-moscow-reliance"), semantics).thesis_label == "accepted"


def test_every_objection_to_the_thesis_is_the_authors_and_answered_by_her(pwt):
    """The three views the essay sets against its thesis (M:35-37) each fall to her own reply."""
    objections = attackers(pwt, pwt.thesis)
    assert {a.premises[0] for a in objections} == {"pwt-no-limits-declaration", "pwt-junior-partner", "pwt-marriage"}
    own = evaluate_map(author_only(pwt)).argument_labels
    assert all(own[a.id] == "rejected" and not a.reconstruction for a in objections)
    idx = MapIndex.build(pwt)
    assert all(idx.role(a) == "objection" for a in objections)
