"""SVG snapshots of the main screens at fixed terminal sizes.

Update after an intended visual change: pytest tests/tui/test_tui_snapshots.py --snapshot-update
(then look at the report). Sync tests, as pytest-textual-snapshot requires."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from argmap.tui.app import create_app
from argmap.tui.keymap import UserConfig
from tui_helpers import workers_done

HERE = Path(__file__).parent
FIXED_TIME = 1_767_225_600  # 2026-01-01 00:00 UTC


@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    """A folder `ws` with the test maps, fixed mtimes, the cwd (so paths print short)."""
    ws = tmp_path / "ws"
    ws.mkdir()
    for name in ("small.json", "broken.json"):
        shutil.copy(HERE / "maps" / name, ws / name)
        os.utime(ws / name, (FIXED_TIME, FIXED_TIME))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    return ws


def app(*paths: str, theme: str | None = None):
    return create_app([Path(p) for p in paths], config=UserConfig(theme=theme), watch_signals=False)


async def no_blink(pilot) -> None:
    for area in pilot.app.screen.query("TextArea, Input"):
        area.cursor_blink = False
    await pilot.pause()


async def settle(pilot) -> None:
    """Wait for the lint and evaluation workers, so the picture is deterministic."""
    for _ in range(3):
        await workers_done(pilot.app)
        await pilot.pause()
    await no_blink(pilot)


def keys(*pressed: str):
    async def before(pilot) -> None:
        await settle(pilot)
        await pilot.press(*pressed)
        await settle(pilot)

    return before


def test_editor_wide(workdir, snap_compare):
    assert snap_compare(app("ws/small.json"), terminal_size=(140, 36), run_before=keys("j", "l", "j"))


def test_editor_80x24(workdir, snap_compare):
    assert snap_compare(app("ws/small.json"), terminal_size=(80, 24), run_before=keys("j", "j", "l"))


def test_editor_light_theme(workdir, snap_compare):
    assert snap_compare(app("ws/small.json", theme="light"), terminal_size=(100, 30), run_before=keys("j", "j", "l", "j"))


def test_inline_editor_open(workdir, snap_compare):
    assert snap_compare(app("ws/small.json"), terminal_size=(100, 30), run_before=keys("o", *"Cars are ", "[", "b", "]", *"needed"))


def test_help_screen(workdir, snap_compare):
    assert snap_compare(app("ws/small.json"), terminal_size=(100, 30), run_before=keys("question_mark"))


def test_delete_confirmation(workdir, snap_compare):
    assert snap_compare(app("ws/small.json"), terminal_size=(100, 30), run_before=keys("j", "j", "j", "d"))


def test_workspace(workdir, snap_compare):
    assert snap_compare(app("ws"), terminal_size=(100, 24), run_before=keys())


def test_error_screen(workdir, snap_compare):
    assert snap_compare(app("ws/broken.json"), terminal_size=(100, 24), run_before=keys())


def test_compare_view(tmp_path, monkeypatch, snap_compare):
    for name in ("small.json", "keep.json", "cars.compare.json"):
        shutil.copy(HERE / "maps" / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    assert snap_compare(app("cars.compare.json"), terminal_size=(120, 34), run_before=keys("right_square_bracket"))


def test_compare_view_80x24(tmp_path, monkeypatch, snap_compare):
    for name in ("small.json", "keep.json", "cars.compare.json"):
        shutil.copy(HERE / "maps" / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    assert snap_compare(app("cars.compare.json"), terminal_size=(80, 24), run_before=keys("tab", "j"))
