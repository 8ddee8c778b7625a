"""Interchange: importing a 2,000-statement Argdown file, against Argdown's own CLI.

The Argdown file is the Argdown export of the synthetic 2,000-claim map (claims with
evidence as data, linked premises, attacks and undercuts). The reference,
@argdown/cli 1.7.5, is installed from the npm registry into /tmp/argdown-cli the
first time (Node.js and npm needed; the rows are skipped without them). It is never
a test dependency.
"""

from __future__ import annotations

import gc
import json
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks.harness import BIN, generated_file, median_ms, median_wall_ms, table

REFERENCE_DIR = Path("/tmp/argdown-cli")
REFERENCE_BIN = REFERENCE_DIR / "node_modules" / ".bin" / "argdown"
CLAIMS = 2000

_INPROC_JS = r"""
const { argdown } = require('@argdown/node');
const text = require('fs').readFileSync(process.argv[2], 'utf8');
const times = []; let resp;
for (let i = 0; i < 6; i++) {
  const t0 = process.hrtime.bigint();
  resp = argdown.run({ input: text, process: ['parse-input', 'build-model'], logLevel: 'error' });
  if (i > 0) times.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ median_ms: times[2], statements: Object.keys(resp.statements).length,
  arguments: Object.keys(resp.arguments).length, errors: (resp.parserErrors || []).length }));
"""


def argdown_file(claims: int = CLAIMS, seed: int = 1) -> Path:
    from argmap.formats.argdown_export import to_argdown

    return generated_file(claims, seed, "argdown", to_argdown)


def ensure_reference() -> bool:
    if REFERENCE_BIN.exists():
        return True
    if not shutil.which("npm") or not shutil.which("node"):
        return False
    REFERENCE_DIR.mkdir(parents=True, exist_ok=True)
    subprocess.run(["npm", "init", "-y"], cwd=REFERENCE_DIR, check=True, capture_output=True)
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", "@argdown/cli@1.7.5"], cwd=REFERENCE_DIR, check=True, capture_output=True)
    return REFERENCE_BIN.exists()


def cpu_ms(fn, repeat: int = 5) -> float:
    """Median CPU time (user + system) of fn in this process: less sensitive than wall
    time to other programs sharing the cores."""
    fn()
    times = []
    for _ in range(repeat):
        gc.collect()  # the previous run's garbage is not this run's cost
        t0 = time.process_time()
        fn()
        times.append((time.process_time() - t0) * 1000)
    return statistics.median(times)


def child_cpu_ms(cmd: list[str], repeat: int = 3) -> float:
    """Median CPU time (user + system, all threads) of a whole command."""
    times = []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
    return statistics.median(times)


def run() -> str:
    from argmap.formats import export_text, import_argdown_text
    from benchmarks.generate import generate

    source = argdown_file()
    text = source.read_text(encoding="utf-8")
    m = import_argdown_text(text, source, source.stem)
    from argmap.formats.argdown import parse

    statements = len(parse(text).statements)
    rows: list[list[object]] = []
    work = lambda: import_argdown_text(text, source, source.stem)  # noqa: E731
    inproc = median_ms(work, repeat=5)
    inproc_cpu = cpu_ms(work)
    rows.append(["argmap, in-process (parse + map + validate)", inproc, inproc_cpu, ""])
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.json"
        cmd = [str(BIN / "argmap"), "import", str(source), "-o", str(out), "--force"]
        command = median_wall_ms(cmd, repeat=5)
        command_cpu = child_cpu_ms(cmd)
        rows.append(["`argmap import` command (start-up included)", command, command_cpu, ""])
        if ensure_reference():
            ref_cmd = ["node", str(REFERENCE_BIN), "json", str(source), tmp]
            ref_wall = median_wall_ms(ref_cmd, repeat=3)
            ref_cpu = child_cpu_ms(ref_cmd)
            script = REFERENCE_DIR / "argmap-bench-inproc.js"  # resolves @argdown/node from there
            script.write_text(_INPROC_JS, encoding="utf-8")
            ref = json.loads(
                subprocess.run(["node", str(script), str(source)], cwd=REFERENCE_DIR, check=True, capture_output=True, text=True).stdout
            )
            assert ref["statements"] == statements and ref["errors"] == 0
            rows.append(
                [
                    "`argdown json` 1.7.5 command",
                    ref_wall,
                    ref_cpu,
                    f"wall: {ref_wall / command:.1f}x (command), {ref_wall / inproc:.1f}x (in-process); "
                    f"CPU: {ref_cpu / command_cpu:.1f}x (command), {ref_cpu / inproc_cpu:.1f}x (in-process)",
                ]
            )
            rows.append(["Argdown 1.7.5 in-process, warm JIT (parse-input + build-model)", ref["median_ms"], "-", f"wall: {ref['median_ms'] / inproc:.1f}x (in-process)"])
        else:
            rows.append(["`argdown json` (Node.js/npm not available)", "-", "-", ""])
    title = (
        f"Import {source.stat().st_size // 1024} KiB of Argdown: {statements:,} statements, "
        f"{len(m.arguments):,} arguments in the map (median ms)"
    )
    out = table(title, ["what", "wall ms", "CPU ms", "argmap is faster by"], rows)

    big = generate(CLAIMS, 1)
    export_rows = [[fmt, median_ms(lambda fmt=fmt: export_text(big, fmt), repeat=5)] for fmt in ("argdown", "aif", "graphml", "markdown", "mermaid")]
    out += "\n" + table(f"Export the {CLAIMS:,}-claim map (median ms)", ["format", "ms"], export_rows)

    from argmap.formats.aif import from_aif

    aif = json.loads(export_text(big, "aif"))
    aif_ms = median_ms(lambda: from_aif(aif, "bench.json", "bench"), repeat=5)
    out += "\n" + table(f"Import the AIF export of the {CLAIMS:,}-claim map (median ms)", ["what", "ms"], [["from_aif (parsed JSON -> map)", aif_ms]])
    return out


if __name__ == "__main__":
    print(run())
