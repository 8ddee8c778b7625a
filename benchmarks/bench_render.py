"""Diagrams: DOT generation, `argmap render` against `dot` alone, layout engines.

    python -m benchmarks render

Goals (issue 4): DOT for 10k claims in under 200 ms; `argmap render` of a 2,000-claim
map within 10% of running `dot` alone on the same DOT file.
"""

from __future__ import annotations

import gc
import resource
import shutil
import statistics
import subprocess
import time

from benchmarks.harness import BIN, DATA, REPO, synthetic_map, table


def _run(cmd: list[str]) -> tuple[float, float]:
    """Wall and CPU (user + system, of the command and its children) milliseconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = (time.perf_counter() - t0) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    return wall, cpu


def _wall(cmd: list[str]) -> float:
    return _run(cmd)[0]


def _paired(a: list[str], b: list[str], repeat: int = 5) -> tuple[tuple[float, float], tuple[float, float]]:
    """Median (wall, CPU) of two commands run alternately, so that a busy spell on
    the machine hits both alike, after one warm-up run of each."""
    _run(a), _run(b)
    ra, rb = [], []
    for _ in range(repeat):
        ra.append(_run(a))
        rb.append(_run(b))
    med = lambda runs, i: statistics.median(r[i] for r in runs)  # noqa: E731
    return (med(ra, 0), med(ra, 1)), (med(rb, 0), med(rb, 1))


def _min_median_ms(fn, repeat: int = 9) -> tuple[float, float]:
    fn()
    times = []
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return min(times), statistics.median(times)


def dot_generation() -> str:
    from argmap.render import comparison_to_dot, map_to_dot
    from argmap.store import load_map

    rows = []
    for n in (1_000, 10_000):
        m = load_map(synthetic_map(n)).document
        rows.append([f"{n:,}", "map_to_dot", *_min_median_ms(lambda: map_to_dot(m)), "< 200 ms" if n == 10_000 else ""])
    left = load_map(synthetic_map(1_000, seed=1)).document
    right = load_map(synthetic_map(1_000, seed=2)).document
    for layout in ("outline", "trees"):
        rows.append(["2 x 1,000", f"comparison_to_dot ({layout})",
                     *_min_median_ms(lambda: comparison_to_dot(None, left, right, layout=layout)), ""])
    return table("DOT generation (ms, in process, 9 runs)", ["claims", "what", "min", "median", "goal"], rows)


def render_vs_dot() -> str:
    """`argmap render` against `dot` on the DOT file that `argmap render` itself
    writes with the same options, so both lay out exactly the same graph; the two
    drawings must come out byte-identical."""
    path = synthetic_map(2_000)
    rows = []
    for layout in ("auto", "tree"):
        dot_file = DATA / f"map-2000-1.{layout}.dot"
        argmap = [str(BIN / "argmap"), "render", str(path), "--layout", layout, "--fit", "none"]
        subprocess.run([*argmap, "-o", str(dot_file)], check=True, stdout=subprocess.DEVNULL)
        for fmt in ("svg", "png"):
            ours_out, alone_out = DATA / f"render.{layout}.{fmt}", DATA / f"dot-alone.{layout}.{fmt}"
            (ours, ours_cpu), (alone, alone_cpu) = _paired(
                [*argmap, "-o", str(ours_out)], ["dot", f"-T{fmt}", str(dot_file), "-o", str(alone_out)],
            )
            same = "yes" if ours_out.read_bytes() == alone_out.read_bytes() else "NO"
            rows.append([_LAYOUT_NAMES[layout], fmt, same, ours, alone, f"{ours / alone:.2f}",
                         ours_cpu, alone_cpu, f"{ours_cpu / alone_cpu:.2f}", "<= 1.10"])
    return table(
        "argmap render vs dot alone, 2,000-claim map (medians of 5 alternated runs, ms)",
        ["layout", "format", "same output", "render wall", "dot wall", "ratio", "render CPU", "dot CPU",
         "CPU ratio", "goal"],
        rows,
    )


_LAYOUT_NAMES = {"auto": "auto (outline: the default)", "tree": "tree (--layout tree)"}


def engines() -> str:
    from argmap.render import map_to_dot
    from argmap.store import load_map

    rows = []
    for n, engines_here in ((2_000, ("dot", "sfdp", "neato")), (5_000, ("dot", "sfdp"))):
        dot_file = DATA / f"map-{n}-1.dot"
        dot_file.write_text(map_to_dot(load_map(synthetic_map(n)).document), encoding="utf-8")
        for engine in engines_here:
            times = [_wall([engine, "-Tsvg", str(dot_file), "-o", str(DATA / f"{engine}.svg")]) for _ in range(3)]
            rows.append([f"{n:,}", engine, statistics.median(times)])
    return table("Layout engines, SVG (median wall ms, 3 runs)", ["claims", "engine", "ms"], rows)


def crossings() -> str:
    """Link crossings in the bundled comparison: sides in file order, then ordered
    by crossing.py (barycentre rounds within the outline's order constraints)."""
    from argmap.render.compare_dot import link_crossings
    from argmap.store import load_comparison_with_maps

    lc = load_comparison_with_maps(REPO / "maps" / "russia-china.compare.json")
    rows = []
    for detail in ("focus", "short"):
        before, after = link_crossings(lc.comparison.document, lc.left.document, lc.right.document, detail)
        rows.append([f"--detail {detail}", len(lc.comparison.document.links), before, after])
    return table("Crossing links, bundled comparison", ["diagram", "links", "file order", "ordered"], rows)


def fitting() -> str:
    """What fitting a figure to a page costs: each candidate layout is drawn by dot
    to be measured (median of 3, ms)."""
    from argmap.render.fit import PAGES, map_figure
    from argmap.store import load_map

    rows = []
    for name, layout in (("informal-alliance", "auto"), ("informal-alliance", "tree")):
        m = load_map(REPO / "maps" / f"{name}.json").document
        for fit in (None, PAGES["a4"]):
            times = []
            for _ in range(3):
                start = time.perf_counter()
                map_figure(m, fit, layout=layout)
                times.append((time.perf_counter() - start) * 1000)
            rows.append([f"{name} ({len(m.claims)} claims)", layout, "a4" if fit else "none", round(statistics.median(times), 1)])
    return table("DOT of a bundled map, --fit a4 against --fit none (ms, median of 3)", ["map", "layout", "fit", "ms"], rows)


def run() -> str:
    parts = [dot_generation(), crossings()]
    if shutil.which("dot"):
        parts += [fitting(), render_vs_dot(), engines()]
    else:
        parts.append("(Graphviz `dot` not installed: render timings skipped)\n")
    return "\n".join(parts)


if __name__ == "__main__":
    print(run())
