"""What decides a verdict, and the joint verdict of a comparison (issue 12).

Goal: `evaluate --why` (decisive claims) on a 1,000-claim map in under 1 s, fast
enough for the TUI. Maps are generated (benchmarks/generate.py, seeds 1-3) and the
bundled comparison is judged as one debate.
"""

from __future__ import annotations

from benchmarks.harness import BIN, REPO, median_ms, median_wall_ms, synthetic_map, table


def run() -> str:
    from argmap.analysis.evaluation.joint import evaluate_comparison
    from argmap.analysis.evaluation.why import explain_comparison, explain_map
    from argmap.store import load_comparison_with_maps, load_map

    rows = []
    for n in (100, 1_000, 10_000):
        for seed in (1, 2, 3):
            m = load_map(synthetic_map(n, seed)).document
            w = explain_map(m)
            found = (f"{w.decisive.count if w.decisive.count is not None else '>=' + str(len(w.decisive.sets))} of size {w.decisive.size}"
                     if w.decisive.sets else f"none up to size {w.decisive.searched}")
            rows.append([f"{n:,}", seed, w.label, found, "yes" if w.decisive.exact else "no",
                         median_ms(lambda: explain_map(m), repeat=5)])
    lc = load_comparison_with_maps(REPO / "maps" / "russia-china.compare.json")
    left, right, c = lc.left.document, lc.right.document, lc.comparison.document
    bundled = [
        ["joint labels (evaluate_comparison)", median_ms(lambda: evaluate_comparison(left, right, c))],
        ["decisive claims of both theses (explain_comparison)", median_ms(lambda: explain_comparison(left, right, c))],
        ["`argmap evaluate X.compare.json --why --json` (wall, start-up included)",
         median_wall_ms([str(BIN / "argmap"), "evaluate", str(REPO / "maps" / "russia-china.compare.json"), "--why", "--json"])],
    ]
    return (
        table("Decisive claims of a generated map (explain_map, grounded, ms, median of 5)",
              ["claims", "seed", "thesis", "decisive sets", "exact", "ms"], rows)
        + "\n"
        + table("The bundled comparison judged as one debate (ms, median)", ["what", "ms"], bundled)
    )


if __name__ == "__main__":
    print(run())
