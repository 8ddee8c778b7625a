"""Three-way merge of two versions of a 10k-claim map, 500 edits on each side
(issue 16's goal: under 1 s). The edits are the editor's (edit API): rewordings,
new reasons and objections (whose ids collide across the sides and are renamed),
deletions; made before the clock starts."""

from __future__ import annotations

import random

from argmap import edit
from argmap.analysis.merge import merge_maps
from argmap.analysis.merge_resolve import resolve, resolve_all
from argmap.store import dumps, load_map
from benchmarks.harness import median_ms, synthetic_map, table

CLAIMS = 10_000
EDITS = 500


def edited(base, seed: int):
    m = base.model_copy(deep=True)
    rng = random.Random(seed)
    history = edit.History(m)
    for n in range(EDITS):
        claim = rng.choice(m.claims).id
        kind = rng.random()
        if kind < 0.5:
            change = edit.edit_text(claim, f"Reworded on side {seed}, edit {n}.")
        elif kind < 0.9:
            change = (edit.add_reason if kind < 0.7 else edit.add_objection)(claim, f"New on side {seed}, {n}.")
        else:
            change = edit.delete_argument(rng.choice(m.arguments).id)
        try:
            history.apply(change)
        except edit.EditError:
            pass
    return m


def run() -> str:
    base = load_map(synthetic_map(CLAIMS)).document
    ours, theirs = edited(base, 1), edited(base, 2)
    result = merge_maps(base, ours, theirs)
    label = (f"{CLAIMS:,} claims, {EDITS} edits a side: {len(result.conflicts)} conflicts, "
             f"{len(result.renamed)} ids renamed")
    rows = [
        [label + " (merge)", median_ms(lambda: merge_maps(base, ours, theirs), repeat=5)],
        ["same, merge and write canonical JSON", median_ms(lambda: dumps(merge_maps(base, ours, theirs).map), repeat=5)],
        ["resolve one conflict (a new map each time)", median_ms(lambda: resolve(result.map, 0, "theirs"), repeat=5)],
        [f"resolve all {len(result.conflicts)} conflicts taking ours (resolve --all)",
         median_ms(lambda: resolve_all(result.map, "ours"), repeat=3)],
    ]
    return table("Three-way merge (median ms; goal < 1,000)", ["merge", "ms"], rows)
