"""Dung semantics by answer-set programming: clingo with our encodings (encodings/*.lp).

framework.py hands clingo the strongly connected components that its own search
handles badly (dense or large ones, see framework.use_clingo) and the semantics that
are not SCC-recursive (admissible, semi-stable, stage). Arguments are numbered
0..m-1 locally; `attacks` are (attacker, attacked) pairs of those numbers; `undec_above`
marks arguments with an undecided attacker upstream (they can never be in).

Encodings (each file cites its definition): base.lp (input, out/1, conflict-freeness)
plus one of admissible / complete / stable / conflict_free, with preferred.lp (maximal
in/1) or range.lp (maximal range/1) and clingo's domain heuristic in domRec
enumeration mode for the maximal ones.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path

from argmap.analysis.evaluation.framework import _budget

ENCODINGS = Path(__file__).parent / "encodings"
WAIT_SLICE = 0.1  # s

# semantics -> (encoding files after base.lp, maximise: None | "in" | "range")
PROGRAMS = {
    "admissible": (("admissible",), None),
    "complete": (("complete",), None),
    "stable": (("stable",), None),
    "preferred": (("complete", "preferred"), "in"),
    "semi-stable": (("complete", "range"), "range"),
    "stage": (("conflict_free", "range"), "range"),
}


@cache
def _program(semantics: str, maximal: bool) -> str:
    files, _ = PROGRAMS[semantics]
    if not maximal:  # the second pass of semi-stable / stage: every set with a given range
        files = tuple(f for f in files if f != "range") + ("range_fixed",)
    return "\n".join((ENCODINGS / f"{name}.lp").read_text() for name in ("base", *files))


def _facts(m: int, attacks: Sequence[tuple[int, int]], undec_above: Sequence[bool] = ()) -> str:
    parts = [f"arg(0..{m - 1})." if m else ""]
    parts += [f"att({a},{b})." for a, b in attacks]
    parts += [f"ua({x})." for x, u in enumerate(undec_above) if u]
    return "\n".join(parts)


def _control(semantics: str, m: int, attacks, undec_above=(), maximal: bool = True, models: int = 0, heuristic: bool = True):
    """A grounded clingo Control; `maximal`: the program with preferred.lp / range.lp,
    solved with the domain heuristic (subset-maximal models) unless not `heuristic`."""
    import clingo  # imported here: `argmap` commands that never solve do not pay for it

    heuristic = heuristic and maximal and PROGRAMS[semantics][1] is not None
    args = [str(models)]
    if heuristic:
        args += ["--heuristic=Domain", "--enum-mode=domRec"]
    ctl = clingo.Control(args, logger=lambda code, message: None)
    ctl.add("base", [], _program(semantics, maximal) + "\n" + _facts(m, attacks, undec_above))
    ctl.ground([("base", [])])
    return ctl


def _models(ctl, assumptions=()) -> Iterator[tuple[frozenset[int], frozenset[int]]]:
    """(in-set, range) of every model, in clingo's order; TooMuchWork when the
    evaluation's time for clingo (framework.MAX_CLINGO_SECONDS) runs out first."""
    with ctl.solve(yield_=True, async_=True, assumptions=list(assumptions)) as handle:
        while True:
            handle.resume()
            _wait(handle)
            model = handle.model()
            if model is None:
                return
            numbers = [s.number for s in model.symbols(shown=True)]  # in(X) shown as X, range(X) as -X-1
            yield frozenset(x for x in numbers if x >= 0), frozenset(-x - 1 for x in numbers if x < 0)


def _wait(handle) -> None:
    """Until clingo's next model (or the end), in slices, so that Ctrl-C is seen
    within WAIT_SLICE seconds; cancel the search when the time is up (a wait of 0
    would poll and one below 0 would never end)."""
    while True:
        left = _budget.clingo_seconds_left()
        if left is not None and left <= 0:
            handle.cancel()
            raise _budget.out_of_time()
        if handle.wait(WAIT_SLICE if left is None else min(WAIT_SLICE, left)):
            return


