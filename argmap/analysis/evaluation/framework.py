"""Dung abstract argumentation frameworks and their semantics, without recursion.

A framework is a set of named arguments and an attack relation. Semantics are
computed on labellings (in / out / undec):

- grounded: the least complete labelling, by the linear-time fixpoint (an argument
  is in when all its attackers are out, out when some attacker is in);
- complete, preferred, stable: the grounded labelling first (it is part of every
  complete labelling), then the still-undecided rest is split into weakly connected
  parts (independent of each other) and, inside each part, into strongly connected
  components processed in topological order (SCC-recursiveness, Baroni, Giacomin and
  Guida 2005). Each component is solved given the labels of the components that
  attack it, by a depth-first labelling search (try in, then out, then undec) with
  constraint propagation of the complete-labelling conditions in both directions;
  preferred keeps the labellings with maximal in-sets and prunes branches that can
  only reach subsets of one already found; stable allows no undec. A component that
  is dense or large goes to clingo instead (asp.py, our encodings in encodings/*.lp;
  the rule and its measurements are at use_clingo).
- sceptical labels (in/out in every extension) without listing the extensions: a
  dynamic programme over the components of each part (see _part_sceptical).

Every loop is iterative: frameworks of 100k arguments or long attack chains never
hit Python's recursion limit.
"""

from __future__ import annotations

import math
import threading
import time
from collections import namedtuple
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import product

from argmap.analysis.graph import strongly_connected_components
from argmap.errors import ArgmapError
from argmap.gcpause import collector_paused

IN, OUT, UNDEC = 0, 1, 2

SEMANTICS = ("grounded", "preferred", "stable")
SCC_SEMANTICS = ("grounded", "complete", "preferred", "stable")  # solved here
FRAMEWORK_SEMANTICS = (*SCC_SEMANTICS, "admissible", "semi-stable", "stage", "ideal")  # more_semantics.py

DEFAULT_MAX_EXTENSIONS = 100_000
# From this many attacks numpy sorts and merges them (4x faster at 1.5M attacks); below
# it, importing numpy (~60 ms) would cost more than it saves.
NUMPY_FROM = 50_000


def describe_count(n: int) -> str:
    """A count for people: exact up to 10^15, else a power of two (extension counts
    can have thousands of digits, more than str() converts)."""
    if n < 10**15:
        return f"{n:,}"
    return f"about 2^{math.log2(n):.0f}"


class TooManyExtensions(ArgmapError):
    """More extensions than the caller is willing to enumerate."""


MAX_SEARCH_WORK = 5_000_000  # attackers read while searching: about 2 s; the hardest frameworks need 2^n
MAX_CLINGO_SECONDS = 30.0  # wall clock of clingo's searches in one evaluation
_TOO_ENTANGLED = ("the disputes are too entangled to settle under this semantics in reasonable time; "
                  "grounded semantics answers at once")


class TooMuchWork(TooManyExtensions):
    """The search for labellings read more attacks than MAX_SEARCH_WORK, or clingo's
    searches took more than MAX_CLINGO_SECONDS: stop and say so rather than run for
    hours (preferred/stable/complete are NP-hard)."""


class _Budget(threading.local):
    """Search steps left, and when clingo must stop, for the evaluation running in
    this thread (entry points open one with `running()`; nested entry points share
    the outer one)."""

    left: int | None = None
    steps: int = MAX_SEARCH_WORK
    seconds: float = MAX_CLINGO_SECONDS
    deadline: float | None = None  # time.monotonic()

    def current(self) -> _Budget:
        return self

    def spend(self, work: int) -> None:
        if self.left is None:
            return
        self.left -= work
        if self.left < 0:
            raise TooMuchWork(f"stopped after {self.steps:,} steps of search: {_TOO_ENTANGLED}")

    def clingo_seconds_left(self) -> float | None:
        """None: no evaluation is running, clingo may take its time."""
        return None if self.deadline is None else self.deadline - time.monotonic()

    def out_of_time(self) -> TooMuchWork:
        return TooMuchWork(f"stopped after {self.seconds:g} s of search by clingo: {_TOO_ENTANGLED}")

    @contextmanager
    def running(self, steps: int | None = None, clingo_seconds: float | None = None) -> Iterator[None]:
        if self.left is not None:
            yield
            return
        self.steps = self.left = MAX_SEARCH_WORK if steps is None else steps
        self.seconds = MAX_CLINGO_SECONDS if clingo_seconds is None else clingo_seconds
        self.deadline = time.monotonic() + self.seconds
        try:
            yield
        finally:
            self.left = self.deadline = None


