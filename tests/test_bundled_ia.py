"""The Haiszky map (maps/informal-alliance.json) shows the author's own dialectic
(issue 13, review `bundled-maps-review.md`): what she argues, concedes and answers, and
what the reconstruction adds, marked as such. These tests pin the structural facts the
verdict depends on, so that a later edit cannot quietly answer a concession she leaves
standing."""

from __future__ import annotations

import re

import pytest

from argmap.analysis.evaluation import author_only, evaluate_map
from argmap.analysis.structure import MapIndex
from argmap.model import ArgumentMap
from argmap.store import load_map

from tests.conftest import MAPS

THESIS = "ia-thesis"

# Every concession the author raises against her thesis, and the one she raises against
# its ideological ground: objection id -> its premise.
CONCESSIONS = {
    "ia-obj-history-enmity": "ia-history-unbalanced",
    "ia-obj-momentum": "ia-momentum-confrontation",
    "ia-obj-strategic-autonomy": "ia-strategic-autonomy",
    "ia-obj-economic-imbalance": "ia-economic-imbalance",
    "ia-obj-no-real-alliance": "ia-no-real-alliance",
    "ia-obj-central-asia-rivalry": "ia-central-asia-rivalry",
    "ia-obj-delicate-balance": "ia-delicate-balance",
    "ia-obj-neo-eurasianism-incomplete": "ia-neo-eurasianism-incomplete",
}
# ... of which the reconstruction replies to these three, with what the text suggests:
RECONSTRUCTED_REPLIES = {
    "ia-undercut-momentum": "ia-obj-momentum",
    "ia-undercut-informal-by-design": "ia-obj-no-real-alliance",
    "ia-undercut-tensions-central-asia": "ia-obj-central-asia-rivalry",
}
# ... and nothing at all answers these:
UNANSWERED = {
    "ia-obj-history-enmity",
    "ia-obj-strategic-autonomy",
    "ia-obj-economic-imbalance",
    "ia-obj-delicate-balance",
    "ia-obj-neo-eurasianism-incomplete",
}
THESIS_LEVEL = {a for a in CONCESSIONS if a != "ia-obj-neo-eurasianism-incomplete"}


@pytest.fixture(scope="module")
def m() -> ArgumentMap:
    return load_map(MAPS / "informal-alliance.json").document


@pytest.fixture(scope="module")
def idx(m: ArgumentMap) -> MapIndex:
    return MapIndex.build(m)


def attackers(idx: MapIndex, argument_id: str) -> list:
    """What answers an objection: an undercut of it, or an attack on one of its premises."""
    a = idx.arguments[argument_id]
    on_premises = [x for p in a.premises for x in idx.targeting.get(p, ()) if x.polarity == "attack"]
    return [x for x in idx.targeting.get(argument_id, ()) if x.polarity == "attack"] + on_premises


def standing_thesis_objections(m: ArgumentMap) -> set[str]:
    ev = evaluate_map(m, "grounded")
    return {a.id for a in m.arguments if a.polarity == "attack" and a.target == THESIS and ev.argument_labels[a.id] == "accepted"}


def test_the_thesis_is_restated_whole(m: ArgumentMap):
    """E1: the hedge, the ground (the ruling elites' shared conviction), the regime type,
    'beyond tactical expediency' and the concession of internal tensions."""
    text = m.claim(THESIS).text
    for part in ("can be described as", "informal alliance", "ruling elites", "conviction", "strategic interests",
                 "authoritarian regimes", "tactical expediency", "internal tensions"):
        assert part in text, part
    quotes = " ".join(e.quote for e in m.claim(THESIS).evidence)
    assert "rooted in a deep conviction shared by the ruling elites" in quotes
    assert "even though internal tensions may still exist" in quotes


