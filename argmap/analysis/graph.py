"""Graph algorithms shared by the analyses (lint, evaluation)."""

from __future__ import annotations

from collections.abc import Sequence


def strongly_connected_components(nodes: Sequence[int], targets: Sequence[Sequence[int]], member: Sequence[bool]) -> list[list[int]]:
    """Tarjan's algorithm (iterative) on the subgraph of `nodes` (member[x] is True for
    them), components listed in topological order: attackers before attacked."""
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    on_stack: set[int] = set()
    stack: list[int] = []
    out: list[list[int]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, 0)]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            v, i = work[-1]
            succ = targets[v]
            while i < len(succ):
                w = succ[i]
                i += 1
                if not member[w]:
                    continue
                if w not in index:
                    work[-1] = (v, i)
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, 0))
                    break
                if w in on_stack and index[w] < low[v]:
                    low[v] = index[w]
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    if low[v] < low[parent]:
                        low[parent] = low[v]
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on_stack.discard(w)
                        comp.append(w)
                        if w == v:
                            break
                    comp.sort()
                    out.append(comp)
    out.reverse()  # Tarjan finishes sinks first
    return out
