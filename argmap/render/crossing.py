"""Fewer crossing links in a comparison: order each side's arguments by where
their partners sit on the other side (the barycentre heuristic of layered graph
drawing, Sugiyama et al. 1981), within the outline's own order constraints.

An outline may only reorder siblings: the arguments on one claim (their whole
branches move with them). Each argument's key is the mean position, on the
other side, of the rows linked to any claim in its branch; an argument with no
link in its branch keeps its place. Sides are reordered in turn, a few rounds,
and the order with the fewest crossings is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from argmap.analysis.structure import MapIndex

ROUNDS = 4


def crossings(pairs: Iterable[tuple[int, int]]) -> int:
    """How many pairs of straight links between two columns of rows cross: links
    (a, b) and (c, d) cross when a < c and b > d (or the other way round)."""
    pairs = sorted(pairs)
    count = 0
    for i, (a, b) in enumerate(pairs):
        for c, d in pairs[i + 1 :]:
            if a != c and b > d:
                count += 1
    return count


def branch_claims(idx: MapIndex) -> dict[str, set[str]]:
    """Argument id -> the claims in its branch: its premises, and everything
    argued for or against them or against it, all the way down."""
    memo: dict[str, set[str]] = {}
    for a in idx.map.arguments:
        if a.id in memo:
            continue
        # Iterative post-order, so deep chains do not hit the recursion limit.
        stack, path = [a.id], set()
        while stack:
            x = stack[-1]
            if x in memo:
                stack.pop()
                continue
            arg = idx.arguments[x]
            kids = [u.id for u in idx.targeting.get(x, ())]
            for p in arg.premises:
                kids += [k.id for k in idx.targeting.get(p, ())]
            todo = [k for k in kids if k not in memo and k not in path]
            if todo:
                path.add(x)
                stack.extend(todo)
                continue
            stack.pop()
            path.discard(x)
            claims = set(arg.premises)
            for k in kids:
                claims |= memo.get(k, set())
            memo[x] = claims
    return memo


def keys(branches: dict[str, set[str]], partner_pos: dict[str, list[float]], own_pos: dict[str, float]) -> dict[str, float]:
    """Argument id -> sort key: the mean partner position of its branch's links,
    else the position of its first row now."""
    out: dict[str, float] = {}
    for arg_id, claims in branches.items():
        found = [x for c in claims for x in partner_pos.get(c, ())]
        if found:
            out[arg_id] = sum(found) / len(found)
        else:
            first = [own_pos[c] for c in claims if c in own_pos]
            out[arg_id] = min(first) if first else 0.0
    return out


def minimise(
    links: list[tuple[str, str]],
    left_idx: MapIndex,
    right_idx: MapIndex,
    build: Callable[[dict[str, float] | None, dict[str, float] | None], tuple[dict[str, int], dict[str, int]]],
) -> tuple[dict[str, float] | None, dict[str, float] | None, int, int]:
    """Order keys for both sides with the fewest crossings found.

    `links`: (left claim, right claim). `build(left_keys, right_keys)` lays both
    sides out and returns each side's claim -> row. Returns (left keys, right
    keys, crossings in file order, crossings after)."""
    left_branches, right_branches = branch_claims(left_idx), branch_claims(right_idx)

    def count(rows: tuple[dict[str, int], dict[str, int]]) -> int:
        lrow, rrow = rows
        return crossings((lrow[a], rrow[b]) for a, b in links if a in lrow and b in rrow)

    def positions(rows: dict[str, int]) -> dict[str, float]:
        n = max(rows.values(), default=0) + 1
        return {c: i / n for c, i in rows.items()}

    def partners(rows: dict[str, int], side: int) -> dict[str, list[float]]:
        pos = positions(rows)
        out: dict[str, list[float]] = {}
        for pair in links:
            mine, theirs = pair[side], pair[1 - side]
            if theirs in pos:
                out.setdefault(mine, []).append(pos[theirs])
        return out

    lkeys = rkeys = None
    rows = build(None, None)
    before = best = count(rows)
    best_keys = (None, None)
    for _ in range(ROUNDS):
        if best == 0:
            break
        rkeys = keys(right_branches, partners(rows[0], 1), positions(rows[1]))
        rows = build(lkeys, rkeys)
        if (n := count(rows)) < best:
            best, best_keys = n, (lkeys, rkeys)
        lkeys = keys(left_branches, partners(rows[1], 0), positions(rows[0]))
        rows = build(lkeys, rkeys)
        if (n := count(rows)) < best:
            best, best_keys = n, (lkeys, rkeys)
    return best_keys[0], best_keys[1], before, best