@pytest.mark.parametrize("objection", sorted(CONCESSIONS))
def test_each_concession_is_the_authors_own_objection(m: ArgumentMap, idx: MapIndex, objection: str):
    a = idx.arguments[objection]
    assert a.polarity == "attack" and not a.reconstruction
    assert a.premises == [CONCESSIONS[objection]]
    assert not m.claim(CONCESSIONS[objection]).reconstruction
    assert a.target == ("ia-shared-ideology" if objection == "ia-obj-neo-eurasianism-incomplete" else THESIS)


@pytest.mark.parametrize("objection", sorted(CONCESSIONS))
def test_no_concession_is_answered_by_anything_the_author_does_not_say(idx: MapIndex, objection: str):
    """The heart of issue 13: whatever attacks a concession is marked `reconstruction`,
    and five of them have no attacker at all."""
    against = attackers(idx, objection)
    assert all(x.reconstruction for x in against), [x.id for x in against if not x.reconstruction]
    if objection in UNANSWERED:
        assert against == []
    else:
        assert [x.id for x in against] == [r for r, target in RECONSTRUCTED_REPLIES.items() if target == objection]


def test_the_reconstruction_adds_three_replies_and_says_why(m: ArgumentMap, idx: MapIndex):
    marked = {a.id for a in m.arguments if a.reconstruction}
    assert marked == set(RECONSTRUCTED_REPLIES)
    for rid, target in RECONSTRUCTED_REPLIES.items():
        a = idx.arguments[rid]
        assert a.polarity == "attack" and a.target == target and idx.is_undercut(a)
        assert a.note and a.note.startswith("Reconstruction:"), rid
    # a claim the author never makes quotes nothing of hers (a quote would attribute it to her)
    for c in m.claims:
        if c.reconstruction:
            assert c.note and "Reconstruction" in c.note
            assert not any(m.is_attribution(e) for e in c.evidence), c.id


def test_the_authors_own_answers(m: ArgumentMap, idx: MapIndex):
    """E4, E5: she answers her hedges on neo-Eurasianism ('they do align with the broader
    notion') and the apprehension about Central Asia ('not to dominate'), nothing else."""
    answers = {
        a.id for a in m.arguments
        if a.polarity == "attack" and not a.reconstruction and idx.role(a) == "rebuttal"
    }
    assert answers == {"ia-undercut-broader-alignment"}
    broader = idx.arguments["ia-undercut-broader-alignment"]
    assert broader.target == "ia-obj-not-solely-neo-eurasian"
    assert idx.arguments["ia-obj-not-solely-neo-eurasian"].target == "ia-ideology-in-practice"
    quotes = " ".join(e.quote for e in m.claim("ia-not-solely-neo-eurasian").evidence)
    assert "not explicitly attributed" in quotes and "not solely attributed" in quotes
    no_domination = [a for a in m.arguments if "ia-china-no-domination" in a.premises]
    assert [(a.polarity, a.target) for a in no_domination] == [("attack", "ia-china-supplant")]


def test_the_history_objections_are_convergent(idx: MapIndex):
    """E3: past enmity and momentum-follows-the-US bear on the thesis each on its own."""
    for premise in ("ia-history-unbalanced", "ia-momentum-confrontation"):
        uses = idx.used_in[premise]
        assert [(a.premises, a.polarity, a.target) for a in uses] == [([premise], "attack", THESIS)]


def test_moves_that_are_no_answers_answer_nothing(m: ArgumentMap, idx: MapIndex):
    """E2, E6, E9, E10, E13: what the old map turned into answers or reasons it is not."""
    for claim in ("ia-russia-willing", "ia-structural-conflict", "ia-ca-collaboration", "ia-border-settled",
                  "ia-vie-for-influence", "ia-not-against-third"):
        assert all(a.polarity == "support" for a in idx.used_in[claim]), claim
    assert [a.target for a in idx.used_in["ia-not-against-third"]] == ["ia-high-level-meetings"]
    assert [a.target for a in idx.used_in["ia-vie-for-influence"]] == ["ia-central-asia-rivalry"]
    assert [a.target for a in idx.used_in["ia-xi-assertive"]] == ["ia-structural-conflict"]
    assert [a.target for a in idx.used_in["ia-eurasian-choice"]] == ["ia-strategic-interests"]
    # the Central Asian collaboration is cooperation, not an attack on the rivalry
    assert all(a.polarity == "support" for a in idx.targeting["ia-central-asia-rivalry"])


