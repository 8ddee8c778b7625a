"""ICCMA's reasoning tasks on a framework, with witnesses.

- DC (credulous): is the argument in some extension? YES comes with one that has it.
- DS (sceptical): is it in every extension? NO comes with one that lacks it (with no
  extension at all, as under stable, every argument is sceptically accepted).
- SE: one extension, or none. EE: all of them. CE: how many.

Where an answer is decided without search it is: the grounded labelling settles
arguments it labels in or out under every complete-based semantics; DS under
complete is membership of the grounded extension; DC under complete and admissible
is DC under preferred (the three have the same credulously accepted arguments, and a
preferred extension is complete and admissible); DS under admissible is NO (the empty
set is admissible). Preferred and stable go through framework.py's dynamic programme
per independent part (part_witness: a path through it with the argument in, or not
in); admissible, semi-stable and stage through more_semantics.py's regions, where
clingo counts the extensions (CE, still exponential: it enumerates them inside the
solver) and searches for one with or without the argument (DC and DS under
semi-stable and stage: asp.find_range_maximal, no listing).
"""

from __future__ import annotations

from collections import namedtuple

from argmap.analysis.evaluation import more_semantics
from argmap.analysis.evaluation.framework import (
    DEFAULT_MAX_EXTENSIONS,
    IN,
    OUT,
    Framework,
    _budget,
    _parts,
    extensions,
    grounded_labelling,
    part_witness,
    sceptical_labelling,
)

TASKS = ("DC", "DS", "SE", "EE", "CE")
NEEDS_ARGUMENT = ("DC", "DS")


class Answer(namedtuple("Answer", ("task", "semantics", "yes", "witness", "extensions", "count"),
                        defaults=(None, None, None, None))):
    """yes: DC / DS answer (None for the others); witness: DC's extension with the
    argument, DS's without it, SE's extension (None: there is none to give). A named
    tuple, not a dataclass: see Framework."""

    __slots__ = ()
    task: str
    semantics: str
    yes: bool | None
    witness: list[int] | None
    extensions: list[list[int]] | None
    count: int | None


def solve(af: Framework, task: str, semantics: str, argument: int | None = None,
          max_extensions: int | None = DEFAULT_MAX_EXTENSIONS) -> Answer:
    """One task; our search stops after framework.MAX_SEARCH_WORK steps, clingo's after
    framework.MAX_CLINGO_SECONDS (TooMuchWork; framework.search_budget sets others)."""
    with _budget.running():
        return _solve(af, task, semantics, argument, max_extensions)


def _solve(af: Framework, task: str, semantics: str, argument: int | None, max_extensions: int | None) -> Answer:
    if task in NEEDS_ARGUMENT and argument is None:
        raise ValueError(f"{task} needs an argument")
    if task == "EE":
        return Answer(task, semantics, extensions=extensions(af, semantics, max_extensions))
    if task == "CE":
        return Answer(task, semantics, count=count(af, semantics, max_extensions))
    if task == "SE":
        return Answer(task, semantics, witness=find(af, semantics, None, True, max_extensions))
    if task == "DC":
        witness = find(af, semantics, argument, True, max_extensions)
        return Answer(task, semantics, yes=witness is not None, witness=witness)
    if task == "DS":
        witness = find(af, semantics, argument, False, max_extensions)
        return Answer(task, semantics, yes=witness is None, witness=witness)
    raise ValueError(f"unknown task {task!r}; choose from {', '.join(TASKS)}")


def count(af: Framework, semantics: str, max_states: int | None = DEFAULT_MAX_EXTENSIONS) -> int:
    """The number of extensions; counted by clingo per region for admissible,
    semi-stable and stage, by the dynamic programme for the others."""
    if semantics in ("grounded", "ideal"):
        return 1
    if semantics in more_semantics.BY_CLINGO:
        _, regions = more_semantics.regions(af, semantics)
        total = 1
        for region in regions:
            total *= more_semantics.region_count(af, region, semantics)
        return total
    return sceptical_labelling(af, semantics, max_states).extension_count


def find(af: Framework, semantics: str, x: int | None, accepted: bool,
         max_states: int | None = DEFAULT_MAX_EXTENSIONS) -> list[int] | None:
    """One extension containing x (accepted) or lacking it (not accepted), or any one
    when x is None; None if there is no such extension."""
    if semantics in ("grounded", "ideal") or (semantics in ("complete", "admissible") and (x is None or not accepted)):
        if semantics == "admissible" and x is not None:
            return []  # the empty set is admissible
        ext = more_semantics.ideal_extension(af, max_states) if semantics == "ideal" else grounded(af)
        return ext if x is None or (x in ext) == accepted else None
    if semantics in ("complete", "admissible"):
        semantics = "preferred"  # same credulous answers; a preferred witness is both
    if semantics == "stage":
        return _find_in_regions(af, semantics, x, accepted)
    label = grounded_labelling(af)
    if x is not None and label[x] in (IN, OUT):
        if (label[x] == IN) != accepted:
            return None
        x = None  # settled by the grounded labelling: any extension will do
    if semantics == "semi-stable":
        return _find_in_regions(af, semantics, x, accepted)
    ext = [y for y, lab in enumerate(label) if lab == IN]
    parts = _parts(af, label)
    home = next((k for k, part in enumerate(parts) if any(x in comp for comp in part.components)), None) if x is not None else None
    for k, part in enumerate(parts):
        piece = part_witness(af, part, semantics, x if k == home else None, accepted, max_states)
        if piece is None:
            return None
        ext += piece
    return sorted(ext)


def grounded(af: Framework) -> list[int]:
    return [x for x, lab in enumerate(grounded_labelling(af)) if lab == IN]


def _find_in_regions(af: Framework, semantics: str, x: int | None, accepted: bool) -> list[int] | None:
    base, regions = more_semantics.regions(af, semantics)
    ext = list(base)
    home = next((i for i, region in enumerate(regions) if x in region), None) if x is not None else None
    for i, region in enumerate(regions):
        if i == home:
            piece = more_semantics.region_find(af, region, semantics, x, accepted)
        else:
            piece = next(more_semantics.region_sets(af, region, semantics, limit=1), None)
        if piece is None:
            return None
        ext += piece
    return sorted(ext)
