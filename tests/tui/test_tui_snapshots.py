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


def test_editor_wide(workdir, snap_compare):
    assert snap_compare(app("ws/small.json"), press=["j", "l", "j"], terminal_size=(140, 36), run_before=no_blink)


def test_editor_80x24(workdir, snap_compare):
    assert snap_compare(app("ws/small.json"), press=["j", "j", "l"], terminal_size=(80, 24), run_before=no_blink)


def test_editor_light_theme(workdir, snap_compare):
    assert snap_compare(app("ws/small.json", theme="light"), press=["j", "j", "l", "j"], terminal_size=(100, 30), run_before=no_blink)


def test_inline_editor_open(workdir, snap_compare):
    async def before(pilot):
        await pilot.press("o", *"Cars are ", "[", "b", "]", *"needed")
        await no_blink(pilot)

    assert snap_compare(app("ws/small.json"), terminal_size=(100, 30), run_before=before)


def test_help_screen(workdir, snap_compare):
    assert snap_compare(app("ws/small.json"), press=["question_mark"], terminal_size=(100, 30), run_before=no_blink)


def test_delete_confirmation(workdir, snap_compare):
    assert snap_compare(app("ws/small.json"), press=["j", "j", "j", "j", "d"], terminal_size=(100, 30), run_before=no_blink)


def test_workspace(workdir, snap_compare):
    assert snap_compare(app("ws"), terminal_size=(100, 24), run_before=no_blink)


def test_error_screen(workdir, snap_compare):
    assert snap_compare(app("ws/broken.json"), terminal_size=(100, 24), run_before=no_blink)
