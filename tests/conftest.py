"""Shared test fixtures and paths."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
MAPS = REPO / "maps"
# ../shared sits beside the repository in CI and on developer machines
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
INTEROP = SHARED / "interop"


def require(path: Path) -> Path:
    """Skip (with the reason) when a folder from ../shared is not present."""
    if not path.exists():
        pytest.skip(f"{path} not present (it is beside the repository in CI)")
    return path


@pytest.fixture
def tiny_map_dict() -> dict:
    return {
        "schema_version": 2,
        "title": "Tiny",
        "thesis": "t",
        "sources": [{"id": "s1", "authors": ["A. Author"], "year": 2024, "title": "An essay"}],
        "claims": [
            {"id": "t", "text": "Thesis."},
            {"id": "r1", "text": "Reason one.", "evidence": [{"source": "s1", "quote": "one", "locator": "p. 1"}]},
            {"id": "r2", "text": "Co-premise."},
            {"id": "o1", "text": "Objection."},
            {"id": "b1", "text": "Rebuttal."},
            {"id": "u1", "text": "Undercutter."},
        ],
        "arguments": [
            {"id": "a1", "premises": ["r1", "r2"], "polarity": "support", "target": "t"},
            {"id": "a2", "premises": ["o1"], "polarity": "attack", "target": "t"},
            {"id": "a3", "premises": ["b1"], "polarity": "attack", "target": "o1"},
            {"id": "a4", "premises": ["u1"], "polarity": "attack", "target": "a1"},
        ],
    }


@pytest.fixture(autouse=True)
def _no_state_outside_the_test(tmp_path_factory, monkeypatch):
    """The editor remembers which rows were open in $XDG_STATE_HOME/argmap/views.json:
    a test that opens the editor (the merge tests do) must not write the user's."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))
