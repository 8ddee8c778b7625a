"""Small helpers shared by the importers."""

from __future__ import annotations


def most_targeted_claim(claims: list[dict], arguments: list[dict]) -> str:
    """The claim that most arguments bear on directly; on a tie, one that is no
    argument's premise, then the first: the thesis when a format does not name one."""
    incoming: dict[str, float] = {}
    premises = {p for a in arguments for p in a["premises"]}
    for a in arguments:
        incoming[a["target"]] = incoming.get(a["target"], 0) + 1
    score = {c["id"]: incoming.get(c["id"], 0) + (0.5 if c["id"] not in premises else 0) for c in claims}
    best = claims[0]["id"]
    for c in claims:
        if score[c["id"]] > score[best]:
            best = c["id"]
    return best


def drop_dangling(claims: list[dict], arguments: list[dict]) -> list[dict]:
    """Arguments whose target is missing (and, transitively, those aimed at them) go."""
    claim_ids = {c["id"] for c in claims}
    while True:
        ids = claim_ids | {a["id"] for a in arguments}
        kept = [a for a in arguments if a["target"] in ids and all(p in claim_ids for p in a["premises"])]
        if len(kept) == len(arguments):
            return kept
        arguments = kept