def test_grounds_and_admissions_that_were_missing(m: ArgumentMap, idx: MapIndex):
    """E24/H13, H27, H32."""
    assert [(a.polarity, a.target) for a in idx.used_in["ia-social-darwinism"]] == [("support", THESIS)]
    assert "socially Darwinian" in m.claim("ia-social-darwinism").evidence[0].quote
    assert "strengthened in response to external pressures" in m.claim("ia-pressure-response").evidence[0].quote
    closing = m.claim("ia-delicate-balance").evidence[0].quote
    assert closing.startswith("However") and closing.endswith("in the region.")


def test_the_wang_yi_formula_is_reported_and_its_attribution_flagged(m: ArgumentMap):
    c = m.claim("ia-not-against-third")
    assert c.text.startswith("Wang Yi said") and "unclear" in c.text
    assert "Only the first sentence is marked as Wang Yi's" in (c.note or "")


def test_secondary_sources_are_cited_where_the_essay_cites_them(m: ArgumentMap):
    """E11 and the two note schemes: 'note N' (the bibliography's order), 'endnote N'
    (the numbered endnotes); notes from 10 on are matched by content and say so."""
    cited = {(c.id, e.source) for c in m.claims for e in c.evidence}
    assert ("ia-military-cooperation", "xi-2023") not in cited
    assert "xi-2023" not in {s.id for s in m.sources}
    for c in m.claims:
        for e in c.evidence:
            if m.is_attribution(e):
                continue
            assert re.match(r"(note|endnote) \d+|bibliography only", e.locator), (c.id, e.locator)
            n = re.match(r"note (\d+)", e.locator)
            if n and int(n.group(1)) >= 10:
                assert "matched by content" in e.locator, (c.id, e.locator)
    sutter = next(e for e in m.claim("ia-us-pressure").evidence if e.source == "sutter-2018")
    assert sutter.locator.startswith("endnote 1")
    civilisation_sources = {"pabst-2019", "guangyuan-2023", "orsi-2018", "anchan-2022", "reuters-2023"}
    assert civilisation_sources <= {s for _, s in cited}


def test_the_verdict_rejects_the_thesis_with_and_without_the_reconstruction(m: ArgumentMap):
    """The finding: with her concessions left standing, the thesis does not stand; the
    reconstructed replies do not change that, because four concessions have no reply at
    all (history, autonomy, imbalance, the closing 'However')."""
    mine = author_only(m)
    assert {a.id for a in mine.arguments} == {a.id for a in m.arguments} - set(RECONSTRUCTED_REPLIES)
    for semantics in ("grounded", "preferred", "stable"):
        assert evaluate_map(m, semantics).thesis_label == "rejected", semantics
        assert evaluate_map(mine, semantics).thesis_label == "rejected", semantics
    assert standing_thesis_objections(mine) == THESIS_LEVEL
    assert standing_thesis_objections(m) == THESIS_LEVEL & UNANSWERED
    ev = evaluate_map(m, "grounded")
    assert ev.labels["ia-shared-ideology"] == "rejected"  # the 'nevertheless' stands
    assert ev.labels["ia-ideology-in-practice"] == "accepted"  # her answer to her hedges holds
    assert ev.labels["ia-china-supplant"] == "rejected"  # her answer to the apprehension holds


def test_the_concessions_not_the_reasons_decide(m: ArgumentMap):
    """The reasons do carry the thesis: drop the objections to it and it stands; so the
    verdict is the concessions' doing, not an artefact of missing reasons."""
    without = m.model_copy(update={"arguments": [a for a in m.arguments if a.id not in THESIS_LEVEL]})
    without = author_only(without)
    assert evaluate_map(without, "grounded").thesis_label == "accepted"
