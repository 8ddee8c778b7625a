"""Load+validate and save at 1k/10k/50k claims beside plain json as the floor, and the
peak memory of `argmap validate`.

Goals (issue 2): load+validate within 3x of json.loads and under 100 ms at 10k
claims; save under 100 ms at 10k; `argmap validate` of 10k claims under 120 MB peak.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.harness import BIN, REPO, median_ms, synthetic_map, table

SIZES = (1_000, 10_000, 50_000)


def _peak_mb(cmd: list[str]) -> float:
    """Peak RSS of `cmd`, measured in a fresh parent so earlier children don't count."""
    probe = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=False)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024


def measure(n: int) -> list:
    """One table row for an n-claim map. Loads are timed first, on a fresh heap: the
    save loop's garbage would slow every later allocation (both sides alike)."""
    from argmap.store import dumps, load_map, save_document

    path = synthetic_map(n)
    data = path.read_bytes()
    load = median_ms(lambda: load_map(path))
    floor_load = median_ms(lambda: json.loads(data))
    loaded = load_map(path)
    raw = json.loads(data)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "m.json"
        state = {"base": save_document(loaded.document, out, base=None)}

        def save() -> None:
            # alternate titles so every save really writes (and keeps a .bak)
            loaded.document.title = "a" if loaded.document.title != "a" else "b"
            state["base"] = save_document(loaded.document, out, base=state["base"])

        save_ms = median_ms(save)
    return [
        f"{n:,}", f"{len(data) / 1e6:.1f} MB", load, floor_load, f"{load / floor_load:.1f}x",
        save_ms, median_ms(lambda: dumps(loaded.document)), median_ms(lambda: json.dumps(raw, indent=2)),
    ]


def run() -> str:
    # Each size in its own process (as pyperf does), so one size's heap does not
    # slow the next.
    probe = "import json, sys; from benchmarks.bench_storage import measure; print(json.dumps(measure(int(sys.argv[1]))))"
    rows = [
        json.loads(subprocess.run([sys.executable, "-c", probe, str(n)], capture_output=True, text=True, check=True,
                                  cwd=REPO).stdout)
        for n in SIZES
    ]
    memory = [[f"{n:,}", _peak_mb([str(BIN / "argmap"), "validate", str(synthetic_map(n))])] for n in (1_000, 10_000)]
    baseline = _peak_mb([sys.executable, "-c", "pass"])
    return (
        table("Load and save (ms, median of 7)",
              ["claims", "file", "load+validate", "json.loads", "ratio", "save (atomic, fsync, .bak)",
               "serialise only", "json.dumps"], rows)
        + "\n"
        + table("Peak memory of `argmap validate` (MiB)", ["claims", "peak RSS"],
                memory + [["(bare python -c pass)", baseline]])
    )