def search_budget(steps: int | None = None, clingo_seconds: float | None = None):
    """A context in which evaluations stop (TooMuchWork) after `steps` of our own
    search or `clingo_seconds` of clingo's instead of the defaults (MAX_SEARCH_WORK,
    MAX_CLINGO_SECONDS); the evaluations inside share it."""
    return _budget.running(steps, clingo_seconds)


_budget = _Budget()


class Framework:
    """Arguments 0..n-1 with names; attacks as sorted adjacency lists both ways.

    Build with `Framework.build(names, attacks)`; duplicate attacks are merged.
    Immutable, compared by value. Not a dataclass, nor are the other records on the
    way from a framework file to its answer: `dataclasses` imports `inspect`, ~6 ms
    of the ~40 that `argmap evaluate` spends on a small framework (issue 20).
    """

    __slots__ = ("names", "attackers", "targets")
    names: tuple[str, ...]
    attackers: tuple[tuple[int, ...], ...]  # per argument, who attacks it
    targets: tuple[tuple[int, ...], ...]  # per argument, whom it attacks

    def __init__(self, names: tuple[str, ...], attackers: tuple[tuple[int, ...], ...], targets: tuple[tuple[int, ...], ...]):
        for field, value in (("names", names), ("attackers", attackers), ("targets", targets)):
            object.__setattr__(self, field, value)

    def __setattr__(self, name: str, value) -> None:
        raise AttributeError(f"Framework is immutable: cannot set {name!r}")

    def _fields(self) -> tuple:
        return self.names, self.attackers, self.targets

    def __eq__(self, other) -> bool:
        return self._fields() == other._fields() if isinstance(other, Framework) else NotImplemented

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return f"Framework(names={self.names!r}, attackers={self.attackers!r}, targets={self.targets!r})"

    @classmethod
    def build(cls, names: Sequence[str], attacks: Iterable[tuple[int, int]]) -> Framework:
        """`attacks` are (attacker, attacked) index pairs into `names`."""
        if isinstance(attacks, list) and len(attacks) >= NUMPY_FROM:
            import numpy as np
            from itertools import chain

            flat = np.fromiter(chain.from_iterable(attacks), dtype=np.int64, count=2 * len(attacks))
            return cls.from_arrays(names, flat[0::2], flat[1::2])
        with collector_paused():
            return cls._build(names, attacks)

    @classmethod
    def from_arrays(cls, names: Sequence[str], attackers, attacked) -> Framework:
        """From two numpy integer arrays of argument indices (attack i: attackers[i]
        attacks attacked[i]); for large frameworks, sorted and merged by numpy."""
        import numpy as np

        with collector_paused():
            n = len(names)
            _check_unique(names)
            src, dst = np.asarray(attackers, dtype=np.int64), np.asarray(attacked, dtype=np.int64)
            bad = (src < 0) | (src >= n) | (dst < 0) | (dst >= n)
            if bad.any():
                i = int(np.argmax(bad))
                raise ValueError(f"attack ({src[i]}, {dst[i]}) names an argument outside 0..{n - 1}")
            keys = np.sort(src * n + dst)  # by attacker, then attacked (np.unique hashes: 50x slower)
            keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))] if len(keys) else keys
            a, b = np.divmod(keys, n)
            b2, a2 = np.divmod(np.sort(b * n + a), n)  # by attacked, then attacker
            return cls(tuple(names), _grouped(b2, a2, n), _grouped(a, b, n))

    @classmethod
    def _build(cls, names: Sequence[str], attacks: Iterable[tuple[int, int]]) -> Framework:
        n = len(names)
        _check_unique(names)
        keys: set[int] = set()  # a * n + b: merges duplicates, sorts fast
        for a, b in attacks:
            if not (0 <= a < n and 0 <= b < n):
                raise ValueError(f"attack ({a}, {b}) names an argument outside 0..{n - 1}")
            keys.add(a * n + b)
        att: list[list[int]] = [[] for _ in range(n)]
        tgt: list[list[int]] = [[] for _ in range(n)]
        for key in sorted(keys):  # ordered: adjacency lists come out sorted
            a, b = divmod(key, n)
            tgt[a].append(b)
            att[b].append(a)
        return cls(tuple(names), tuple(map(tuple, att)), tuple(map(tuple, tgt)))

    @classmethod
    def from_names(cls, names: Sequence[str], attacks: Iterable[tuple[str, str]]) -> Framework:
        index = {name: i for i, name in enumerate(names)}
        return cls.build(names, [(index[a], index[b]) for a, b in attacks])

    def __len__(self) -> int:
        return len(self.names)

    @property
    def attack_count(self) -> int:
        return sum(len(t) for t in self.targets)

    def attacks(self) -> Iterator[tuple[int, int]]:
        for a, ts in enumerate(self.targets):
            for b in ts:
                yield a, b

    def extension_names(self, ext: Iterable[int]) -> list[str]:
        return sorted(self.names[i] for i in ext)


