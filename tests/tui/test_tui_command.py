"""`argmap tui` argument handling (without starting the UI)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from argmap.bundled import bundled_maps_dir
from argmap.cli import cli
from argmap.commands.tui import default_target


def test_default_target_prefers_local_maps(tmp_path):
    assert default_target(tmp_path) == bundled_maps_dir()  # a checkout: the repository's maps/
    (tmp_path / "maps").mkdir()
    assert default_target(tmp_path) == tmp_path / "maps"


def test_missing_path_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["tui", str(tmp_path / "nope.json")])
    assert result.exit_code == 2
    assert "nope.json: no such file or folder" in result.output
    assert "Traceback" not in result.output


def test_too_many_paths(tmp_path):
    paths = []
    for name in "abc":
        p = tmp_path / f"{name}.json"
        p.write_text("{}")
        paths.append(str(p))
    result = CliRunner().invoke(cli, ["tui", *paths])
    assert result.exit_code == 2
    assert "one map, two maps" in result.output


def test_tui_command_does_not_import_textual_until_it_runs():
    import subprocess
    import sys

    code = "import argmap.commands.tui, sys; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
