"""What decides a verdict: the claims it rests on, and what would turn it.

A claim is *defeated* when it meets an unanswered objection: a new argument that
nothing attacks, aimed at the claim (at its assumption and every reason for it, as
any objection is). The *decisive sets* of a thesis are the smallest sets of other
claims such that defeating every claim of the set changes the thesis's label. A
decisive claim of size one is a single point of failure; a thesis with three
independent standing reasons has decisive sets of three.

The converse question, for a thesis that does not stand: what would it take? The
smallest sets of *answers*, each an unanswered rebuttal of an attack (objection,
rebuttal or undercut) that currently stands or is undecided, that make it stand.

Search under grounded semantics (exact, and fast on big maps):
- Only what is upstream of the thesis in the framework can matter: candidates are
  the claims whose assumption or reasons attack, directly or through a chain, the
  thesis's `not:` node.
- A necessary condition prunes the search. A node's grounded label changes only if
  it is hit directly, or (it is out) every attacker that is in changes, or (it is in
  or undecided) some attacker changes; inside a cycle, only if something entering the
  cycle changes. Read bottom-up over the framework this gives, per node, the minimal
  candidate sets that could change it (`_families`: minimal cut sets of an and/or
  graph, sizes up to `MAX_SIZE`). Every decisive set contains one of the thesis's.
- Each such set is then checked by relabelling only what lies downstream of the
  defeated claims (grounded labels are directional: nothing upstream changes). A
  set that passes the necessary condition but not the check (two defeats that undo
  each other) is extended by one claim and tried at the next size.
- The result is exact when no family was cut at `FAMILY_CAP` sets; else it lists
  verified sets, possibly not all of the smallest, and says so.
Other semantics: the same candidates, tried by increasing size with a full sceptical
labelling each, within `BRUTE_BUDGET` labellings (exact on small maps).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from itertools import combinations

from argmap.analysis.evaluation.framework import IN, OUT, UNDEC, Framework, sceptical_labelling
from argmap.analysis.graph import strongly_connected_components

MAX_SIZE = 4  # largest decisive set searched for
FAMILY_CAP = 400  # sets kept per framework node (the smallest first)
LISTED = 10  # decisive sets listed
MAX_CHECK_WORK = 1_000_000  # node labels recomputed by the grounded checks (about 1 s)
MAX_FAMILY_WORK = 2_000_000  # candidate sets kept over all nodes (FAMILY_CAP on maps up to 5,000 nodes)
BRUTE_BUDGET = 4000  # full labellings tried for preferred/stable, or to extend failed sets
ANSWER_SIZE = 3  # largest set of answers searched for


@dataclass(frozen=True)
class Levers:
    """Where a verdict can be moved: framework nodes per candidate."""

    framework: Framework
    base: list[int]  # the labelling being explained
    target: int  # the thesis's not: node
    hits: dict[str, tuple[int, ...]]  # candidate -> nodes its defeat attacks


@dataclass(frozen=True)
class Decisive:
    """The smallest sets found (each sorted, the list sorted, at most LISTED), their
    size (0: none up to `searched`), how many sets of that size there are (None when
    only a bound is known), and whether the search was exhaustive."""

    sets: list[list[str]]
    size: int
    count: int | None
    exact: bool
    searched: int  # the largest size searched
    # When no smallest set was found (larger than `searched`, or the search was cut
    # short): one set that does change the label and from which no claim can be left
    # out, found by shrinking the set of all candidates. Empty otherwise.
    minimal: tuple[str, ...] = ()


# ---------------------------------------------------------------- relabelling


def relabel_grounded(af: Framework, base: list[int], forced_out: Iterable[int]) -> dict[int, int]:
    """Grounded labels after each node of `forced_out` is attacked by an unattacked
    argument: the labels of the nodes downstream of them (everything else keeps its
    label, by directionality)."""
    forced = set(forced_out)
    cone = set(forced)
    stack = list(forced)
    targets, attackers = af.targets, af.attackers
    while stack:
        x = stack.pop()
        for y in targets[x]:
            if y not in cone:
                cone.add(y)
                stack.append(y)
    label: dict[int, int] = dict.fromkeys(forced, OUT)
    remaining: dict[int, int] = {}
    out_now: list[int] = list(forced)
    for x in cone:
        if x in forced:
            continue
        count = 0
        hit = False
        for a in attackers[x]:
            if a in forced:
                continue
            if a in cone:
                count += 1
            elif base[a] == IN:
                hit = True
            elif base[a] == UNDEC:
                count += 1  # never decreases: x cannot be in
        if hit:
            label[x] = OUT
            out_now.append(x)
        remaining[x] = count
    for x in out_now:
        if x in forced:
            continue  # forced nodes were not counted by their targets
        for z in targets[x]:
            if z in remaining:
                remaining[z] -= 1
    stack = [x for x, r in remaining.items() if r == 0 and x not in label]
    for x in stack:
        label[x] = IN
    while stack:
        x = stack.pop()
        for y in targets[x]:
            if y not in remaining or y in label:
                continue
            label[y] = OUT
            for z in targets[y]:
                if z in remaining:
                    remaining[z] -= 1
                    if remaining[z] == 0 and z not in label:
                        label[z] = IN
                        stack.append(z)
    for x in cone:
        label.setdefault(x, UNDEC)
    return label


def ancestors(af: Framework, node: int) -> set[int]:
    seen = {node}
    stack = [node]
    while stack:
        x = stack.pop()
        for a in af.attackers[x]:
            if a not in seen:
                seen.add(a)
                stack.append(a)
    return seen


# ---------------------------------------------------------------- the necessary condition


def _minimal(sets: Iterable[frozenset[str]], cap: int) -> tuple[list[frozenset[str]], bool]:
    """Inclusion-minimal sets, smallest first, at most `cap` (True when cut)."""
    sets = sets if isinstance(sets, list) else list(sets)
    if sets and max(map(len, sets)) == 1 and min(map(len, sets)) == 1:  # singletons only (chains): in C
        of = {e: s for s in sets for e in s}  # the same set objects: families share them
        names = sorted(of)
        return [of[e] for e in names[:cap]], len(names) > cap
    by_size: dict[int, list[frozenset[str]]] = {}
    for s in set(sets):
        by_size.setdefault(len(s), []).append(s)
    kept: list[frozenset[str]] = []
    # a kept set inside s shares an element with it: look only at those (a chain
    # 4,000 claims deep compared every pair, 56 million times, and took minutes)
    holding: dict[str, list[frozenset[str]]] = {}
    for size in sorted(by_size):
        level = by_size[size]
        if size == 0:  # the empty set holds in everything
            kept = [frozenset()]
            break
        level.sort(key=(lambda s: next(iter(s))) if size == 1 else sorted)
        for s in level:
            if size > 1 and any(k <= s for e in s for k in holding.get(e, ())):
                continue  # (two different singletons never hold each other)
            kept.append(s)
            if len(kept) > cap:
                return kept[:cap], True
            for e in s:
                holding.setdefault(e, []).append(s)
    return (kept[:cap], True) if len(kept) > cap else (kept, False)


def _and(families: list[list[frozenset[str]]], max_size: int, cap: int) -> tuple[list[frozenset[str]], bool]:
    acc: list[frozenset[str]] = [frozenset()]
    cut = False
    for fam in sorted(families, key=len):
        # (joining the empty start keeps each set itself: no copy per node of a chain)
        joined = {u for a in acc for b in fam if len(u := (a | b if a else b)) <= max_size}
        acc, c = _minimal(joined, cap)
        cut |= c
        if not acc:
            break
    return acc, cut


def _families(lv: Levers, max_size: int, cap: int) -> tuple[list[frozenset[str]], bool]:
    """Minimal candidate sets that could change the target's label (see the module)."""
    af, base = lv.framework, lv.base
    up = ancestors(af, lv.target)
    # sets kept per node shrink on huge maps (a chain 20,000 deep): the work is nodes x cap
    cap = min(cap, max(4 * LISTED, MAX_FAMILY_WORK // max(1, len(up))))
    direct: dict[int, list[str]] = {}
    for cand, nodes in lv.hits.items():
        for x in nodes:
            if x in up and base[x] != OUT:
                direct.setdefault(x, []).append(cand)
    member = [False] * len(af)
    for x in up:
        member[x] = True
    comps = strongly_connected_components(sorted(up), af.targets, member)
    fam: dict[int, list[frozenset[str]]] = {}
    cut = False

    def compute(x: int) -> list[frozenset[str]]:
        nonlocal cut
        sets = [frozenset([c]) for c in direct.get(x, ())]
        if base[x] == OUT:  # every attacker that is in must change
            joined, cut_here = _and([fam.get(a, []) for a in af.attackers[x] if base[a] == IN], max_size, cap)
            sets += joined
            cut |= cut_here
        else:  # some attacker must change
            for a in af.attackers[x]:
                sets += fam.get(a, [])
        result, cut_here = _minimal(sets, cap)
        cut |= cut_here
        return result

    for comp in comps:
        if len(comp) == 1 and comp[0] not in af.attackers[comp[0]]:
            fam[comp[0]] = compute(comp[0])
            continue
        # A cycle can change itself once anything entering it changes (a loop of
        # supports loses its footing), so the precise rule does not hold inside it.
        # What does hold: nothing in it changes unless something enters it. Every node
        # of the cycle gets that weaker condition (sound; the check does the rest).
        inside = set(comp)
        sets = [frozenset([c]) for x in comp for c in direct.get(x, ())]
        sets += [s for x in comp for a in af.attackers[x] if a not in inside for s in fam.get(a, [])]
        shared, cut_here = _minimal(sets, cap)
        cut |= cut_here
        for x in comp:
            fam[x] = shared
    return fam.get(lv.target, []), cut


# ---------------------------------------------------------------- the search


def decisive_sets(lv: Levers, semantics: str = "grounded", max_size: int | None = None) -> Decisive:
    """The smallest sets of candidates whose defeat changes the label of `lv.target`."""
    max_size = max_size or MAX_SIZE
    relevant = _relevant(lv)
    if semantics != "grounded":
        return _brute_search(lv, relevant, semantics, min(max_size, 3))
    found = _grounded_search(lv, relevant, max_size)
    if found.sets:
        return found
    # Start from the claims on the side that can move the label: defeating every
    # claim at once also defeats the thesis's own reasons, which moves nothing.
    side = toward(lv.framework, lv.target, even=lv.base[lv.target] == IN)
    start = [c for c in relevant if all(x in side for x in lv.hits[c])]
    wanted = lambda label: label != lv.base[lv.target]  # noqa: E731
    minimal = shrink(lv, start, wanted)
    if minimal and len(minimal) <= max_size:  # within the searched sizes: list it as found
        return Decisive([sorted(minimal)], len(minimal), None, False, max_size)
    return replace(found, minimal=minimal)


def shrink(lv: Levers, group: list[str], wanted) -> tuple[str, ...]:
    """An inclusion-minimal subset of `group` whose defeat still gives a wanted label
    (empty when defeating all of `group` does not). Drops runs of members while the
    label stays wanted, halving the run length down to single members (few relabellings
    when most of `group` is spare, as it usually is), then single members until a whole
    pass drops nothing: defeat is not monotone, so a member kept early can become spare
    once a later one is dropped. Grounded."""
    if not wanted(_label_after(lv, group)):
        return ()
    kept = list(group)
    run = max(1, len(kept) // 2)
    while True:
        i, dropped = 0, False
        while i < len(kept):
            trial = kept[:i] + kept[i + run:]
            if trial and wanted(_label_after(lv, trial)):
                kept, dropped = trial, True
            else:
                i += run
        if run > 1:
            run = max(1, run // 2)
        elif not dropped:
            return tuple(kept)


def _relevant(lv: Levers) -> list[str]:
    """Candidates that hit anything upstream of the target. (A hit on a node that is
    out already changes nothing alone, but can hold it out when other defeats would
    bring it back.)"""
    up = ancestors(lv.framework, lv.target)
    return sorted(c for c, nodes in lv.hits.items() if any(x in up for x in nodes))


def _label_after(lv: Levers, group: Iterable[str]) -> int:
    nodes = [x for c in group for x in lv.hits[c]]
    new = relabel_grounded(lv.framework, lv.base, nodes)
    return new.get(lv.target, lv.base[lv.target])


def _grounded_search(lv: Levers, relevant: list[str], max_size: int, goal: int | None = None) -> Decisive:
    """Smallest sets whose defeat changes the target's label (to `goal`, if given)."""
    wanted = (lambda label: label != lv.base[lv.target]) if goal is None else (lambda label: label == goal)
    candidates, cut = _families(lv, max_size, FAMILY_CAP)
    by_size: dict[int, set[frozenset[str]]] = {}
    for s in candidates:
        by_size.setdefault(len(s), set()).add(s)
    budget = BRUTE_BUDGET
    work = 0  # nodes relabelled: each check costs the cone below what it defeats
    for size in range(1, max_size + 1):
        level = sorted(by_size.get(size, ()), key=sorted)
        found = []
        for s in level:
            if work > MAX_CHECK_WORK:  # a chain 20,000 deep: 400 checks of 40,000 nodes each
                listed = sorted(sorted(x) for x in found)[:LISTED]
                return Decisive(listed, size if found else 0, None, False, size)
            nodes = [x for c in s for x in lv.hits[c]]
            new = relabel_grounded(lv.framework, lv.base, nodes)
            work += len(new)
            if wanted(new.get(lv.target, lv.base[lv.target])):
                found.append(s)
        if found:
            listed = sorted(sorted(s) for s in found)[:LISTED]
            return Decisive(listed, size, None if cut else len(found), not cut, size)
        # sets that passed the condition but not the check: one more claim each
        for s in level:
            for c in relevant:
                if c not in s and budget > 0:
                    by_size.setdefault(size + 1, set()).add(s | {c})
                    budget -= 1
    return Decisive([], 0, None if cut or budget <= 0 else 0, not cut and budget > 0, max_size)


def _brute_search(lv: Levers, relevant: list[str], semantics: str, max_size: int) -> Decisive:
    af, base, target = lv.framework, lv.base, lv.target
    budget = BRUTE_BUDGET
    for size in range(1, max_size + 1):
        found = []
        for group in combinations(relevant, size):
            if budget <= 0:
                listed = sorted(sorted(s) for s in found)[:LISTED]
                return Decisive(listed, size if found else 0, None, False, size)
            budget -= 1
            if _sceptical_after(af, [x for c in group for x in lv.hits[c]], semantics)[target] != base[target]:
                found.append(group)
        if found:
            return Decisive(sorted(sorted(s) for s in found)[:LISTED], size, len(found), True, size)
    return Decisive([], 0, 0, True, max_size)


def _sceptical_after(af: Framework, forced_out: list[int], semantics: str) -> list[int]:
    """Sceptical labels with one new unattacked argument attacking `forced_out`."""
    n = len(af)
    attacks = list(af.attacks()) + [(n, x) for x in forced_out]
    bigger = Framework.build(list(af.names) + ["__defeat__"], attacks)
    return sceptical_labelling(bigger, semantics).labels[:n]


# ---------------------------------------------------------------- what it would take


@dataclass(frozen=True)
class Answers:
    """Smallest sets of attacks to answer so that the thesis stands (each sorted, at
    most LISTED), or why there is none: `reason` is "" when found."""

    sets: list[list[str]]
    size: int
    exact: bool
    reason: str = ""
    minimal: tuple[str, ...] = ()  # as Decisive.minimal: answers that would do, none spare


def against(af: Framework, node: int) -> set[int]:
    """Nodes with an even-length attack path to `node` (length >= 2): defeating them can
    help it. (An odd path defends it; a node may have both.)"""
    return toward(af, node, even=True)


def toward(af: Framework, node: int, even: bool) -> set[int]:
    """Nodes with an attack path to `node` of even (>= 2) or odd length."""
    want = 0 if even else 1
    seen = {(node, 0)}
    stack = [(node, 0)]
    out = set()
    while stack:
        x, parity = stack.pop()
        for a in af.attackers[x]:
            state = (a, 1 - parity)
            if state not in seen:
                seen.add(state)
                stack.append(state)
                if state[1] == want:
                    out.add(a)
    return out


def answers_needed(lv: Levers, attacks: dict[str, int], max_size: int | None = None) -> Answers:
    """Grounded: which standing or undecided attacks against the target, answered
    (defeated), make the target node out (the thesis accepted). `attacks`: attack
    argument id -> node. The same search as for decisive sets, over attacks."""
    max_size = max_size or ANSWER_SIZE
    af, base, target = lv.framework, lv.base, lv.target
    hostile = against(af, target)
    # an attack that is out now may come back once others are answered: all are candidates
    candidates = {a: (x,) for a, x in attacks.items() if x in hostile}
    if not any(base[x] != OUT for (x,) in candidates.values()):
        return Answers([], 0, True, "no objection stands against it: it lacks a reason that stands")
    levers = Levers(af, base, target, candidates)
    found = _grounded_search(levers, sorted(candidates), max_size, goal=OUT)
    if found.sets:
        return Answers(found.sets, found.size, found.exact)
    enough = shrink(levers, sorted(candidates), lambda label: label == OUT)
    if enough:
        why = f"no {max_size} answers or fewer would do" if found.exact else f"no {max_size} answers or fewer found (search cut short)"
        return Answers([], 0, found.exact, why, enough)
    return Answers([], 0, found.exact, "answering objections alone would not do: it needs a reason that stands")
