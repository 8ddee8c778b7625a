"""The README's worked examples are what argmap prints: every `$ argmap ...` line of a
```console block is run from the repository root and its output compared, line by
line, with the lines that follow it in the block."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"^```console\n(.*?)^```", re.S | re.M)


def examples() -> list[tuple[str, str]]:
    out = []
    for block in BLOCK.findall((ROOT / "README.md").read_text(encoding="utf-8")):
        command, expected = None, []
        for line in block.splitlines():
            if line.startswith("$ "):
                if command:
                    out.append((command, "\n".join(expected)))
                command, expected = line[2:], []
            else:
                expected.append(line)
        if command:
            out.append((command, "\n".join(expected)))
    return out


def test_the_readme_has_worked_examples():
    assert len(examples()) >= 2


@pytest.mark.parametrize("command, expected", examples(), ids=lambda v: v if isinstance(v, str) and v.startswith("argmap") else "")
def test_readme_example_output(command: str, expected: str):
    argv = shlex.split(command)
    assert argv[0] == "argmap"
    r = subprocess.run([sys.executable, "-m", "argmap", *argv[1:]], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode in (0, 1), r.stderr
    assert r.stdout.rstrip("\n") == expected.rstrip("\n")
