"""argmap against clingo run directly on Dung frameworks (issue 20).

Goal: on every instance of ../shared/interop/af-iccma/ and on the families below, where
clingo needs under 10 s, `argmap evaluate FILE -s S --json` within 1.5x of clingo's
process time (user + system CPU of the whole process, start-up included), or faster.

clingo is the PyPI build (`python -m clingo`) with our encodings
(argmap/analysis/evaluation/encodings/, the ASPARTIX-style definitions; preferred with
--heuristic=Domain --enum-mode=domRec) on the APX form of each framework, enumerating
every extension as argmap does. CPU rather than wall time: the benchmark machine is
shared, and waiting for a core is not work. Each cell is the median of 3 runs (1 for
the 1M-argument framework).

    python -m benchmarks iccma
"""

from __future__ import annotations

import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.harness import BIN, REPO, table

INSTANCES = REPO.parent / "shared" / "interop" / "af-iccma" / "instances"
ENCODINGS = REPO / "argmap" / "analysis" / "evaluation" / "encodings"
SEMANTICS = ("grounded", "complete", "preferred", "stable")
CLINGO_LIMIT = 10.0  # s: cells where clingo needs more are not compared (the rule)
GROUNDED = "in(X) :- arg(X), out(Y) : att(Y,X).\nout(X) :- in(Y), att(Y,X).\n#show in/1.\n"


def cpu(cmd: list[str], limit: float) -> float | None:
    """User + system CPU seconds of one run of cmd; None if it needed more than `limit`
    CPU seconds (the kernel stops it: RLIMIT_CPU; clingo catches the signal, says
    "solving stopped by signal" and exits 0, so its standard error is read) or failed
    (argmap refuses to list more than 100,000 extensions)."""
    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (int(limit) + 1, int(limit) + 2))

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:  # the wall-clock bound only guards against a hang: the machine is shared
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=20 * limit,
                              preexec_fn=limited, check=False)
    except subprocess.TimeoutExpired:
        return None
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    finished = proc.returncode == 0 and b"stopped by signal" not in proc.stderr
    return used if finished and used <= limit else None


def median_cpu(cmd: list[str], repeat: int, timeout: float) -> float | None:
    times = []
    for _ in range(repeat):
        t = cpu(cmd, timeout)
        if t is None:
            return None
        times.append(t)
    return statistics.median(times)


def clingo_cmd(apx: Path, semantics: str, programs: Path) -> list[str]:
    files = {"grounded": ["grounded"], "complete": ["base", "complete"], "preferred": ["base", "complete", "preferred"],
             "stable": ["base", "stable"]}[semantics]
    cmd = [sys.executable, "-m", "clingo", *(str(programs / f"{f}.lp") for f in files), str(apx), "0"]
    if semantics == "preferred":
        cmd += ["--heuristic=Domain", "--enum-mode=domRec"]
    return cmd


def random_af(n: int, per_argument: float, seed: int) -> tuple[int, list[tuple[int, int]]]:
    rng = random.Random(seed)
    return n, [(rng.randrange(n), rng.randrange(n)) for _ in range(int(n * per_argument))]


def write_apx(path: Path, n: int, attacks: list[tuple[int, int]]) -> Path:
    with open(path, "w") as f:
        f.write("".join(f"arg(a{i}).\n" for i in range(n)))
        f.write("".join(f"att(a{a},a{b}).\n" for a, b in attacks))
    return path


