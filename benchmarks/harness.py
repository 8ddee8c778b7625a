"""Shared pieces for the benchmark modules: timing medians, cached synthetic maps,
peak memory of a child process, and a plain-text table printer."""

from __future__ import annotations

import gc
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

DATA = Path(__file__).parent / ".data"
REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def median_ms(fn: Callable[[], object], repeat: int = 7, warmup: int = 1) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
        del result  # freeing the result is not part of the work measured
    return statistics.median(times)


def median_wall_ms(cmd: list[str], repeat: int = 5) -> float:
    """Median wall time of a whole command (start-up included)."""
    def run():
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return median_ms(run, repeat=repeat, warmup=1)


def generated_file(claims: int, seed: int, suffix: str, write: Callable[[object], str | bytes]) -> Path:
    """The generated map of `claims` written by `write` (map -> file contents),
    cached in benchmarks/.data/ (not committed) as map-CLAIMS-SEED.SUFFIX."""
    from benchmarks.generate import generate

    path = DATA / f"map-{claims}-{seed}.{suffix}"
    if not path.exists():
        DATA.mkdir(exist_ok=True)
        data = write(generate(claims, seed))
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def synthetic_map(claims: int, seed: int = 1) -> Path:
    """A generated map file, cached in benchmarks/.data/ (not committed)."""
    from argmap.store import dumps

    return generated_file(claims, seed, "json", dumps)


def peak_rss_mb(cmd: list[str]) -> float:
    """Peak resident memory of a child process, in MiB (ru_maxrss of children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{cmd} exited {proc.returncode}")
    # ru_maxrss of children is the max over all children so far; run each
    # measurement in a fresh interpreter (see run_isolated) for exact numbers.
    return max(before, after) / 1024


def table(title: str, header: list[str], rows: list[list[object]]) -> str:
    cells = [header] + [[_fmt(c) for c in r] for r in rows]
    widths = [max(len(str(r[i])) for r in cells) for i in range(len(header))]
    line = lambda r: "| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |"
    out = [f"### {title}", "", line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out += [line(r) for r in cells[1:]]
    return "\n".join(out) + "\n"


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)
