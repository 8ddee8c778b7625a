"""Fixtures for the TUI tests: fixed small maps copied to a temporary folder and an
app factory that ignores the user's config and signals."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

HERE = Path(__file__).parent
TEST_MAPS = HERE / "maps"


@pytest.fixture
def small_map(tmp_path) -> Path:
    target = tmp_path / "small.json"
    shutil.copy(TEST_MAPS / "small.json", target)
    return target


@pytest.fixture
def cars(tmp_path) -> Path:
    """The two small test maps and their comparison."""
    for name in ("small.json", "keep.json", "cars.compare.json"):
        shutil.copy(TEST_MAPS / name, tmp_path / name)
    return tmp_path / "cars.compare.json"


@pytest.fixture
def broken_map(tmp_path) -> Path:
    target = tmp_path / "broken.json"
    shutil.copy(TEST_MAPS / "broken.json", target)
    return target


@pytest.fixture(autouse=True)
def _isolated_config(tmp_path, monkeypatch):
    """Never read the developer's keymap."""
    cfg = tmp_path / "config"
    cfg.mkdir()
    monkeypatch.setenv("ARGMAP_CONFIG_DIR", str(cfg))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))  # which rows were open
    return cfg


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    """Run `async def` tests in a fresh event loop (no pytest-asyncio needed)."""
    import asyncio
    import inspect

    if inspect.iscoroutinefunction(pyfuncitem.obj):
        args = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
        asyncio.run(pyfuncitem.obj(**args))
        return True
    return None
