"""What the editor and the compare view show of a verdict: the joint verdict of a
comparison (both theses judged as one debate) and the decisive claims to mark.

Runs in a worker thread; the analysis itself is argmap.analysis.evaluation (joint,
why, decisive) and argmap.analysis.verdict (the words), reused as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from argmap.analysis.evaluation.joint import SIDES, evaluate_comparison, joint_debate
from argmap.analysis.evaluation.why import ThesisWhy, explain_comparison, explain_map
from argmap.analysis.verdict import MARK, joint_sentence, side_name
from argmap.model import ArgumentMap, Comparison


@dataclass(frozen=True)
class DecisiveMarks:
    """The claims that a smallest decisive set for one thesis holds, as (side, id)
    pairs (side "map" for a map alone), those of them granted without evidence, and
    how the search went."""

    claims: frozenset[tuple[str, str]]
    unevidenced: frozenset[tuple[str, str]]
    thesis_label: str
    size: int  # of the smallest sets (0: none found up to `searched`)
    count: int | None
    exact: bool
    searched: int

    def summary(self, who: str = "the thesis") -> str:
        """'! decisive for the thesis: 3 claims (sets of 1); 2 have no evidence'."""
        if not self.size:
            cut = "" if self.exact else " (search cut short)"
            return f"no set of up to {self.searched} claims would change the verdict on {who} if defeated{cut}"
        sets = f"{self.count} set{'s' if self.count != 1 else ''}" if self.count is not None else "sets"
        claims = f"{len(self.claims)} claim{'s' if len(self.claims) != 1 else ''}"
        bare = f"; {len(self.unevidenced)} of them without evidence" if self.unevidenced else ""
        return f"decisive for {who}: {claims} marked ! ({sets} of {self.size}){bare}"


    def ids(self, side: str = "map") -> set[str]:
        return {cid for s, cid in self.claims if s == side}


def _marks(why: ThesisWhy, to_pairs) -> DecisiveMarks:
    d = why.decisive
    claims = frozenset(pair for group in d.sets for joint_id in group for pair in to_pairs(joint_id))
    bare = frozenset(pair for joint_id in why.unevidenced for pair in to_pairs(joint_id))
    return DecisiveMarks(claims, bare, why.label, d.size, d.count, d.exact, d.searched)


def map_decisive(m: ArgumentMap, semantics: str) -> DecisiveMarks:
    return _marks(explain_map(m, semantics), lambda cid: [("map", cid)])


@dataclass(frozen=True)
class JointVerdict:
    """Both theses judged together: joint and alone labels per side, the sentence
    that says it, and (when asked for) what decides each side's thesis (claims of
    either side: a contradiction makes the other map's claims count too)."""

    thesis: dict[str, str]
    alone: dict[str, str]
    names: dict[str, str]
    sentence: str
    decisive: dict[str, DecisiveMarks] | None = None

    def short(self) -> str:
        """'judged together: Mykal ✓ · Haiszky ?' for a bar with room for little."""
        return "judged together: " + " · ".join(f"{self.names[s]} {MARK[self.thesis[s]]}" for s in SIDES)

    def decisive_ids(self, side: str) -> set[str]:
        """The claims of `side` decisive for either thesis."""
        return {cid for marks in (self.decisive or {}).values() for s, cid in marks.claims if s == side}

    def decisive_for(self, side: str, claim_id: str) -> list[str]:
        """Whose theses the claim is decisive for: the sides."""
        return [thesis for thesis, marks in (self.decisive or {}).items() if (side, claim_id) in marks.claims]


def comparison_verdict(left: ArgumentMap, right: ArgumentMap, comparison: Comparison, semantics: str, *, decisive: bool = False) -> JointVerdict:
    """`comparison`: its links must name claims that exist (the caller drops the others)."""
    je = evaluate_comparison(left, right, comparison, semantics)
    names = {"left": side_name(left, "left"), "right": side_name(right, "right")}
    if names["left"] == names["right"]:
        names = {side: f"{names[side]} ({side})" for side in SIDES}
    marks = None
    if decisive:
        members: dict[str, list[tuple[str, str]]] = {}  # joint claim id -> the claims it merges
        for k, node in joint_debate(left, right, comparison).node_of.items():
            side, _, local = k.partition(":")
            members.setdefault(node, []).append((side, local))
        why = explain_comparison(left, right, comparison, semantics)
        marks = {side: _marks(why[side], lambda jid: members.get(jid, [])) for side in SIDES}
    return JointVerdict(dict(je.thesis), dict(je.alone), names, joint_sentence(je, names), marks)
