"""The first commands: new, validate (with lint), stats, fmt, --help, --version."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from argmap import __version__
from argmap.cli import cli


def argmap(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "argmap", *args], capture_output=True, text=True, cwd=cwd)


def write(path: Path, doc: dict) -> Path:
    path.write_text(json.dumps(doc))
    return path


def test_version():
    result = argmap("--version")
    assert result.returncode == 0 and __version__ in result.stdout


@pytest.mark.parametrize("name", cli.list_commands(None))
def test_every_command_has_help(name):
    result = argmap(name, "--help")
    assert result.returncode == 0, result.stderr
    assert "Usage: argmap " + name in result.stdout


def test_unknown_command_is_a_usage_error():
    result = argmap("frobnicate")
    assert result.returncode == 2 and "No such command" in result.stderr


def test_new_then_validate_and_stats(tmp_path):
    path = tmp_path / "talk.json"
    assert argmap("new", str(path), "--thesis", "Cities should ban cars", "--title", "Cars").returncode == 0
    doc = json.loads(path.read_text())
    assert doc["claims"] == [{"id": "thesis", "text": "Cities should ban cars"}] and doc["thesis"] == "thesis"
    again = argmap("new", str(path), "--thesis", "Other")
    assert again.returncode == 2 and "already exists" in again.stderr
    assert json.loads(path.read_text()) == doc
    result = argmap("validate", str(path))
    assert result.returncode == 0 and "ok, 1 claim, 0 arguments" in result.stdout


def test_stats_json_keys(tmp_path, tiny_map_dict):
    path = write(tmp_path / "m.json", tiny_map_dict)
    stats = json.loads(argmap("stats", str(path), "--json").stdout)
    assert {k: stats[k] for k in ("claims", "arguments", "support", "attack", "undercut", "depth",
                                  "claims_with_evidence", "quotes")} == {
        "claims": 6, "arguments": 4, "support": 1, "attack": 2, "undercut": 1, "depth": 2,
        "claims_with_evidence": 1, "quotes": 1}
    assert stats["rebuttals"] == 1 and stats["objections"] == 2 and stats["linked_arguments"] == 1
    table = argmap("stats", str(path)).stdout
    assert "undercut (on inferences)" in table


def test_validate_reports_lint_warnings(tmp_path, tiny_map_dict):
    doc = tiny_map_dict
    doc["claims"].append({"id": "x", "text": "Floating claim."})
    doc["claims"].append({"id": "y", "text": "Reason one."})
    doc["arguments"] += [
        {"id": "c1", "premises": ["b1"], "polarity": "support", "target": "r2"},
        {"id": "c2", "premises": ["r2"], "polarity": "support", "target": "b1"},
    ]
    path = write(tmp_path / "m.json", doc)
    result = argmap("validate", str(path))
    assert result.returncode == 0
    assert "[circular-support] claims support each other in a circle: b1 -> r2 -> b1" in result.stdout
    assert "[unreachable] claim 'x' is not connected to the thesis" in result.stdout
    assert "[duplicate-text] claim 'y' has the same text as 'r1'" in result.stdout
    assert argmap("validate", "--strict", str(path)).returncode == 2


def test_validate_many_files_reports_each(tmp_path, tiny_map_dict):
    good = write(tmp_path / "good.json", tiny_map_dict)
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    result = argmap("validate", str(good), str(bad))
    assert result.returncode == 2
    assert f"{good}: ok" in result.stdout and f"{bad}:1:2: invalid JSON" in result.stderr


def test_fmt_check_and_rewrite(tmp_path, tiny_map_dict):
    path = write(tmp_path / "m.json", tiny_map_dict)  # json.dumps without indent: not canonical
    original = path.read_bytes()
    check = argmap("fmt", "--check", str(path))
    assert check.returncode == 1 and f"would reformat {path}" in check.stdout
    assert path.read_bytes() == original
    assert argmap("fmt", str(path)).returncode == 0
    canonical = path.read_bytes()
    assert canonical != original and (tmp_path / "m.json.bak").read_bytes() == original
    again = argmap("fmt", "--check", str(path))
    assert again.returncode == 0 and "already canonical" in again.stdout
    assert argmap("fmt", str(path)).returncode == 0 and path.read_bytes() == canonical