def _check_unique(names: Sequence[str]) -> None:
    if len(set(names)) != len(names):
        seen: set[str] = set()
        dup = next(x for x in names if x in seen or seen.add(x))
        raise ValueError(f"duplicate argument name {dup!r}")


def _grouped(keys, values, n: int) -> tuple[tuple[int, ...], ...]:
    """Per key 0..n-1, the tuple of its values; `keys` sorted (numpy arrays)."""
    import numpy as np

    ends = np.cumsum(np.bincount(keys, minlength=n)).tolist()
    vals = values.tolist()
    out = []
    start = 0
    for end in ends:
        out.append(tuple(vals[start:end]))
        start = end
    return tuple(out)


# ---------------------------------------------------------------- grounded


def grounded_labelling(af: Framework) -> list[int]:
    """The grounded labelling in O(arguments + attacks)."""
    targets = af.targets
    remaining = [len(a) for a in af.attackers]  # attackers not (yet) out
    label = [UNDEC] * len(remaining)
    stack = [x for x, r in enumerate(remaining) if r == 0]
    for x in stack:
        label[x] = IN
    while stack:
        x = stack.pop()
        for y in targets[x]:
            if label[y] != UNDEC:
                continue  # already out (an in argument is never attacked by an in one)
            label[y] = OUT
            for z in targets[y]:
                remaining[z] -= 1
                if remaining[z] == 0 and label[z] == UNDEC:
                    label[z] = IN
                    stack.append(z)
    return label


# ---------------------------------------------------------------- search inside one component

# Domains of the labelling search: sets of possible labels as bits.
D_IN, D_OUT, D_UNDEC = 1, 2, 4
_BIT_LABEL = {D_IN: IN, D_OUT: OUT, D_UNDEC: UNDEC}


