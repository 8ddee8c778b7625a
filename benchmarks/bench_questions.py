"""Critical questions in the verdict (issue 19): `evaluate --questions open`.

Goal: the labelling with every argument's questions counted, and the report of which
open questions could change the verdict, on a 1,000-claim map in under 1 s (as for
`--why`). Generated maps (benchmarks/generate.py, seeds 1-3) with a catalogue scheme
drawn for every argument (fixed seed), no question answered: the worst case, about
two challenges and three open questions per argument.
"""

from __future__ import annotations

import random

from benchmarks.harness import median_ms, synthetic_map, table


def run() -> str:
    from argmap.analysis.evaluation import evaluate_map
    from argmap.analysis.evaluation.questions import challenges, question_report
    from argmap.catalogue import BUNDLED, Catalogue, read_file
    from argmap.store import load_map

    catalogue = Catalogue(read_file(BUNDLED))
    ids = [s.id for s in catalogue]
    rows = []
    for n in (100, 1_000, 10_000):
        for seed in (1, 2, 3):
            m = load_map(synthetic_map(n, seed)).document
            pick = random.Random(seed)
            for a in m.arguments:
                a.scheme = pick.choice(ids)
            counted = challenges(m, catalogue)
            label = evaluate_map(m, challenges=counted).thesis_label
            report = question_report(m, m.thesis, "grounded", "open", catalogue)
            rows.append([f"{n:,}", seed, len(counted), label, len(report.open),
                         median_ms(lambda: evaluate_map(m, challenges=challenges(m, catalogue)), repeat=5),
                         median_ms(lambda: question_report(m, m.thesis, "grounded", "open", catalogue), repeat=3)])
    return table("Questions counted (grounded, ms, median): labelling, and the report of what could change the verdict",
                 ["claims", "seed", "challenges", "thesis", "open questions", "labels ms", "report ms"], rows)


if __name__ == "__main__":
    print(run())
