"""The wheel ships the bundled maps and the JSON Schemas, so `pipx install .` then
`argmap` works anywhere."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_wheel_contains_bundled_maps_and_schemas(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check", "-q", "-w", str(tmp_path), str(REPO)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    (wheel,) = tmp_path.glob("argmap-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    bundled = sorted(p.name for p in (REPO / "maps").glob("*.json"))
    assert bundled, "maps/ has no bundled maps"
    for name in bundled:
        assert f"argmap/bundled_maps/{name}" in names
    assert {"argmap/schemas/map.schema.json", "argmap/schemas/comparison.schema.json"} <= names
    assert not any(n.startswith("tests/") or n.startswith("benchmarks/") for n in names)