def families(tmp: Path) -> list[tuple[str, str, Path, tuple[str, ...], int]]:
    """(family, size, APX file, semantics, repeats)."""
    out = []
    for name in sorted(os.listdir(INSTANCES)) + [f"perf/{n}" for n in sorted(os.listdir(INSTANCES / "perf"))]:
        path = INSTANCES / name
        if path.is_file():
            out.append(("af-iccma", name, path, SEMANTICS, 3))
    for n, d in ((100, 5), (200, 10), (400, 5)):
        out.append(("random dense", f"{n} args, {d} attacks each", write_apx(tmp / f"dense{n}.apx", *random_af(n, d, n)), SEMANTICS, 3))
    for n in (10_000, 100_000):
        out.append(("random sparse", f"{n:,} args, 1.5 attacks each", write_apx(tmp / f"sparse{n}.apx", *random_af(n, 1.5, n)),
                    ("grounded", "preferred", "stable"), 3))
    out.append(("random sparse", "1,000,000 args, 1.5 attacks each",
                write_apx(tmp / "sparse1m.apx", *random_af(1_000_000, 1.5, 1)), ("grounded",), 1))
    return out


def large_reads(tmp: Path) -> list[list[object]]:
    """Reading 1M arguments (1.5M attacks) as ICCMA'23 and as APX, then grounded:
    CPU seconds and peak memory of the whole `argmap evaluate` process."""
    n, attacks = random_af(1_000_000, 1.5, 1)
    files = {"ICCMA'23 (.af)": tmp / "read1m.af", "APX": tmp / "read1m.apx"}
    files["ICCMA'23 (.af)"].write_text(f"p af {n}\n" + "".join(f"{a + 1} {b + 1}\n" for a, b in attacks))
    write_apx(files["APX"], n, attacks)
    out = []
    for kind, path in files.items():
        cmd = [str(BIN / "argmap"), "evaluate", str(path), "-s", "grounded", "--json"]
        code = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
                "r = resource.getrusage(resource.RUSAGE_CHILDREN); print(r.ru_utime + r.ru_stime, r.ru_maxrss)")
        used, peak = subprocess.run([sys.executable, "-c", code, *cmd], capture_output=True, text=True).stdout.split()
        out.append([kind, f"{path.stat().st_size / 2**20:.0f} MiB", f"{float(used):.1f}", f"{int(peak) / 1024:.0f}"])
    return out


def as_apx(path: Path, tmp: Path) -> Path:
    """clingo reads APX directly; other formats are converted first (not timed)."""
    if path.suffix == ".apx":
        return path
    from argmap.analysis.evaluation.af_formats import load_framework, to_apx

    out = tmp / (path.stem + ".apx")
    out.write_text(to_apx(load_framework(path)))
    return out


def run() -> str:
    rows = []
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        programs = tmp / "lp"
        programs.mkdir()
        for f in ENCODINGS.glob("*.lp"):
            (programs / f.name).write_text(f.read_text())
        (programs / "grounded.lp").write_text(GROUNDED)
        for family, size, path, sems, repeat in families(tmp):
            apx = as_apx(path, tmp)
            for semantics in sems:
                c = median_cpu(clingo_cmd(apx, semantics, programs), repeat, CLINGO_LIMIT)
                argmap = [str(BIN / "argmap"), "evaluate", str(path), "-s", semantics, "--json"]
                if c is None:  # not compared (the goal's rule); argmap once, for the record
                    a = cpu(argmap, CLINGO_LIMIT)
                else:
                    a = median_cpu(argmap, repeat, 60)
                ratio = f"{a / c:.2f}" if a is not None and c else "-"
                rows.append([family, size, semantics, f">{CLINGO_LIMIT:.0f} or refused" if a is None else f"{a:.2f}",
                             f">{CLINGO_LIMIT:.0f}" if c is None else f"{c:.2f}", ratio])
                print(" | ".join(map(str, rows[-1])), file=sys.stderr, flush=True)
        reads = large_reads(tmp)
    load = os.getloadavg()
    return (table(f"argmap vs clingo, all extensions (CPU s, median; load {load[0]:.1f} {load[1]:.1f} {load[2]:.1f})",
                  ["family", "instance / size", "semantics", "argmap", "clingo", "ratio"], rows)
            + "\n" + table("Reading 1M arguments, 1.5M attacks: `argmap evaluate FILE -s grounded --json`",
                            ["format", "file", "CPU s", "peak MiB"], reads))


if __name__ == "__main__":
    print(run())
