"""SIGKILL a process in the middle of repeated saves: the file on disk must always
load and be exactly the old or the new version."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from argmap.store import dumps, load_map
from benchmarks.generate import generate

WRITER = r"""
import sys
from pathlib import Path
from argmap.store import Fingerprint, load_map, save_document
from argmap.model import ArgumentMap

path = Path(sys.argv[1])
versions = [ArgumentMap.model_validate_json(Path(p).read_bytes()) for p in sys.argv[2:4]]
loaded = load_map(path)
base = loaded.fingerprint
i = 0 if loaded.document == versions[1] else 1
print("ready", flush=True)
while True:
    base = save_document(versions[i], path, base=base)
    i = 1 - i
"""


def test_sigkill_during_saves_never_corrupts(tmp_path):
    a, b = generate(3000, seed=1), generate(3000, seed=2)
    versions = {dumps(a), dumps(b)}
    (tmp_path / "a.json").write_bytes(dumps(a))
    (tmp_path / "b.json").write_bytes(dumps(b))
    target = tmp_path / "map.json"
    target.write_bytes(dumps(a))
    rng = random.Random(7)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    kills = 0
    for _ in range(25):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(target), str(tmp_path / "a.json"), str(tmp_path / "b.json")],
            stdout=subprocess.PIPE, env=env,
        )
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.0, 0.25))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        kills += 1
        assert target.read_bytes() in versions  # exactly old or new, never a mix
        load_map(target)  # and it loads
        backup = tmp_path / "map.json.bak"
        if backup.exists():
            assert backup.read_bytes() in versions
    assert kills == 25
