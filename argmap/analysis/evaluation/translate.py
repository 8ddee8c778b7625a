"""Read a map as an abstract argumentation framework and label its claims.

The reading (assumption-based, in the spirit of ABA and Carneades; the README's
"Evaluation" section has a worked example):

Abstract arguments
- `asm:C`  for every *basic* claim C: "C is granted". A claim is basic when no
  argument of the map supports it (a premise the map takes as given) or when it cites
  evidence: a source other than the texts the map reconstructs (a quote of those only
  says who asserts C). A claim that has reasons and no evidence must be established
  by one. The thesis is never basic: the map sets out to establish it, so it stands
  only through its reasons.
- `arg:A`  for every argument A of the map: "A's premises all hold and its inference
  applies". For a support it concludes its target; for an objection, the target's
  negation; for an undercut, that the attacked inference does not apply.
- `not:C`  for every claim C: "nothing establishes C". It stands exactly when every
  argument for C (its assumption and its supports) is defeated.

Attacks
- `asm:C -> not:C` and `arg:S -> not:C` for every support S of C (convergent reasons:
  one standing reason is enough);
- `not:P -> arg:A` for every premise P of A (linked premises: all are needed; an
  argument falls with any of its premises, which is how undermining works);
- an objection O on claim C: `arg:O -> asm:C` and `arg:O -> arg:S` for every support S
  of C (rebut). Attacks are one-way: a reason does not answer an objection, only an
  attack on the objection (on a premise of it, or an undercut of it) does;
- an undercut U of argument A: `arg:U -> arg:A`.

Critical questions (only with `evaluate --questions open`, after Carneades): an
assumption question of an argument's scheme that is open is an undecided challenge:
`cq:A/Q` attacks `arg:A`, and `cq:A/Q` and `ans:A/Q` attack each other (nobody has
shown the assumption, nor its failure). One answered by argument B depends on B:
`arg:B -> cq:A/Q`. Open exceptions are no challenge (the opponent must prove them,
with an attack in the map); questions set aside are none either.

Labels: C is accepted when `not:C` is out (some argument for C stands), rejected when
`not:C` is in, undecided otherwise. Preferred and stable semantics label sceptically:
accepted (rejected) when accepted (rejected) under every extension, else undecided;
with no stable extension at all, every claim is undecided.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from argmap.analysis.evaluation.framework import (
    DEFAULT_MAX_EXTENSIONS,
    IN,
    OUT,
    SEMANTICS,
    Framework,
    sceptical_labelling,
)
from argmap.analysis.structure import MapIndex
from argmap.model import ArgumentMap

ACCEPTED, REJECTED, UNDECIDED = "accepted", "rejected", "undecided"


@dataclass(frozen=True)
class Translation:
    framework: Framework
    fails: dict[str, int]  # claim id -> index of not:C
    assumptions: dict[str, int]  # basic claim id -> index of asm:C
    arguments: dict[str, int]  # map argument id -> index of arg:A
    challenges: dict[tuple[str, str], int] = field(default_factory=dict)  # (argument, question) -> cq:A/Q


# (argument id, question id, id of the argument that answers it or None when open)
Challenge = tuple[str, str, str | None]


def basic_claims(m: ArgumentMap, idx: MapIndex | None = None) -> set[str]:
    """Claims granted unless attacked: those no argument supports, and those with
    evidence (attribution to a reconstructed text is none). Never the thesis."""
    idx = idx or MapIndex.build(m)
    out = set()
    for c in m.claims:
        if c.id == m.thesis:
            continue
        if m.real_evidence(c) or not any(a.polarity == "support" for a in idx.targeting.get(c.id, ())):
            out.add(c.id)
    return out


def author_only(m: ArgumentMap) -> ArgumentMap:
    """The map without what its reconstructor added: claims and arguments marked
    `reconstruction`, and every argument that then has a premise or target gone
    (to a fixpoint: an undercut of a dropped argument goes too)."""
    if not any(c.reconstruction for c in m.claims) and not any(a.reconstruction for a in m.arguments):
        return m
    claims = [c for c in m.claims if not c.reconstruction or c.id == m.thesis]
    kept_claims = {c.id for c in claims}
    arguments = [a for a in m.arguments if not a.reconstruction]
    while True:
        ids = kept_claims | {a.id for a in arguments}
        kept = [a for a in arguments if a.target in ids and all(p in kept_claims for p in a.premises)]
        if len(kept) == len(arguments):
            break
        arguments = kept
    return m.model_copy(update={"claims": claims, "arguments": arguments})


def translate(m: ArgumentMap, assumed: Collection[str] | None = None, idx: MapIndex | None = None,
              challenges: Sequence[Challenge] = ()) -> Translation:
    """The framework of a map. `assumed` overrides which claims are basic (as in
    Carneades, where assumptions are listed explicitly); `challenges` are the
    assumption questions that count (see questions.py)."""
    idx = idx or MapIndex.build(m)
    basic = basic_claims(m, idx) if assumed is None else set(assumed)
    names: list[str] = []
    fails: dict[str, int] = {}
    assumptions: dict[str, int] = {}
    arguments: dict[str, int] = {}
    for c in m.claims:
        fails[c.id] = len(names)
        names.append(f"not:{c.id}")
        if c.id in basic:
            assumptions[c.id] = len(names)
            names.append(f"asm:{c.id}")
    for a in m.arguments:
        arguments[a.id] = len(names)
        names.append(f"arg:{a.id}")

    attacks: list[tuple[int, int]] = [(i, fails[c]) for c, i in assumptions.items()]
    for a in m.arguments:
        node = arguments[a.id]
        for p in a.premises:
            attacks.append((fails[p], node))
        if a.target in idx.arguments:  # undercut
            attacks.append((node, arguments[a.target]))
        elif a.polarity == "support":
            attacks.append((node, fails[a.target]))
        else:  # objection on a claim: rebuts its assumption and its supports
            if a.target in assumptions:
                attacks.append((node, assumptions[a.target]))
            for s in idx.targeting.get(a.target, ()):
                if s.polarity == "support":
                    attacks.append((node, arguments[s.id]))
    cq = _add_challenges(challenges, names, attacks, arguments)
    return Translation(Framework.build(names, attacks), fails, assumptions, arguments, cq)


def _add_challenges(challenges: Sequence[Challenge], names: list[str], attacks: list[tuple[int, int]],
                    arguments: dict[str, int]) -> dict[tuple[str, str], int]:
    out = {}
    for aid, qid, by in challenges:
        out[(aid, qid)] = node = len(names)
        names.append(f"cq:{aid}/{qid}")  # ids have no "/": names stay unique
        attacks.append((node, arguments[aid]))
        if by in arguments:
            attacks.append((arguments[by], node))
        else:  # open: undecided, whatever the semantics
            names.append(f"ans:{aid}/{qid}")
            attacks += [(node, node + 1), (node + 1, node)]
    return out


@dataclass(frozen=True)
class MapEvaluation:
    """Which claims of a map stand under a semantics.

    labels: every claim id (file order) -> "accepted" | "rejected" | "undecided".
    argument_labels: every argument id -> the same labels: does the argument stand
    (its premises hold and nothing defeats it)?
    extension_count: 1 for grounded; for preferred/stable the number of extensions the
    sceptical labels summarise (0: no stable extension, every label "undecided").
    why: every claim id -> a short reason for its label, e.g. "objection a2 stands".
    """

    semantics: str
    thesis: str
    labels: dict[str, str]
    argument_labels: dict[str, str]
    extension_count: int
    why: dict[str, str] = field(default_factory=dict)  # claim id -> a short reason for its label

    @property
    def thesis_label(self) -> str:
        return self.labels[self.thesis]

    @property
    def thesis_stands(self) -> bool:
        return self.thesis_label == ACCEPTED

    def counts(self) -> dict[str, int]:
        out = {ACCEPTED: 0, REJECTED: 0, UNDECIDED: 0}
        for label in self.labels.values():
            out[label] += 1
        return out


def evaluate_map(
    m: ArgumentMap,
    semantics: str = "grounded",
    *,
    assumed: Collection[str] | None = None,
    max_extensions: int | None = DEFAULT_MAX_EXTENSIONS,
    index: MapIndex | None = None,
    challenges: Sequence[Challenge] = (),
) -> MapEvaluation:
    """Label every claim and argument of `m` under grounded, preferred or stable
    semantics (`index`: the map's index, when the caller has one; `challenges`: the
    critical questions that count, see questions.py)."""
    if semantics not in SEMANTICS:
        raise ValueError(f"unknown semantics {semantics!r}; choose from {', '.join(SEMANTICS)}")
    idx = index or MapIndex.build(m)
    tr = translate(m, assumed, idx, challenges)
    result = sceptical_labelling(tr.framework, semantics, max_extensions)
    node = result.labels
    claim_label = {IN: REJECTED, OUT: ACCEPTED}
    arg_label = {IN: ACCEPTED, OUT: REJECTED}
    labels = {c: claim_label.get(node[i], UNDECIDED) for c, i in tr.fails.items()}
    argument_labels = {a: arg_label.get(node[i], UNDECIDED) for a, i in tr.arguments.items()}
    granted = {c for c, i in tr.assumptions.items() if node[i] == IN}
    if result.extension_count == 0:
        why = dict.fromkeys(labels, f"no {semantics} extension exists")
    else:
        why = _explain(idx, labels, argument_labels, granted, set(tr.assumptions))
    return MapEvaluation(semantics, m.thesis, labels, argument_labels, result.extension_count, why)


def _explain(idx: MapIndex, labels: dict[str, str], args: dict[str, str], granted: set[str], basic: set[str]) -> dict[str, str]:
    """One short reason per claim label, naming the argument responsible by its role."""
    why = {}
    for c in idx.map.claims:
        on = idx.targeting.get(c.id, ())
        sup = [a.id for a in on if a.polarity == "support"]
        obj = [a.id for a in on if a.polarity == "attack"]
        label = labels[c.id]
        if label == ACCEPTED:
            standing = next((s for s in sup if args[s] == ACCEPTED), None)
            if c.id in granted:
                base = "cites evidence" if idx.map.real_evidence(c) else "a premise taken as given"
                why[c.id] = base + (", objections answered" if obj else "")
            elif standing:
                why[c.id] = f"reason {standing} stands"
            else:
                why[c.id] = "accepted in every extension"
        elif label == REJECTED:
            standing = next((o for o in obj if args[o] == ACCEPTED), None)
            if standing:
                why[c.id] = f"{idx.role(idx.arguments[standing])} {standing} stands"
            elif sup:
                why[c.id] = "no reason for it stands" + ("" if c.id in basic or c.id == idx.map.thesis else " and it cites no evidence")
            elif c.id == idx.map.thesis:
                why[c.id] = "no reason given (a thesis stands only through its reasons)"
            else:
                why[c.id] = "not assumed and no reason given"
        else:
            open_obj = next((o for o in obj if args[o] == UNDECIDED), None)
            open_sup = next((s for s in sup if args[s] == UNDECIDED), None)
            if open_obj:
                why[c.id] = f"{idx.role(idx.arguments[open_obj])} {open_obj} is undecided"
            elif open_sup:
                why[c.id] = f"reason {open_sup} is undecided"
            else:
                why[c.id] = "depends on which side of a conflict prevails"
    return why