def in_sets(semantics: str, m: int, attacks: Sequence[tuple[int, int]], undec_above: Sequence[bool] = (),
            limit: int | None = None) -> Iterator[frozenset[int]]:
    """The extensions (in-sets) of a framework on 0..m-1, each once; at most `limit`.

    Semi-stable and stage take two passes: the subset-maximal ranges first (domRec
    keeps one model per range), then every set with each of those ranges.
    """
    import clingo

    models = 0 if limit is None else limit
    if PROGRAMS[semantics][1] != "range":
        for ins, _ in _models(_control(semantics, m, attacks, undec_above, models=models)):
            yield ins
        return
    ranges = [rng for _, rng in _models(_control(semantics, m, attacks, undec_above))]
    fixed = _control(semantics, m, attacks, undec_above, maximal=False, models=models)
    given = 0
    for rng in ranges:
        assume = [(clingo.Function("range", [clingo.Number(x)]), x in rng) for x in range(m)]
        for ins, _ in _models(fixed, assume):
            yield ins
            given += 1
            if limit is not None and given >= limit:
                return


def count(semantics: str, m: int, attacks: Sequence[tuple[int, int]]) -> int:
    """How many extensions a framework on 0..m-1 has, counted by clingo without
    handing each model to Python (semi-stable and stage: per maximal range)."""
    import clingo

    if PROGRAMS[semantics][1] != "range":
        return _count(_control(semantics, m, attacks))
    ranges = [rng for _, rng in _models(_control(semantics, m, attacks))]
    fixed = _control(semantics, m, attacks, maximal=False)
    return sum(_count(fixed, [(clingo.Function("range", [clingo.Number(x)]), x in rng) for x in range(m)])
               for rng in ranges)


def _count(ctl, assumptions=()) -> int:
    """The number of models of one solve call, within the evaluation's time."""
    with ctl.solve(async_=True, assumptions=list(assumptions)) as handle:
        _wait(handle)
        handle.get()
    return int(ctl.statistics["summary"]["models"]["enumerated"])


def _first(ctl, assumptions=()) -> tuple[frozenset[int], frozenset[int]] | None:
    """The first model (in-set, range), or None; the search is closed either way."""
    models = _models(ctl, assumptions)
    try:
        return next(models, None)
    finally:
        models.close()


def find_range_maximal(semantics: str, m: int, attacks: Sequence[tuple[int, int]], x: int,
                       accepted: bool) -> frozenset[int] | None:
    """A semi-stable or stage extension of a framework on 0..m-1 with x in it
    (accepted) or not, or None if there is none; without listing the extensions.

    Range-maximality is a property of the whole framework, so a candidate (complete,
    resp. conflict-free, with x as asked) is checked: the range-maximal range R over
    its range (domain heuristic) is a maximal range; if it is the candidate's own, the
    candidate is an extension. Otherwise an extension with x as asked and range R is
    sought, and failing that every candidate whose range lies inside R is excluded (a
    constraint: some argument outside R is in the range) and the next one is tried.
    Each round excludes a maximal range, so the rounds end (counterexample-guided, as
    in CEGARTIX, Dvořák, Järvisalo, Wallner and Woltran 2014).
    """
    import clingo

    candidates = _control(semantics, m, attacks, models=1, heuristic=False)
    widest = _control(semantics, m, attacks, models=1)

    def range_atom(y: int):
        return clingo.Function("range", [clingo.Number(y)])

    asked = [(clingo.Function("in", [clingo.Number(x)]), accepted)]
    rounds = 0
    while True:
        candidate = _first(candidates, asked)
        if candidate is None:
            return None
        ins, rng = candidate
        _, top = _first(widest, [(range_atom(y), True) for y in rng])
        if top == rng:
            return ins
        exact = _first(candidates, asked + [(range_atom(y), y in top) for y in range(m)])
        if exact is not None:
            return exact[0]
        outside = [y for y in range(m) if y not in top]
        if not outside:
            return None
        rounds += 1
        candidates.add(f"below{rounds}", [], ":- " + ", ".join(f"not range({y})" for y in outside) + ".")
        candidates.ground([(f"below{rounds}", [])])


def labellings(semantics: str, m: int, attacks: Sequence[tuple[int, int]], undec_above: Sequence[bool]) -> list[tuple[int, ...]]:
    """Every labelling (0 in, 1 out, 2 undec per argument) of a component, given what
    is upstream: framework._Component.solve's contract, computed by clingo."""
    targets: list[list[int]] = [[] for _ in range(m)]
    for a, b in attacks:
        targets[a].append(b)
    out = []
    for ins in in_sets(semantics, m, attacks, undec_above):
        label = [2] * m
        for x in ins:
            label[x] = 0
        for x in ins:
            for y in targets[x]:
                label[y] = 1
        out.append(tuple(label))
    return out
