"""What a comparison diagram says about the verdict: each thesis alone and judged
together with the other (analysis/evaluation/joint.py), the sentence that explains
the joint verdict (analysis/verdict.py), and on request the decisive claims of
each side (analysis/evaluation/why.py). The words are the CLI's and the report's.
"""

from __future__ import annotations

from dataclasses import dataclass

from argmap.analysis.evaluation.joint import SIDES, evaluate_comparison, key
from argmap.analysis.evaluation.translate import ACCEPTED, REJECTED, UNDECIDED
from argmap.analysis.verdict import MARK, joint_sentence, side_name
from argmap.model import ArgumentMap, Comparison

LABEL_WORDS = {ACCEPTED: "stands", REJECTED: "does not stand", UNDECIDED: "undecided"}


@dataclass(frozen=True)
class Judged:
    sentence: str  # "Judged together, ...: they contradict each other at 9 points (...). Alone, ..."
    alone: dict[str, str]  # side -> label
    together: dict[str, str]
    decisive: dict[str, frozenset[str]]  # side -> its claim ids in a decisive set of either thesis

    def line(self, side: str) -> str:
        """`thesis alone: ✓ stands` and `judged together: ? undecided` on two lines,
        for a side's header."""
        alone, together = self.alone[side], self.together[side]
        return f"thesis alone: {MARK[alone]} {LABEL_WORDS[alone]}\njudged together: {MARK[together]} {LABEL_WORDS[together]}"


def judge(c: Comparison, left: ArgumentMap, right: ArgumentMap, *, decisive: bool = False) -> Judged:
    """Both theses judged alone and as one debate (grounded semantics)."""
    je = evaluate_comparison(left, right, c)
    names = {"left": side_name(left, "the left map"), "right": side_name(right, "the right map")}
    marked: dict[str, frozenset[str]] = {side: frozenset() for side in SIDES}
    if decisive:
        from argmap.analysis.evaluation.why import explain_comparison

        why = explain_comparison(left, right, c)
        nodes = {n for w in why.values() for group in w.decisive.sets for n in group}
        maps = {"left": left, "right": right}
        marked = {
            side: frozenset(cl.id for cl in maps[side].claims if je.debate.node_of[key(side, cl.id)] in nodes)
            for side in SIDES
        }
    return Judged(joint_sentence(je, names), dict(je.alone), dict(je.thesis), marked)
