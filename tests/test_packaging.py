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
    assert {"argmap/schemas/map.schema.json", "argmap/schemas/comparison.schema.json", "argmap/data/schemes.toml"} <= names
    assert not any(n.startswith("tests/") or n.startswith("benchmarks/") for n in names)


def test_installed_argmap_opens_a_working_copy_of_its_examples(tmp_path):
    """Installed (not a checkout), `argmap` must not edit the maps inside the
    installation: it copies them once to the user's data folder and opens the copy."""
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check", "-q", "-w", str(tmp_path), str(REPO)],
        capture_output=True, text=True,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = tmp_path.glob("argmap-*.whl")
    site = tmp_path / "site"
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--disable-pip-version-check", "-q", "--target", str(site), str(wheel)],
        capture_output=True, text=True,
    )
    assert installed.returncode == 0, installed.stderr[-2000:]
    data_home = tmp_path / "data"
    probe = "from argmap.commands.tui import default_target; print(default_target())"
    env = {"PYTHONPATH": str(site), "XDG_DATA_HOME": str(data_home), "PATH": "/usr/bin:/bin"}
    run = lambda: subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env,  # noqa: E731
                                 capture_output=True, text=True, check=True).stdout.strip()
    opened = Path(run())
    assert opened == data_home / "argmap" / "examples"
    shipped = site / "argmap" / "bundled_maps"
    for original in shipped.glob("*.json"):
        assert (opened / original.name).read_bytes() == original.read_bytes()
    edited = opened / "informal-alliance.json"
    edited.write_text(edited.read_text(encoding="utf-8").replace("informal alliance", "INFORMAL ALLIANCE"), encoding="utf-8")
    assert Path(run()) == opened
    assert "INFORMAL ALLIANCE" in edited.read_text(encoding="utf-8"), "a second start overwrote the user's edit"
    assert "INFORMAL ALLIANCE" not in (shipped / "informal-alliance.json").read_text(encoding="utf-8")
