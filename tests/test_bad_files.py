"""A corpus of bad files, each with the message it must produce: exit 2, no traceback."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.errors import InputError
from argmap.store import load_map

BAD = Path(__file__).parent / "bad_files"
EXPECTED: dict[str, str] = json.loads((BAD / "expected.json").read_text())


def test_corpus_lists_every_file():
    on_disk = {p.name for p in BAD.glob("*.json")} - {"expected.json"}
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_load_reports_file_place_and_problem(name):
    with pytest.raises(InputError) as info:
        load_map(BAD / name)
    message = str(info.value)
    assert re.search(EXPECTED[name], message), message
    assert len(message.splitlines()) <= 2


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "argmap", *args], capture_output=True, text=True, cwd=cwd)


@pytest.mark.parametrize("name", ["invalid-json.json", "not-utf8.json", "dangling-premise.json", "deep-nesting.json"])
def test_cli_exit_2_without_traceback(name):
    result = run_cli("validate", str(BAD / name))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert re.search(EXPECTED[name], result.stderr)


def test_missing_file_directory_and_size_limit(tmp_path):
    result = run_cli("validate", str(tmp_path / "nope.json"))
    assert result.returncode == 2 and "nope.json: no such file" in result.stderr
    result = run_cli("validate", str(tmp_path))
    assert result.returncode == 2 and "is a directory" in result.stderr
    big = tmp_path / "big.json"
    big.write_text('{"schema_version": 2, "thesis": "t", "claims": [{"id": "t", "text": "' + "x" * 5000 + '"}]}')
    result = run_cli("validate", "--max-bytes", "1000", str(big))
    assert result.returncode == 2 and "over the limit of 1,000" in result.stderr
    assert run_cli("validate", str(big)).returncode == 0


def test_several_problems_each_on_its_own_line(tmp_path):
    bad = tmp_path / "two.json"
    bad.write_text(json.dumps({
        "schema_version": 2, "thesis": "t",
        "claims": [{"id": "t", "text": "T."}],
        "arguments": [{"id": "a", "premises": ["x", "y"], "polarity": "support", "target": "t"}],
    }))
    lines = str(pytest.raises(InputError, load_map, bad).value).splitlines()
    assert lines == [
        f"{bad}: arguments[0].premises[0]: argument 'a' uses unknown claim 'x'",
        f"{bad}: arguments[0].premises[1]: argument 'a' uses unknown claim 'y'",
    ]


def test_a_bad_field_and_a_dangling_reference_are_reported_together(tmp_path):
    """Field errors stop pydantic before the reference checks; the user should not
    have to fix one problem to learn of the next (newcomer review, minor 5)."""
    bad = tmp_path / "both.json"
    bad.write_text(json.dumps({
        "schema_version": 2, "thesis": "t",
        "claims": [{"id": "t", "text": "T."}, {"id": "c", "text": 5, "evidence": [{"source": "nope"}]}],
        "arguments": [{"id": "a", "premises": ["c"], "polarity": "support", "target": "zzz"},
                      {"id": "b", "premises": ["c"], "polarity": "attack"}],
    }))
    lines = str(pytest.raises(InputError, load_map, bad).value).splitlines()
    assert lines == [
        f"{bad}: claims[1].text: Input should be a valid string (got 5)",
        f"{bad}: arguments[1].target: required field is missing",
        f"{bad}: claims[1].evidence[0].source: claim 'c' cites unknown source 'nope'",
        f"{bad}: arguments[0].target: argument 'a' targets unknown id 'zzz'",
    ]


def test_loading_never_writes(tmp_path):
    for name in EXPECTED:
        (tmp_path / name).write_bytes((BAD / name).read_bytes())
    before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in tmp_path.iterdir()}
    run_cli("validate", *sorted(str(tmp_path / n) for n in EXPECTED))
    run_cli("fmt", *sorted(str(tmp_path / n) for n in EXPECTED))
    after = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in tmp_path.iterdir()}
    assert after == before
