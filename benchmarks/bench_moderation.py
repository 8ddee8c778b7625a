"""Moderated live sessions (issue 17): what the host's check of each participant's
update costs (argmap/live/gate.py), on the bundled 80-claim map grown to ~130 and
~1,130 claims, with 50 pending proposals. Measured in one process, no network: the
gate applying a participant's proposal; the gate undoing a hostile edit of the
thesis (the slow path: the saved map worked out before and after); and a
participant's own edit with the same check before it is sent, against the same
edit in an unmoderated session."""

from __future__ import annotations

import os
import statistics
import time

from pycrdt import Doc

from argmap import edit
from argmap.live import moderation
from argmap.live.document import items_root, write_map
from argmap.live.gate import Connection, Gate
from argmap.live.materialize import MapReader
from argmap.live.replica import Replica
from argmap.store import load_map
from benchmarks.harness import table
from tests.conftest import MAPS

PROPOSALS = 50
SIZES = (50, 1050)  # claims added to the 80-claim map before the proposals


def _host_doc(extra: int) -> Doc:
    base = load_map(MAPS / "informal-alliance.json").document
    doc = Doc()
    write_map(doc, base)
    grower = Replica(Doc())
    grower.receive(doc.get_update())
    for i in range(extra):
        grower.apply(edit.add_reason(base.thesis, f"accepted claim {i}"))
    host = Doc()
    host.apply_update(grower.doc.get_update())
    return host


def _ms(times: list[float]) -> float:
    return statistics.median(times) * 1000


def _measure(extra: int) -> list[object]:
    host = _host_doc(extra)
    plain = Replica(Doc())  # the same edits, unmoderated, for comparison
    plain.receive(host.get_update())
    moderation.set_moderated(host)
    reader = MapReader(host)
    last = [reader.read().map]
    gate = Gate(reader, lambda: last[0], moderated=True)
    ana = Replica(Doc())
    ana.receive(host.get_update())
    admit, apply_checked, apply_plain = [], [], []
    for i in range(PROPOSALS):
        state = host.get_state()
        t = time.perf_counter()
        ana.apply(edit.add_reason(ana.map.thesis, f"proposal {i}"))
        apply_checked.append(time.perf_counter() - t)
        update = ana.doc.get_update(state)
        t = time.perf_counter()
        gate.admit(update, Connection("ana", "ana", False))
        admit.append(time.perf_counter() - t)
        ana.receive(host.get_update(ana.state()))
        t = time.perf_counter()
        plain.apply(edit.add_reason(plain.map.thesis, f"plain {i}"))
        apply_plain.append(time.perf_counter() - t)
    hostile = []
    for i in range(10):
        state = host.get_state()
        with ana.doc.transaction():
            items_root(ana.doc, "claims")[ana.map.thesis]["text"] = f"rewritten {i}"
        update = ana.doc.get_update(state)
        t = time.perf_counter()
        assert gate.admit(update, Connection("ana", "ana", False)), "the hostile edit was not undone"
        hostile.append(time.perf_counter() - t)
        ana.receive(host.get_update(ana.state()))
    claims = len(reader.read().map.claims)
    return [claims, _ms(admit), _ms(hostile), _ms(apply_checked), _ms(apply_plain)]


def run() -> str:
    rows = [_measure(extra) for extra in SIZES]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return table(
        f"Moderated sessions: the host's check per update (median ms; load average {load})",
        ["claims (50 of them proposals)", "host: a proposal", "host: undo a hostile edit",
         "participant: edit with check", "participant: same edit unmoderated"],
        rows,
    )
