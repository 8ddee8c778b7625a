"""The core never imports Textual: only argmap/tui/ (and commands that start it) may."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import argmap

PACKAGE = Path(argmap.__file__).parent
CORE_PREFIXES = ("argmap.model", "argmap.store", "argmap.edit", "argmap.analysis", "argmap.render",
                 "argmap.formats", "argmap.live", "argmap.migrate", "argmap.schema", "argmap.errors", "argmap.cli",
                 "argmap.commands", "argmap.catalogue", "argmap.config", "argmap.fsio", "argmap.textfile",
                 "argmap.exports_build")
ALLOWED = ("argmap.tui", "argmap.commands.tui")


def core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages([str(PACKAGE)], prefix="argmap."):
        if info.name.startswith(ALLOWED) or info.name.endswith("__main__"):
            continue
        if info.name.startswith(CORE_PREFIXES):
            names.append(info.name)
    return sorted(names)


def test_there_are_core_modules_to_check():
    assert {"argmap.model", "argmap.store", "argmap.analysis.structure", "argmap.cli"} <= set(core_modules())


def test_core_modules_do_not_import_textual():
    code = (
        "import importlib, sys\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "leaked = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'textual_serve'))\n"
        "print(','.join(leaked))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"core modules pulled in Textual: {result.stdout[:200]}"


def test_validate_command_does_not_load_textual(tmp_path):
    """`argmap validate` must stay fast: the CLI imports commands lazily."""
    code = (
        "import sys\n"
        "from argmap.cli import cli\n"
        f"try:\n    cli(['new', {str(tmp_path / 'm.json')!r}, '--thesis', 'x'])\nexcept SystemExit: pass\n"
        "print(any(m.startswith('textual') for m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip().endswith("False"), result.stdout + result.stderr
