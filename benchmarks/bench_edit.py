"""Structural edits on a big map: the delete and cut-and-paste checks the editor runs
on a keystroke. Each delete runs on its own copy of the map (copied before the clock
starts)."""

from __future__ import annotations

import statistics
import time

from argmap import edit
from argmap.analysis.structure import MapIndex
from argmap.store import load_map
from benchmarks.harness import median_ms, synthetic_map, table

CLAIMS = 10_000
REPEAT = 5


def _delete_ms(m, argument_id: str) -> float:
    times = []
    for copy in [m.model_copy(deep=True) for _ in range(REPEAT)]:
        t0 = time.perf_counter()
        edit.History(copy).apply(edit.delete_argument(argument_id))
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def run() -> str:
    m = load_map(synthetic_map(CLAIMS)).document
    idx = MapIndex.build(m)
    top = max(idx.children(m.thesis), key=lambda a: len(edit.subtree(m, a.id)[0]))
    leaf = next(a for a in m.arguments if not idx.children(a.id) and all(not idx.children(p) for p in a.premises))
    rows = [["subtree below the thesis (the delete prompt's count; paste's check)", median_ms(lambda: edit.subtree(m, m.thesis))]]
    for label, a in (("delete the largest top-level branch", top), ("delete a leaf argument", leaf)):
        n = len(edit.subtree(m, a.id)[0])
        rows.append([f"{label} ({n:,} claim{'s' if n != 1 else ''})", _delete_ms(m, a.id)])
    return table(f"Editing a {CLAIMS:,}-claim map (median ms)", ["edit", "ms"], rows)
