"""Counts that describe a map's size and shape (`argmap stats`, reports, headers)."""

from __future__ import annotations

from collections import Counter

from argmap.analysis.structure import MapIndex
from argmap.model import ArgumentMap


def map_metrics(m: ArgumentMap, index: MapIndex | None = None) -> dict[str, int]:
    idx = index or MapIndex.build(m)
    support = attack = undercut = linked = 0
    roles: Counter[str] = Counter()
    for a in m.arguments:
        if a.polarity == "support":
            support += 1
        elif idx.is_undercut(a):
            undercut += 1
        else:
            attack += 1
        if len(a.premises) > 1:
            linked += 1
        roles[idx.role(a)] += 1
    premise_ids = {p for a in m.arguments for p in a.premises}
    # attribution (a quote of the text the map reconstructs) is no evidence
    with_evidence = {c.id for c in m.claims if m.real_evidence(c)}
    attributed = {c.id for c in m.claims if any(m.is_attribution(e) for e in c.evidence)}
    supported_by = Counter(a.target for a in m.arguments if a.polarity == "support")
    answered: Counter[str] = Counter(idx.role(a) for a in m.arguments if a.polarity == "attack" and is_answered(idx, a.id))
    return {
        "claims": len(m.claims),
        "arguments": len(m.arguments),
        "support": support,
        "attack": attack,
        "undercut": undercut,
        "depth": idx.max_depth(),
        "claims_with_evidence": len(with_evidence),
        "claims_attributed": len(attributed),
        "quotes": sum(1 for c in m.claims for e in c.evidence if e.quote),
        "sources": len(m.sources),
        "premises": len(premise_ids),
        "premises_with_evidence": len(premise_ids & with_evidence),
        "premises_without_evidence": len(premise_ids - with_evidence),
        "linked_arguments": linked,
        "convergent_claims": sum(1 for n in supported_by.values() if n > 1),
        "reasons": roles["reason"],
        "objections": roles["objection"],
        "objections_answered": answered["objection"],
        "objections_unanswered": roles["objection"] - answered["objection"],
        "rebuttals": roles["rebuttal"],
        "rebuttals_answered": answered["rebuttal"],
        "rebuttals_unanswered": roles["rebuttal"] - answered["rebuttal"],
        "unreachable_claims": len(idx.unreachable_claims()),
    }


def is_answered(idx: MapIndex, argument_id: str) -> bool:
    """An attack (objection or rebuttal) is answered when something attacks it: an
    undercut of it, or an attack on one of its premises. The README's "Counting" section
    gives the same definition; stats, report and the TUI all count with this."""
    a = idx.arguments[argument_id]
    if any(u.polarity == "attack" for u in idx.children(a.id)):
        return True
    return any(x.polarity == "attack" for p in a.premises for x in idx.children(p))


def evidence_coverage(m: ArgumentMap) -> float:
    """Share of claims (other than the thesis) that carry evidence, 0..1 (attribution
    to the reconstructed text does not count)."""
    others = [c for c in m.claims if c.id != m.thesis]
    if not others:
        return 0.0
    return sum(1 for c in others if m.real_evidence(c)) / len(others)
