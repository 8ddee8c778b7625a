"""A live seminar under load (issue 17): a real `argmap serve` process on loopback and
20 participants (real WebSocket clients, in this process) each adding 50 claims as
fast as they can. Measured: time until every participant and the saved file hold all
1,000 claims; the host's CPU time meanwhile; and the latency of one edit from the
participant who makes it to the 19 others (goal: under 200 ms on loopback). The
machine's load average is printed with the tables: other work on its 2 cores slows
everything here."""

from __future__ import annotations

import json
import os
import re
import signal
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import anyio

from argmap import edit
from argmap.live.client import connect
from argmap.live.document import items_root
from argmap.store import dumps, new_map_document
from benchmarks.harness import BIN, table

PARTICIPANTS = 20
CLAIMS_EACH = 50
ROUNDS = 3
LATENCY_EDITS = 21


def _start_host(path: Path) -> tuple[subprocess.Popen, str]:
    host = subprocess.Popen([str(BIN / "argmap"), "serve", str(path), "--port", "0"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    while True:
        line = host.stderr.readline()
        if not line:
            raise RuntimeError("argmap serve stopped before printing the join command")
        found = re.search(r"argmap join '(ws://[^']+)'", line)
        if found:
            return host, found.group(1)


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _stop(host: subprocess.Popen) -> None:
    host.send_signal(signal.SIGTERM)
    host.communicate(timeout=60)


async def _converge_round(url: str, path: Path, host_pid: int) -> dict[str, float]:
    total = 1 + PARTICIPANTS * CLAIMS_EACH
    async with _participants(url) as replicas:
        cpu0 = _cpu_seconds(host_pid)
        t0 = time.perf_counter()

        async def add_all(replica) -> None:
            for i in range(CLAIMS_EACH):
                replica.apply(edit.add_reason("thesis", f"claim {i} from {replica.id_suffix}"))
                await anyio.sleep(0)  # let the provider send

        async with anyio.create_task_group() as tg:
            for r in replicas:
                tg.start_soon(add_all, r)
        added = time.perf_counter() - t0
        while not all(len(items_root(r.doc, "claims")) == total for r in replicas):
            await anyio.sleep(0.005)
        converged = time.perf_counter() - t0
        while _claims_in(path) != total:
            await anyio.sleep(0.02)
        saved = time.perf_counter() - t0
        cpu = _cpu_seconds(host_pid) - cpu0
        assert len({r.snapshot() for r in replicas}) == 1, "participants differ"
    return {"added": added, "converged": converged, "saved": saved, "host_cpu": cpu}


def _claims_in(path: Path) -> int:
    try:
        return len(json.loads(path.read_bytes())["claims"])
    except (ValueError, KeyError):
        return -1  # mid-write is impossible (atomic), but be safe


class _participants:
    """PARTICIPANTS connected replicas (an async context manager)."""

    def __init__(self, url: str) -> None:
        self.url = url

    async def __aenter__(self):
        from contextlib import AsyncExitStack

        self.stack = AsyncExitStack()
        await self.stack.__aenter__()
        return [await self.stack.enter_async_context(connect(self.url, f"p{i}")) for i in range(PARTICIPANTS)]

    async def __aexit__(self, *exc):
        return await self.stack.__aexit__(*exc)


async def _latencies(url: str) -> tuple[list[float], list[float]]:
    """Per edit: the median and the slowest of the 19 others' delays (ms)."""
    arrived: dict[int, float] = {}
    medians, slowest = [], []
    async with _participants(url) as replicas:
        for i, r in enumerate(replicas[1:], 1):
            r.doc.observe(lambda _e, i=i: arrived.setdefault(i, time.perf_counter()))
        writer = replicas[0]
        for n in range(LATENCY_EDITS):
            arrived.clear()
            t0 = time.perf_counter()
            writer.apply(edit.add_reason("thesis", f"keystroke {n}"))
            while len(arrived) < PARTICIPANTS - 1:
                await anyio.sleep(0.0005)
            delays = sorted((t - t0) * 1000 for t in arrived.values())
            medians.append(statistics.median(delays))
            slowest.append(delays[-1])
            await anyio.sleep(0.05)
    return medians, slowest


def _reread_ms(claims: int) -> tuple[float, float]:
    """(a participant's first read of the map, its re-read after one remote edit),
    median ms: what a participant pays per change others make."""
    from pycrdt import Doc

    from argmap.live.document import write_map
    from argmap.live.replica import Replica
    from argmap.store import load_map
    from benchmarks.harness import median_ms, synthetic_map

    m = load_map(synthetic_map(claims)).document
    host = Replica(Doc())
    write_map(host.doc, m)
    host.map

    def first_read() -> None:
        r = Replica(Doc())
        r.receive(host.update_for())
        r.map

    watcher = Replica(Doc())
    watcher.receive(host.update_for())
    watcher.map

    def reread() -> None:
        state = watcher.state()
        host.apply(edit.add_reason(m.thesis, "one more"))
        watcher.receive(host.update_for(state))
        watcher.map

    return median_ms(first_read, repeat=3), median_ms(reread, repeat=9)


def _fresh_map(folder: Path, name: str) -> Path:
    path = folder / f"{name}.json"
    path.write_bytes(dumps(new_map_document("Seminars should map their arguments together.", "bench")))
    return path


def run() -> str:
    load_before = os.getloadavg()
    rounds = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(ROUNDS):
            path = _fresh_map(Path(tmp), f"round{k}")
            host, url = _start_host(path)
            try:
                rounds.append(anyio.run(_converge_round, url, path, host.pid))
            finally:
                _stop(host)
        path = _fresh_map(Path(tmp), "latency")
        host, url = _start_host(path)
        try:
            medians, slowest = anyio.run(_latencies, url)
        finally:
            _stop(host)
    load_after = os.getloadavg()

    def med(key: str) -> float:
        return statistics.median(r[key] for r in rounds) * 1000

    convergence = table(
        f"{PARTICIPANTS} participants each adding {CLAIMS_EACH} claims at once (median of {ROUNDS} rounds, ms)",
        ["measure", "ms"],
        [
            ["all edits made (each participant's loop done)", med("added")],
            [f"every participant holds all {PARTICIPANTS * CLAIMS_EACH:,} claims", med("converged")],
            ["the host's saved file holds them all", med("saved")],
            ["host CPU time during the round", med("host_cpu")],
        ],
    )
    latency = table(
        f"One edit reaching the {PARTICIPANTS - 1} other participants ({LATENCY_EDITS} edits, ms)",
        ["measure", "ms"],
        [
            ["median over edits of the median participant", statistics.median(medians)],
            ["median over edits of the slowest participant", statistics.median(slowest)],
            ["slowest participant, worst edit", max(slowest)],
        ],
    )
    reads = []
    for claims in (1_000, 10_000):
        first, again = _reread_ms(claims)
        reads.append([f"{claims:,}", first, again])
    reading = table(
        "A participant reading the shared map (median ms)",
        ["claims", "first read (join)", "re-read after one remote edit (incl. the host's edit)"],
        reads,
    )
    load = f"load average (1, 5, 15 min) before: {', '.join(f'{x:.2f}' for x in load_before)}; after: {', '.join(f'{x:.2f}' for x in load_after)}\n"
    return convergence + "\n" + latency + "\n" + reading + "\n" + load