class _Component:
    """Labelling search over one strongly connected component, given its upstream.

    Each argument x has a domain of possible labels; the constraint of x is the
    complete-labelling condition: in iff every attacker is out, out iff some attacker
    is in, else undec. `undec_above[x]`: x has an undecided attacker upstream (it acts
    as an attacker fixed to undec). Propagation applies the constraint forwards (from
    attackers to x) and backwards (from x to its attackers) until nothing changes.
    """

    def __init__(self, att: list[list[int]], tgt: list[list[int]], undec_above: list[bool]):
        self.att = att
        self.tgt = tgt
        self.undec_above = undec_above
        self.m = len(att)
        self.work = 0  # attackers read by propagate since the budget was last charged

    def propagate(self, dom: list[int], start: Iterable[int]) -> bool:
        """Narrow the domains until nothing changes; False on a contradiction."""
        att, tgt, undec_above = self.att, self.tgt, self.undec_above
        queued = bytearray(self.m)
        queue = []
        for x in start:
            if not queued[x]:
                queued[x] = 1
                queue.append(x)
        changed: list[int] = []  # arguments whose domain shrank in this round

        work = 0
        try:
            while queue:
                x = queue.pop()
                queued[x] = 0
                atts = att[x]
                work += 1 + len(atts)  # what this step costs: its attackers are read
                vu = undec_above[x]
                poss_in = poss_undec = not_surely_out = 0
                last_in = last_undec = last_not_out = -1
                surely_in = cannot_be_out = False
                for a in atts:
                    da = dom[a]
                    if da & D_IN:
                        poss_in += 1
                        last_in = a
                        if da == D_IN:
                            surely_in = True
                    if da & D_UNDEC:
                        poss_undec += 1
                        last_undec = a
                    if da != D_OUT:
                        not_surely_out += 1
                        last_not_out = a
                        if not da & D_OUT:
                            cannot_be_out = True
                # forwards: what the attackers allow x to be
                mask = 7
                if surely_in:
                    mask &= D_OUT
                if not_surely_out == 0 and not vu:
                    mask &= D_IN
                if poss_in == 0:
                    mask &= ~D_OUT
                if cannot_be_out or vu:
                    mask &= ~D_IN
                if poss_undec == 0 and not vu:
                    mask &= ~D_UNDEC
                d = dom[x] & mask
                if not d:
                    return False
                if d != dom[x]:
                    dom[x] = d
                    changed.append(x)
                # backwards: what x requires of its attackers
                if d == D_IN:
                    for a in atts:
                        if dom[a] != D_OUT:
                            if not dom[a] & D_OUT:
                                return False
                            dom[a] = D_OUT
                            changed.append(a)
                elif d == D_OUT:
                    if poss_in == 0:
                        return False
                    if poss_in == 1 and dom[last_in] != D_IN:
                        dom[last_in] = D_IN
                        changed.append(last_in)
                elif d == D_UNDEC and not vu:
                    if poss_undec == 0:
                        return False
                    if poss_undec == 1 and dom[last_undec] != D_UNDEC:
                        dom[last_undec] = D_UNDEC
                        changed.append(last_undec)
                if not d & D_OUT:  # x not out: no attacker may be in
                    for a in atts:
                        da = dom[a]
                        if da & D_IN:
                            if da == D_IN:
                                return False
                            dom[a] = da & ~D_IN
                            changed.append(a)
                if not d & D_IN and not vu:  # x not in: some attacker is not out
                    if not_surely_out == 0:
                        return False
                    if not_surely_out == 1:
                        da = dom[last_not_out]
                        if da & D_OUT:
                            if da == D_OUT:
                                return False
                            dom[last_not_out] = da & ~D_OUT
                            changed.append(last_not_out)
                # re-check the constraints of what changed: its own and its targets'
                for y in changed:
                    if not queued[y]:
                        queued[y] = 1
                        queue.append(y)
                    for t in tgt[y]:
                        if not queued[t]:
                            queued[t] = 1
                            queue.append(t)
                changed.clear()
        finally:
            self.work += work
        return True

    def is_complete(self, dom: list[int]) -> bool:
        for x in range(self.m):
            labs = [dom[a] for a in self.att[x]]
            if D_IN in labs:
                want = D_OUT
            elif all(v == D_OUT for v in labs) and not self.undec_above[x]:
                want = D_IN
            else:
                want = D_UNDEC
            if dom[x] != want:
                return False
        return True

    def pick(self, dom: list[int]) -> int:
        """An argument with a choice left, preferring ones that attack many others."""
        best, best_score = -1, -1
        tgt = self.tgt
        for x, d in enumerate(dom):
            if d & (d - 1):  # more than one label possible
                score = len(tgt[x])
                if score > best_score:
                    best, best_score = x, score
        return best

    def solve(self, mode: str) -> list[tuple[int, ...]]:
        """complete: every complete labelling; preferred: those with a maximal in-set;
        stable: those without undec. Depth-first, trying in, then out, then undec."""
        m = self.m
        dom = [(D_IN | D_OUT) if mode == "stable" else 7] * m
        if not self.propagate(dom, range(m)):
            return []
        preferred = mode == "preferred"
        found: list[int] = []  # in-sets as bitmasks, for maximality
        out: list[tuple[int, ...]] = []
        stack: list[tuple[list[int], int, int]] = [(dom, -1, 0)]
        budget = _budget.current()
        while stack:
            budget.spend(self.work)
            self.work = 0
            parent, x, value = stack.pop()
            if x >= 0:
                dom = parent[:]
                dom[x] = value
                if not self.propagate(dom, (x, *self.tgt[x])):
                    continue
            else:
                dom = parent
            if preferred and found:
                potential = 0
                for y, d in enumerate(dom):
                    if d & D_IN:
                        potential |= 1 << y
                if any(potential & ~e == 0 for e in found):
                    continue  # everything below is a subset of a labelling found already
            x = self.pick(dom)
            if x >= 0:
                for value in (D_UNDEC, D_OUT, D_IN):  # popped in the reverse order
                    if dom[x] & value:
                        stack.append((dom, x, value))
                continue
            if not self.is_complete(dom):
                continue
            if preferred:
                # in-sets of complete labellings found later are never supersets of
                # earlier ones (in is tried first), so only this check is needed
                ext = 0
                for y, d in enumerate(dom):
                    if d == D_IN:
                        ext |= 1 << y
                found.append(ext)
            out.append(tuple(_BIT_LABEL[d] for d in dom))
        return out


