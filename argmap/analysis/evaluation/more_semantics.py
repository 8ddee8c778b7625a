"""Admissible, semi-stable, stage and ideal semantics, beside framework.py's four.

The first three are not SCC-recursive, so framework.py's component search does not
apply; they are split only where the definitions allow and each piece goes to clingo
(asp.py):

- semi-stable (complete with a subset-maximal range, Caminada 2006): every semi-stable
  extension is complete, so it contains the grounded extension and leaves out what
  that attacks; the rest, the grounded labelling's undecided region, splits into
  weakly connected parts solved on their own (ranges of disjoint parts add up, so a
  range is maximal exactly when it is maximal in every part).
- stage (conflict-free with a subset-maximal range, Verheij 1996) and admissible
  (Dung 1995): need not contain the grounded extension; the framework splits into
  weakly connected parts only.
- ideal (Dung, Mancarella, Toni 2007): the largest admissible set inside every
  preferred extension. The sceptical preferred labelling (framework.py's dynamic
  programme, no enumeration) gives the intersection; arguments it does not defend
  are removed until every remaining one is defended (the admissible subsets of a set
  are closed under union, so this greatest fixpoint is the largest).

A one-argument part is answered here, without clingo: a framework of 1M arguments has
hundreds of thousands of them.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis.evaluation.framework import (
    DEFAULT_MAX_EXTENSIONS,
    IN,
    UNDEC,
    Framework,
    _parts,
    grounded_labelling,
    sceptical_labelling,
)

BY_CLINGO = ("admissible", "semi-stable", "stage")


def regions(af: Framework, semantics: str) -> tuple[list[int], list[list[int]]]:
    """The arguments in every extension, and the independent regions (sorted argument
    lists) whose extensions combine freely into the rest."""
    if semantics == "semi-stable":
        label = grounded_labelling(af)
        base = [x for x, lab in enumerate(label) if lab == IN]
    else:
        label, base = [UNDEC] * len(af), []
    return base, [sorted(x for comp in part.components for x in comp) for part in _parts(af, label)]


def region_sets(af: Framework, region: list[int], semantics: str, limit: int | None = None) -> Iterator[list[int]]:
    """The extensions of one region (sorted argument lists), in clingo's order."""
    if len(region) == 1:
        x = region[0]
        if x in af.attackers[x]:  # a self-attacker is in no conflict-free set
            yield []
        else:
            if semantics == "admissible":
                yield []
            if limit != 0:
                yield [x]
        return
    from argmap.analysis.evaluation.asp import in_sets

    for ins in in_sets(semantics, len(region), _local_attacks(af, region), limit=limit):
        yield sorted(region[i] for i in ins)


def _local_attacks(af: Framework, region: list[int]) -> list[tuple[int, int]]:
    """The attacks inside a region, its arguments numbered 0.. in region order."""
    local = {x: i for i, x in enumerate(region)}
    return [(local[a], i) for i, x in enumerate(region) for a in af.attackers[x] if a in local]


def region_count(af: Framework, region: list[int], semantics: str) -> int:
    """How many extensions one region has (asp.count: clingo counts them)."""
    if len(region) == 1:
        return sum(1 for _ in region_sets(af, region, semantics))
    from argmap.analysis.evaluation.asp import count

    return count(semantics, len(region), _local_attacks(af, region))


def region_find(af: Framework, region: list[int], semantics: str, x: int, accepted: bool) -> list[int] | None:
    """An extension of one region with x (a member of it) in it or not, or None:
    searched by clingo for semi-stable and stage (asp.find_range_maximal), listed
    until one fits for admissible."""
    if len(region) == 1 or semantics == "admissible":
        return next((s for s in region_sets(af, region, semantics) if (x in s) == accepted), None)
    from argmap.analysis.evaluation.asp import find_range_maximal

    found = find_range_maximal(semantics, len(region), _local_attacks(af, region), region.index(x), accepted)
    return None if found is None else sorted(region[i] for i in found)


def part_extensions(af: Framework, semantics: str, max_extensions: int | None) -> tuple[list[int], list[list[list[int]]]]:
    """framework.part_extensions for these semantics."""
    from argmap.analysis.evaluation.framework import TooManyExtensions

    if semantics == "ideal":
        return ideal_extension(af), []
    base, parts = regions(af, semantics)
    per_part = []
    for region in parts:
        limit = None if max_extensions is None else max_extensions + 1
        exts = sorted(region_sets(af, region, semantics, limit))
        if max_extensions is not None and len(exts) > max_extensions:
            raise TooManyExtensions(f"more than {max_extensions:,} {semantics} extensions; try grounded semantics")
        per_part.append(exts)
    return base, per_part


def ideal_extension(af: Framework, max_states: int | None = DEFAULT_MAX_EXTENSIONS) -> list[int]:
    """The ideal extension: the largest admissible subset of the sceptically accepted
    preferred arguments (see the module's docstring)."""
    labels = sceptical_labelling(af, "preferred", max_states).labels
    member = [lab == IN for lab in labels]
    # per argument, how many of its attackers the set attacks; x stays while all are
    attacked_by = [sum(1 for y in af.attackers[a] if member[y]) for a in range(len(af))]
    defended = [sum(1 for a in af.attackers[x] if attacked_by[a]) for x in range(len(af))]
    stack = [x for x in range(len(af)) if member[x] and defended[x] < len(af.attackers[x])]
    while stack:
        x = stack.pop()
        if not member[x]:
            continue
        member[x] = False
        for a in af.targets[x]:  # a loses one attacker from the set
            attacked_by[a] -= 1
            if attacked_by[a] == 0:
                for y in af.targets[a]:  # what a attacks is no longer defended against it
                    defended[y] -= 1
                    if member[y]:
                        stack.append(y)
    return [x for x in range(len(af)) if member[x]]
