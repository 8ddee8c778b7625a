"""Two maps and their links judged as one debate.

Each map alone says whether its own thesis survives its own objections; two
competing theses can both "stand" that way. Judged together, the comparison's links
become part of the argument:

- `same`: the two claims are one claim. They merge into one node of the joint map,
  with the reasons and objections of both, so whatever stands for one stands for the
  other. The merged claim is granted (basic) when either map grants it on its own,
  unless one of them is a thesis (a thesis is never granted).
- `contradicts`: each claim is an objection to the other, with its own premises
  behind it: two attack arguments `link-N:left` (the left claim against the right
  one) and `link-N:right`. A contradiction between two claims that `same` links merge
  is left out (the comparison contradicts itself there; lint reports it).
- `shared-evidence`: no attack; both rely on the same fact or source.

The joint map prefixes every id with its side (`left:ia-thesis`, `right:a3`); a
merged claim keeps the id of its first member (left before right, file order). With
no links the joint framework is the disjoint union of the two maps' frameworks, so
each claim gets the label it has alone (grounded and preferred; under stable, a map
with no stable extension leaves the other undecided too, since a stable extension
of the union needs one of each).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from argmap.analysis.evaluation.framework import DEFAULT_MAX_EXTENSIONS
from argmap.analysis.evaluation.translate import MapEvaluation, basic_claims, evaluate_map
from argmap.analysis.structure import MapIndex
from argmap.model import Argument, ArgumentMap, Claim, Comparison, Evidence, Source

SIDES = ("left", "right")
_LINK_ROLE = re.compile(r"\b(?:objection|rebuttal) link-(\d+):(?:left|right)")  # in `why`: a link is no role


def key(side: str, item_id: str) -> str:
    """The joint id of a claim or argument of one side: `left:ID` / `right:ID`."""
    return f"{side}:{item_id}"


@dataclass(frozen=True)
class Contradiction:
    """A `contradicts` link as it stands in the joint map (numbered from 1, as in the file)."""

    number: int
    left: str  # joint claim ids
    right: str


@dataclass(frozen=True)
class JointDebate:
    map: ArgumentMap  # the joint map (built unvalidated: its integrity holds by construction)
    basic: frozenset[str]
    node_of: dict[str, str]  # "left:ID" / "right:ID" of every claim -> its joint claim id
    theses: dict[str, str]  # side -> joint claim id of that side's thesis
    contradictions: tuple[Contradiction, ...]
    skipped: tuple[int, ...] = ()  # numbers of contradicts links between merged claims


class _Merger:
    """Union-find over claim keys: `same` links make one claim of two."""

    def __init__(self, keys: list[str]):
        self.order = {k: i for i, k in enumerate(keys)}
        self.parent = {k: k for k in keys}

    def find(self, k: str) -> str:
        root = k
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[k] != root:
            self.parent[k], k = root, self.parent[k]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:  # the earlier claim (left first, file order) names the merged one
            first, second = sorted((ra, rb), key=self.order.__getitem__)
            self.parent[second] = first


def joint_debate(left: ArgumentMap, right: ArgumentMap, comparison: Comparison) -> JointDebate:
    maps = dict(zip(SIDES, (left, right)))
    claim_keys = [key(side, c.id) for side in SIDES for c in maps[side].claims]
    merger = _Merger(claim_keys)
    for link in comparison.links:
        if link.kind == "same":
            merger.union(key("left", link.left), key("right", link.right))
    node_of = {k: merger.find(k) for k in claim_keys}
    theses = {side: node_of[key(side, maps[side].thesis)] for side in SIDES}
    basic = _joint_basic(maps, node_of, set(theses.values()))
    claims = _joint_claims(maps, node_of)
    arguments = [a for side in SIDES for a in _side_arguments(side, maps[side], node_of)]
    contradictions, skipped = [], []
    for n, link in enumerate(comparison.links, 1):
        if link.kind != "contradicts":
            continue
        lc, rc = node_of[key("left", link.left)], node_of[key("right", link.right)]
        if lc == rc:
            skipped.append(n)
            continue
        contradictions.append(Contradiction(n, lc, rc))
        arguments.append(Argument(id=f"link-{n}:left", premises=[lc], polarity="attack", target=rc))
        arguments.append(Argument(id=f"link-{n}:right", premises=[rc], polarity="attack", target=lc))
    joint = ArgumentMap.model_construct(
        schema_version=left.schema_version,
        title=comparison.title,
        thesis=theses["left"],
        reconstructs=[key(side, s) for side in SIDES for s in maps[side].reconstructs],
        sources=[Source(id=key(side, s.id)) for side in SIDES for s in maps[side].sources],
        claims=claims,
        arguments=arguments,
    )
    return JointDebate(joint, frozenset(basic), node_of, theses, tuple(contradictions), tuple(skipped))


def _joint_basic(maps: dict[str, ArgumentMap], node_of: dict[str, str], theses: set[str]) -> set[str]:
    basic = {node_of[key(side, c)] for side in SIDES for c in basic_claims(maps[side])}
    return basic - theses


def _joint_claims(maps: dict[str, ArgumentMap], node_of: dict[str, str]) -> list[Claim]:
    """One claim per joint node, in file order (left first), with the evidence of all
    its members (source ids prefixed by side)."""
    evidence: dict[str, list[Evidence]] = {}
    order: list[str] = []
    for side in SIDES:
        for c in maps[side].claims:
            node = node_of[key(side, c.id)]
            if node not in evidence:
                evidence[node] = []
                order.append(node)
            evidence[node] += [Evidence(source=key(side, e.source), quote=e.quote, locator=e.locator) for e in c.evidence]
    return [Claim(id=node, text=node, evidence=evidence[node]) for node in order]


def _side_arguments(side: str, m: ArgumentMap, node_of: dict[str, str]) -> list[Argument]:
    """The map's arguments in joint ids. A merge can make a premise its own target (a
    support of X by X says nothing; an attack of X by X, a claim merged with its own
    objection, is no move either): such arguments are dropped, and so are undercuts
    of dropped arguments. A premise listed twice after a merge is kept once."""
    arg_ids = {a.id for a in m.arguments}
    out: list[Argument] = []
    dropped: set[str] = set()
    for a in m.arguments:  # an undercut may come before its target: decide targets first
        premises = list(dict.fromkeys(node_of[key(side, p)] for p in a.premises))
        if a.target not in arg_ids and node_of[key(side, a.target)] in premises:
            dropped.add(a.id)
    changed = True
    while changed:  # undercuts of dropped arguments, to a fixpoint
        changed = False
        for a in m.arguments:
            if a.id not in dropped and a.target in dropped:
                dropped.add(a.id)
                changed = True
    for a in m.arguments:
        if a.id in dropped:
            continue
        premises = list(dict.fromkeys(node_of[key(side, p)] for p in a.premises))
        target = key(side, a.target) if a.target in arg_ids else node_of[key(side, a.target)]
        questions = [replace(q, by=key(side, q.by)) if q.by else q for q in a.questions]
        out.append(Argument(id=key(side, a.id), premises=premises, polarity=a.polarity, target=target,
                            scheme=a.scheme, questions=questions))
    return out


@dataclass(frozen=True)
class JointEvaluation:
    """The labels of both maps judged as one debate, keyed `left:ID` / `right:ID`.

    claims: every claim of both maps -> accepted | rejected | undecided;
    arguments: every argument of both maps, and each contradiction's two attacks
    (`link-N:left`, `link-N:right`) -> the same labels;
    thesis: side -> the joint label of that side's thesis; alone: side -> its label
    when its map is judged alone.
    """

    semantics: str
    debate: JointDebate
    claims: dict[str, str]
    arguments: dict[str, str]
    thesis: dict[str, str]
    alone: dict[str, str]
    extension_count: int
    why: dict[str, str] = field(default_factory=dict)
    joint: MapEvaluation | None = None


def evaluate_comparison(
    left: ArgumentMap,
    right: ArgumentMap,
    comparison: Comparison,
    semantics: str = "grounded",
    *,
    max_extensions: int | None = DEFAULT_MAX_EXTENSIONS,
    catalogue=None,
) -> JointEvaluation:
    """With a scheme `catalogue`, assumption questions count (`--questions open`),
    in the joint debate and in each map alone."""
    from argmap.analysis.evaluation.questions import challenges

    def counted(m: ArgumentMap):
        return challenges(m, catalogue) if catalogue is not None else ()

    debate = joint_debate(left, right, comparison)
    ev = evaluate_map(debate.map, semantics, assumed=debate.basic, max_extensions=max_extensions,
                      index=MapIndex.build(debate.map), challenges=counted(debate.map))
    claims = {k: ev.labels[node] for k, node in debate.node_of.items()}
    why = {k: _LINK_ROLE.sub(r"the contradiction of link \1", ev.why[node]) for k, node in debate.node_of.items()}
    alone = {
        side: evaluate_map(m, semantics, max_extensions=max_extensions, challenges=counted(m)).thesis_label
        for side, m in zip(SIDES, (left, right))
    }
    thesis = {side: ev.labels[node] for side, node in debate.theses.items()}
    return JointEvaluation(semantics, debate, claims, dict(ev.argument_labels), thesis, alone, ev.extension_count, why, ev)
