"""`argmap evaluate FRAMEWORK` without click (commands/_framework.py's fast path) says
exactly what the click command says: same output, messages and exit status, in a
real process each; what the fast path does not take goes to click untouched."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from argmap.commands._framework import _OPTIONS

# the entry point (fast path first) and the click group alone, in the same kind of process
ENTRY = "from argmap.cli import main; main()"
CLICK = "from argmap.cli_group import cli; cli(prog_name='argmap')"
# whether the click group ran (click itself may print what it would strip, as in esc.tgf)
REPORT = "import atexit, sys; atexit.register(lambda: open({mark!r}, 'w').write(str('argmap.cli_group' in sys.modules)));"


def run(code: str, args: list[str], tmp_path: Path) -> tuple[subprocess.CompletedProcess, bool]:
    """The process's result, and whether the click group ran."""
    mark = tmp_path / "clicked"
    proc = subprocess.run([sys.executable, "-c", REPORT.format(mark=str(mark)) + code, "evaluate", *args],
                          capture_output=True, cwd=tmp_path)
    return proc, mark.read_text() == "True"


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "f.apx").write_text("arg(a). arg(b). arg(c).\natt(a,b). att(b,a). att(b,c).\narg(a).\n")
    (tmp_path / "odd.tgf").write_text("x\ny\nz\n#\nx y\ny z\nz x\n")
    (tmp_path / "n.af").write_text("p af 4\n1 2\n2 1\n3 4\n4 3\n")
    (tmp_path / "esc.tgf").write_text("a\x1b[2Jb\nc\u00e9\n#\na\x1b[2Jb c\u00e9\n")  # click strips the CSI from a pipe
    (tmp_path / "bad.tgf").write_text("a\n#\na zz\n")
    (tmp_path / "latin1.apx").write_bytes(b"arg(\xe9).\n")
    return {"apx": "f.apx", "odd": "odd.tgf", "af": "n.af", "esc": "esc.tgf", "bad": "bad.tgf", "latin1": "latin1.apx"}


TAKEN = [  # the fast path answers these
    ["{apx}"], ["{apx}", "-s", "preferred", "--json"], ["{apx}", "-s", "PR"], ["-sST", "{apx}"],
    ["--semantics=semi-stable", "{apx}"], ["{apx}", "-p", "DC-PR", "-a", "c", "--iccma"],
    ["{apx}", "--task", "DS-PR", "--argument", "c"], ["{apx}", "-p", "DS-PR", "-a", "c", "--json"],
    ["{apx}", "-p", "CE", "-s", "adm"], ["{apx}", "-p", "SE", "-s", "stage"], ["{apx}", "-p", "EE-ST", "--iccma"],
    ["{apx}", "-pCE-CO", "--iccma"], ["{odd}", "-s", "stable"], ["{odd}", "-p", "DS-ST", "-a", "x"],
    ["{odd}", "-p", "SE-ST", "--json"], ["{af}", "-s", "preferred"], ["{af}", "-p", "CE-PR", "--max-bytes", "1000"],
    ["{esc}", "-s", "grounded"], ["{esc}", "--json"], ["{esc}", "--iccma", "-p", "EE-PR"],
    ["{bad}"], ["{latin1}"], ["missing.apx"], ["{apx}", "--max-bytes", "5"], ["{apx}", "-p", "DC-ID", "-a", "a"],
]
LEFT_TO_CLICK = [  # click's own messages (or work the fast path does not do)
    ["{apx}", "-h"], ["--help"], ["{apx}", "-p", "XX"], ["{apx}", "-p", "DC"], ["{apx}", "-p", "SE", "-a", "a"],
    ["{apx}", "-p", "DC-PR", "-a", "zz"], ["{apx}", "-s", "nonsense"], ["{apx}", "--max-bytes", "0"],
    ["{apx}", "--max-bytes", "1_000"], ["{apx}", "-s", "PR", "-s", "ST"], ["{apx}", "--why"], ["{apx}", "{af}"],
    ["{apx}", "--json=yes"], ["{apx}", "-a"], ["--", "{apx}"], ["{apx}", "-p", "DC", "-a", "-x"], ["x.json"],
    ["{apx}", "--framework-out", "o.tgf"], [],
]


@pytest.mark.parametrize("args,fast", [(a, True) for a in TAKEN] + [(a, False) for a in LEFT_TO_CLICK])
def test_fast_path_matches_click(args, fast, files, tmp_path):
    args = [a.format(**files) for a in args]
    entry, entry_clicked = run(ENTRY, args, tmp_path)
    click, _ = run(CLICK, args, tmp_path)
    assert entry_clicked != fast, entry.stderr
    assert (entry.returncode, entry.stdout, entry.stderr) == (click.returncode, click.stdout, click.stderr)


def test_fast_options_are_the_commands():
    """Each spelling the fast path knows is the click option of the same parameter
    (a renamed or retyped option must not be parsed the old way)."""
    import click

    from argmap.commands.evaluate import command

    spelled = {opt: (p.name, not p.is_flag) for p in command.params if isinstance(p, click.Option) for opt in p.opts}
    for spelling, (name, takes_value) in _OPTIONS.items():
        assert spelled[spelling] == (name, takes_value), spelling