# ---------------------------------------------------------------- SCC-recursive enumeration


class _Part(namedtuple("_Part", ("components", "external"))):
    """A weakly connected part of the undecided region, its components in order;
    `external`, per component: attackers outside it (undecided region only)."""

    __slots__ = ()
    components: list[list[int]]
    external: list[list[int]]


def _parts(af: Framework, label: list[int]) -> list[_Part]:
    undecided = [x for x, lab in enumerate(label) if lab == UNDEC]
    member = [False] * len(af)
    for x in undecided:
        member[x] = True
    comps = strongly_connected_components(undecided, af.targets, member)
    comp_of: dict[int, int] = {}
    for k, comp in enumerate(comps):
        for x in comp:
            comp_of[x] = k
    # union-find over components for weak connectivity
    parent = list(range(len(comps)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    externals: list[list[int]] = []
    for k, comp in enumerate(comps):
        ext = set()
        for x in comp:
            for a in af.attackers[x]:
                if member[a] and comp_of[a] != k:
                    ext.add(a)
                    ra, rb = find(comp_of[a]), find(k)
                    if ra != rb:
                        parent[max(ra, rb)] = min(ra, rb)
        externals.append(sorted(ext))
    grouped: dict[int, _Part] = {}
    for k, comp in enumerate(comps):  # topological order is kept inside each part
        part = grouped.setdefault(find(k), _Part([], []))
        part.components.append(comp)
        part.external.append(externals[k])
    return [grouped[r] for r in sorted(grouped)]


def _upstream_status(af: Framework, comp: list[int], label: list[int]) -> tuple[int, ...]:
    """Per argument of comp, the strongest label among its attackers outside comp:
    IN if one is in, else UNDEC if one is undecided, else OUT."""
    local = set(comp)
    out = []
    for x in comp:
        status = OUT
        for a in af.attackers[x]:
            if a not in local:
                if label[a] == IN:
                    status = IN
                    break
                if label[a] == UNDEC:
                    status = UNDEC
        out.append(status)
    return tuple(out)


CLINGO_EXTRA_ATTACKS = 100
CLINGO_DENSITY = 4
CLINGO_DENSE_SIZE = 30


def use_clingo(arguments: int, attacks: int) -> bool:
    """Whether a component (its arguments that can still be in or undec, and the
    attacks among them) goes to clingo (asp.py) rather than our labelling search:
    from CLINGO_EXTRA_ATTACKS attacks more than arguments, or from CLINGO_DENSITY
    attacks per argument on CLINGO_DENSE_SIZE arguments.

    Measured 2026-12-06 (CPU ms per solution of a component: a cycle through all m
    arguments plus random attacks, d attacks per argument; complete / preferred,
    ours vs clingo; stable is cheaper for both):

        m=20 d=5:    1.1 vs 1.3     m=40 d=3:   1.9 vs 1.6     m=40 d=5:    6.7 vs 2.9
        m=80 d=3:    3.3 vs 3.2     m=80 d=5:    15 vs 3.9     m=200 d=1.5: 3.5 vs 3.7
        m=200 d=2:   9.3 vs 4.5     m=200 d=3:   32 vs 5.7     m=200 d=5:  >10 s vs 11
        m=1000 d=1:  4.4 vs 27      m=1000 d=1.1: 22 vs 12     m=1000 d=1.5: 353 vs 23
        m=5000 d=1:   24 vs 88      m=20000 d=1: 320 vs 1,400  m=20000 d=1.2: >10 s vs 3.7 s

    Our propagation wins on cycles and near-cycles of any length (one attack per
    argument closes the cycle) and on small components, where clingo's fixed cost
    (~0.5 ms a call, ~15 ms to import it once) dominates; the search's branching
    grows with the attacks beyond those, and clingo's conflict learning wins from
    about 100 extra attacks, or from 4 attacks per argument on 30 arguments.
    """
    if attacks >= arguments + CLINGO_EXTRA_ATTACKS:
        return True
    return arguments >= CLINGO_DENSE_SIZE and attacks >= CLINGO_DENSITY * arguments


def _component_options(af: Framework, comp: list[int], status: tuple[int, ...], mode: str) -> list[tuple[int, ...]]:
    """The labellings of `comp` (labels in comp order) given `status` from upstream
    (see _upstream_status).

    Arguments attacked by an upstream argument that is in are out and take no further
    part; one attacked by an undecided upstream argument cannot be in.
    """
    local = {x: i for i, x in enumerate(comp)}
    keep: list[int] = []
    undec_above: list[bool] = []
    for x, st in zip(comp, status):
        if st != IN:
            keep.append(x)
            undec_above.append(st == UNDEC)
    if mode == "stable" and any(undec_above):
        return []
    position = {x: k for k, x in enumerate(keep)}
    att: list[list[int]] = [[] for _ in keep]
    tgt: list[list[int]] = [[] for _ in keep]
    for k, x in enumerate(keep):
        for a in af.attackers[x]:
            j = position.get(a)
            if j is not None:
                att[k].append(j)
                tgt[j].append(k)
    attacks = sum(map(len, att))
    if use_clingo(len(keep), attacks):
        from argmap.analysis.evaluation.asp import labellings

        pairs = [(a, b) for b, atts in enumerate(att) for a in atts]
        solutions = labellings(mode, len(keep), pairs, undec_above)
    else:
        solutions = _Component(att, tgt, undec_above).solve(mode)
    options = []
    for labs in solutions:
        full = [OUT] * len(comp)
        for k, x in enumerate(keep):
            full[local[x]] = labs[k]
        options.append(tuple(full))
    return options


def _part_labellings(af: Framework, part: _Part, label: list[int], mode: str) -> Iterator[None]:
    """Walk every labelling of a part; each time it yields, `label` holds one.

    Depth-first over the components in topological order with an explicit stack; the
    options of a component are cached by the labels of its upstream attackers.
    """
    comps = part.components
    caches: list[dict[tuple[int, ...], list[tuple[int, ...]]]] = [{} for _ in comps]

    def options(k: int) -> list[tuple[int, ...]]:
        key = tuple(label[a] for a in part.external[k])
        cached = caches[k].get(key)
        if cached is None:
            cached = caches[k][key] = _component_options(af, comps[k], _upstream_status(af, comps[k], label), mode)
        return cached

    last = len(comps) - 1
    stack = [(0, iter(options(0)))]
    while stack:
        k, it = stack[-1]
        opt = next(it, None)
        if opt is None:
            stack.pop()
            continue
        for x, lab in zip(comps[k], opt):
            label[x] = lab
        if k == last:
            yield None
        else:
            stack.append((k + 1, iter(options(k + 1))))
    for comp in comps:  # leave the region undecided as we found it
        for x in comp:
            label[x] = UNDEC


def _check_mode(semantics: str) -> None:
    if semantics not in FRAMEWORK_SEMANTICS:
        raise ValueError(f"unknown semantics {semantics!r}; choose from {', '.join(FRAMEWORK_SEMANTICS)}")


def part_extensions(af: Framework, semantics: str, max_extensions: int | None = DEFAULT_MAX_EXTENSIONS) -> tuple[list[int], list[list[list[int]]]]:
    """The grounded extension and, per independent part, the list of its local
    extensions (the full extensions are every combination)."""
    _check_mode(semantics)
    if semantics not in SCC_SEMANTICS:
        from argmap.analysis.evaluation import more_semantics

        with _budget.running():
            return more_semantics.part_extensions(af, semantics, max_extensions)
    label = grounded_labelling(af)
    base = [x for x, lab in enumerate(label) if lab == IN]
    if semantics == "grounded":
        return base, []
    per_part = []
    with _budget.running():
        for part in _parts(af, label):
            exts = []
            for _ in _part_labellings(af, part, label, semantics):
                exts.append([x for comp in part.components for x in comp if label[x] == IN])
                if max_extensions is not None and len(exts) > max_extensions:
                    raise TooManyExtensions(f"more than {max_extensions:,} {semantics} extensions; try grounded semantics")
            per_part.append(exts)
    return base, per_part


def extensions(af: Framework, semantics: str, max_extensions: int | None = DEFAULT_MAX_EXTENSIONS) -> list[list[int]]:
    """All extensions under `semantics`, each a sorted list of argument indices, the
    list in a deterministic order (grounded: exactly one; stable: maybe none)."""
    base, per_part = part_extensions(af, semantics, max_extensions)
    total = 1
    for exts in per_part:
        total *= len(exts)
    if max_extensions is not None and total > max_extensions:
        raise TooManyExtensions(f"{describe_count(total)} {semantics} extensions, more than the limit of {max_extensions:,}")
    out = []
    for combo in product(*per_part):
        ext = list(base)
        for piece in combo:
            ext.extend(piece)
        ext.sort()
        out.append(ext)
    out.sort()
    return out


def named_extensions(af: Framework, semantics: str, max_extensions: int | None = DEFAULT_MAX_EXTENSIONS) -> list[list[str]]:
    """Extensions as sorted name lists, the list sorted: the `--json` form."""
    return sorted(af.extension_names(e) for e in extensions(af, semantics, max_extensions))


class ScepticalLabelling(namedtuple("ScepticalLabelling", ("labels", "extension_count"))):
    """Per argument: in / out in every extension, else undec; and how many there are
    (`extension_count` 0: no extension, stable only; then every label is UNDEC)."""

    __slots__ = ()
    labels: list[int]
    extension_count: int


_RANK = {OUT: 0, UNDEC: 1, IN: 2}  # how strongly an attacker's label weighs on its target


_Move = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]  # state, option, next state


def _part_dp(af: Framework, part: _Part, mode: str, max_states: int | None) -> tuple[int, list[list[_Move]]]:
    """Count the labellings of a part without enumerating them; with the moves that
    lie on complete paths, per component.

    Dynamic programming over the components in topological order. The options of a
    component depend only on the upstream status of each of its arguments (attacked by
    an in argument, else by an undecided one, else neither), so a partial labelling
    matters to the future only through the statuses it gives the arguments still to
    come that it attacks. States are those status tuples, each with the number of
    partial labellings reaching it; a move is (state, the component's option, next
    state). For stable some choices lead nowhere, so moves are pruned backwards to
    those on complete paths: every labelling of the part is one path, every path one
    labelling.
    """
    comps = part.components
    index_of = {x: k for k, comp in enumerate(comps) for x in comp}
    pending: list[int] = []  # arguments of later components attacked from processed ones
    layer: dict[tuple[int, ...], int] = {(): 1}
    steps: list[list[_Move]] = []
    cache: dict[tuple[int, tuple[int, ...]], list[tuple[int, ...]]] = {}
    for k, comp in enumerate(comps):
        position = {x: i for i, x in enumerate(pending)}
        comp_at = [position.get(x, -1) for x in comp]
        carried = [x for x in pending if index_of[x] != k]
        carried_at = [position[x] for x in carried]
        new_targets = sorted({t for x in comp for t in af.targets[x] if index_of.get(t, -1) > k} - set(carried))
        new_pending = carried + new_targets
        slot = {x: i for i, x in enumerate(new_pending)}
        hits = [[slot[t] for t in af.targets[x] if index_of.get(t, -1) > k] for x in comp]
        base_len = len(new_pending)
        nxt: dict[tuple[int, ...], int] = {}
        moves = []
        for state, count in layer.items():
            key = tuple(OUT if i < 0 else state[i] for i in comp_at)
            options = cache.get((k, key))
            if options is None:
                options = cache[(k, key)] = _component_options(af, comp, key, mode)
            start = [state[i] for i in carried_at] + [OUT] * (base_len - len(carried_at))
            for opt in options:
                to = start[:]
                for lab, targets in zip(opt, hits):
                    if lab != OUT:
                        for i in targets:
                            if _RANK[lab] > _RANK[to[i]]:
                                to[i] = lab
                to_t = tuple(to)
                nxt[to_t] = nxt.get(to_t, 0) + count
                moves.append((state, opt, to_t))
        if max_states is not None and len(nxt) > max_states:
            raise TooManyExtensions(f"more than {max_states:,} partial {mode} labellings to track; try grounded semantics")
        pending = new_pending
        layer = nxt
        steps.append(moves)
    alive = set(layer)
    for k in range(len(comps) - 1, -1, -1):
        steps[k] = [move for move in steps[k] if move[2] in alive]
        alive = {move[0] for move in steps[k]}
    return sum(layer.values()), steps


def _part_sceptical(af: Framework, part: _Part, mode: str, max_states: int | None) -> tuple[int, dict[int, int]]:
    """The number of labellings of a part and the meet of their labels (_part_dp)."""
    total, steps = _part_dp(af, part, mode, max_states)
    meet: dict[int, int] = {}
    for comp, moves in zip(part.components, steps):
        seen: list[int] | None = None
        for _, opt, _ in moves:
            if seen is None:
                seen = list(opt)
            else:
                for i, lab in enumerate(opt):
                    if seen[i] != lab:
                        seen[i] = UNDEC
        for x, lab in zip(comp, seen or ()):
            meet[x] = lab
    return total, meet


def part_witness(af: Framework, part: _Part, mode: str, x: int | None, accepted: bool,
                 max_states: int | None = DEFAULT_MAX_EXTENSIONS) -> list[int] | None:
    """The in-arguments of one labelling of the part in which argument x (of the part)
    is in (accepted) or not in (not accepted), or of any labelling when x is None;
    None if there is none.

    A path through _part_dp's moves: one move at x's component that qualifies, then
    back to the start through moves into its state and on to the end through moves
    out of its next state (every pruned move lies on a complete path).
    """
    _, steps = _part_dp(af, part, mode, max_states)
    if x is None:
        k, chosen = 0, next(iter(steps[0]), None)
    else:
        k = next(i for i, comp in enumerate(part.components) if x in comp)
        at = part.components[k].index(x)
        chosen = next((move for move in steps[k] if (move[1][at] == IN) == accepted), None)
    if chosen is None:
        return None
    path = {k: chosen}
    state = chosen[0]
    for j in range(k - 1, -1, -1):
        path[j] = next(move for move in steps[j] if move[2] == state)
        state = path[j][0]
    state = chosen[2]
    for j in range(k + 1, len(steps)):
        path[j] = next(move for move in steps[j] if move[0] == state)
        state = path[j][2]
    return sorted(y for j, comp in enumerate(part.components) for y, lab in zip(comp, path[j][1]) if lab == IN)


def sceptical_labelling(af: Framework, semantics: str, max_extensions: int | None = DEFAULT_MAX_EXTENSIONS) -> ScepticalLabelling:
    """in if in in every extension's labelling, out if out in every one, else undec.

    Never enumerates the extensions: independent parts are solved separately and,
    inside a part, a dynamic programme over the components tracks only the labels
    that later components depend on (k disputes in a row cost about 2k component
    solutions, not 2^k). `max_extensions` bounds the number of tracked states. With
    no stable extension every argument is undec and the count is 0.
    """
    if semantics not in SCC_SEMANTICS:
        raise ValueError(f"sceptical labels are for {', '.join(SCC_SEMANTICS)}, not {semantics!r}")
    label = grounded_labelling(af)
    if semantics == "grounded":
        return ScepticalLabelling(label, 1)
    result = label[:]
    count = 1
    with _budget.running():
        for part in _parts(af, label):
            seen, meet = _part_sceptical(af, part, semantics, max_extensions)
            if seen == 0:
                return ScepticalLabelling([UNDEC] * len(af), 0)
            count *= seen
            for x, lab in meet.items():
                result[x] = lab
    return ScepticalLabelling(result, count)
