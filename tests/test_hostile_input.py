"""Hostile input (issue 21): files made to crash argmap get one or two lines naming
the file, the place and the problem, and exit 2; never a traceback, a hang or
unbounded memory. Each case here ended in a traceback (or was silently accepted)
before issue 21."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.errors import InputError
from argmap.store import load_map
from tests.conftest import REPO


def argmap(*args: str, cwd: Path | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "argmap", *args], capture_output=True, cwd=cwd, timeout=timeout,
                          env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})


def one_or_two_lines(r: subprocess.CompletedProcess) -> str:
    err = r.stderr.decode("utf-8", "replace")
    assert r.returncode == 2, err
    assert "Traceback" not in err and 1 <= len(err.strip().splitlines()) <= 2, err
    return err


MAP = {"schema_version": 2, "thesis": "t", "claims": [{"id": "t", "text": "T."}]}

BAD_JSON = {
    "v0-arguments-null": (json.dumps({"version": 0, "main": "t", "claims": [{"id": "t", "text": "T"}], "arguments": None}),
                          r"arguments: Input should be a valid list"),
    "v0-kind-list": (json.dumps({"main": "t", "claims": [{"id": "t", "text": "T"}, {"id": "r", "text": "R"}],
                                 "arguments": [{"id": "a", "premises": ["r"], "kind": ["pro"], "target": "t"}]}),
                     r"arguments\[0\]\.polarity: Input should be 'support' or 'attack'"),
    "bigint": ('{"schema_version": ' + "9" * 5000 + ', "thesis": "t", "claims": []}',
               r":1:20: invalid JSON: a number with 5,000 digits"),
    "surrogate": (json.dumps({**MAP, "claims": [{"id": "t", "text": "\ud800!"}]}),
                  r"claims\[0\]\.text: contains a lone UTF-16 surrogate \(\\ud800\)"),
    "duplicate-keys": ('{"schema_version": 2, "thesis": "t", "claims": [{"id": "x", "text": "X"}], '
                       '"claims": [{"id": "t", "text": "T"}]}', r'duplicate key "claims" in one object'),
    "duplicate-in-claim": ('{"schema_version": 2, "thesis": "t", "claims": [{"id": "t", "text": "T", "text": "U"}]}',
                           r'duplicate key "text" in one object \(the object with id "t"\)'),
    "version-true": (json.dumps({**MAP, "schema_version": True}), r"schema_version: expected an integer, got True"),
    "deep-100k": ("[" * 100_000 + "]" * 100_000, r":1:65: JSON nested deeper than 64 levels"),
}


@pytest.mark.parametrize("name", sorted(BAD_JSON))
def test_hostile_json_maps_are_refused_in_one_line(tmp_path, name):
    text, expected = BAD_JSON[name]
    path = tmp_path / f"{name}.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    with pytest.raises(InputError, match=expected):
        load_map(path)


def test_a_valid_surrogate_pair_is_a_character(tmp_path):
    path = tmp_path / "emoji.json"
    path.write_text(json.dumps({**MAP, "claims": [{"id": "t", "text": "\U0001F600"}]}, ensure_ascii=True))
    assert load_map(path).document.claims[0].text == "\U0001F600"


def test_surrogate_map_commands_say_so_instead_of_crashing(tmp_path):
    """validate said ok, then stats, evaluate, export... crashed writing the text."""
    path = tmp_path / "s.json"
    path.write_text(json.dumps({**MAP, "claims": [{"id": "t", "text": "\udfff"}]}))
    for command in (["validate"], ["stats"], ["evaluate"], ["export", "--to", "markdown"], ["diff", str(path)]):
        err = one_or_two_lines(argmap(*command, str(path)))
        assert "lone UTF-16 surrogate" in err
