"""Why a thesis has its label: the decisive claims, the unevidenced premises the
verdict hangs on, and (for a thesis that does not stand) what it would take.

For a map, or for both theses of a comparison judged as one debate. The search
itself is in decisive.py; this module builds its inputs from a map's framework.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from argmap.analysis.evaluation.decisive import Answers, Decisive, Levers, answers_needed, decisive_sets
from argmap.analysis.evaluation.framework import DEFAULT_MAX_EXTENSIONS, sceptical_labelling
from argmap.analysis.evaluation.joint import SIDES, joint_debate
from argmap.analysis.evaluation.translate import ACCEPTED, Challenge, Translation, basic_claims, translate
from argmap.analysis.structure import MapIndex
from argmap.model import ArgumentMap, Comparison

CLAIM_LABEL = {0: "rejected", 1: "accepted", 2: "undecided"}  # of a claim's not: node: in, out, undec


@dataclass(frozen=True)
class ThesisWhy:
    """thesis: its id (joint id for a comparison); unevidenced: the claims of the
    decisive sets that the map grants without evidence (premises taken as given, or
    only attributed to the author), sorted; answers: None when the thesis stands."""

    thesis: str
    label: str
    decisive: Decisive
    unevidenced: list[str]
    answers: Answers | None


def explain_map(m: ArgumentMap, semantics: str = "grounded", *, index: MapIndex | None = None,
                challenges: Sequence[Challenge] = ()) -> ThesisWhy:
    """`challenges`: the critical questions that count (questions.py)."""
    idx = index or MapIndex.build(m)
    basic = basic_claims(m, idx)
    return _explain(m, idx, basic, m.thesis, semantics, challenges)


def explain_comparison(left: ArgumentMap, right: ArgumentMap, comparison: Comparison, semantics: str = "grounded",
                       catalogue=None) -> dict[str, ThesisWhy]:
    """Per side, the why of its thesis in the joint debate (joint claim ids: `left:ID`);
    with a `catalogue`, its assumption questions count (`--questions open`)."""
    debate = joint_debate(left, right, comparison)
    idx = MapIndex.build(debate.map)
    chal = _challenges(debate.map, catalogue) if catalogue is not None else ()
    return {side: _explain(debate.map, idx, debate.basic, debate.theses[side], semantics, chal) for side in SIDES}


def _challenges(m: ArgumentMap, catalogue) -> list[Challenge]:
    from argmap.analysis.evaluation.questions import challenges

    return challenges(m, catalogue)


def _explain(m: ArgumentMap, idx: MapIndex, basic: Collection[str], thesis: str, semantics: str,
             challenges: Sequence[Challenge] = ()) -> ThesisWhy:
    tr = translate(m, basic, idx, challenges)
    base = sceptical_labelling(tr.framework, semantics, DEFAULT_MAX_EXTENSIONS).labels
    lv = Levers(tr.framework, base, tr.fails[thesis], _hits(m, idx, tr, thesis))
    label = CLAIM_LABEL[base[tr.fails[thesis]]]
    decisive = decisive_sets(lv, semantics)
    in_sets = sorted({c for group in decisive.sets for c in group})
    unevidenced = [c for c in in_sets if c in basic and not m.real_evidence(idx.claims[c])]
    answers = None
    if label != ACCEPTED:
        attacks = {a.id: tr.arguments[a.id] for a in m.arguments if a.polarity == "attack"}
        answers = answers_needed(lv, attacks) if semantics == "grounded" else None
    return ThesisWhy(thesis, label, decisive, unevidenced, answers)


def _hits(m: ArgumentMap, idx: MapIndex, tr: Translation, thesis: str) -> dict[str, tuple[int, ...]]:
    """Claim -> the framework nodes an objection to it attacks: its assumption and
    its reasons (every claim but the thesis being explained)."""
    hits = {}
    for c in m.claims:
        if c.id == thesis:
            continue
        nodes = [tr.assumptions[c.id]] if c.id in tr.assumptions else []
        nodes += [tr.arguments[a.id] for a in idx.targeting.get(c.id, ()) if a.polarity == "support"]
        if nodes:
            hits[c.id] = tuple(nodes)
    return hits
