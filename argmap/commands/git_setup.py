"""`argmap git-setup`: let git merge and diff maps with argmap, in this repository."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import click

from argmap.errors import InputError

DEFAULT_PATTERN = "maps/**/*.json"
ATTRIBUTES_MAX_BYTES = 1 << 20  # a .gitattributes is a few lines


def argmap_command() -> str:
    """How git should start argmap: `argmap` when that is the one running now,
    else this Python with `-m argmap` (a virtual environment not on PATH)."""
    found = shutil.which("argmap")
    if found and Path(found).resolve().parent == Path(sys.executable).resolve().parent:
        return "argmap"
    return f"{shlex.quote(sys.executable)} -m argmap"


def settings(command: str) -> dict[str, str]:
    return {
        "merge.argmap.name": "argmap: structural merge of maps",
        "merge.argmap.driver": f"{command} merge-driver %O %A %B %P",
        "diff.argmap.command": f"{command} diff-driver",
        "diff.argmap.textconv": f"{command} textconv",
    }


def _git(root: Path | None, *args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
    except FileNotFoundError:
        raise InputError("git is not installed") from None
    if done.returncode != 0:
        raise InputError(f"git {' '.join(args)}: {done.stderr.strip() or 'failed'}")
    return done.stdout.strip()


@click.command("git-setup")
@click.option("--pattern", "patterns", multiple=True, metavar="GLOB",
              help=f"Files that are argmap maps or comparisons (git pattern; repeatable). Asked if not given "
                   f"(default {DEFAULT_PATTERN}).")
@click.option("-y", "--yes", is_flag=True, help=f"Do not ask; use {DEFAULT_PATTERN} unless --pattern says otherwise.")
def command(patterns: tuple[str, ...], yes: bool) -> None:
    """Make git merge and diff maps with argmap in the current repository.

    Sets, in .git/config: the merge driver (`git merge` merges maps by ids,
    field by field, and records conflicts in the map: decide them with `argmap
    resolve`), the diff driver (`git diff` shows `argmap diff`: claims added,
    reworded, moved...) and a textconv (`git log -p` and `git show` list maps
    one item per line). Adds `PATTERN merge=argmap diff=argmap` to .gitattributes
    for the files that are maps (commit it, so your collaborators get it too; each
    of them runs `argmap git-setup` once for .git/config). Running it again
    changes nothing.
    """
    root = Path(_git(Path.cwd(), "rev-parse", "--show-toplevel"))
    if not patterns:
        patterns = (DEFAULT_PATTERN,) if yes or not sys.stdin.isatty() else (
            click.prompt("Which files are argmap maps or comparisons? (a git pattern)", default=DEFAULT_PATTERN),)
    changed = []
    for key, value in settings(argmap_command()).items():
        current = subprocess.run(["git", "config", "--local", "--get", key], cwd=root, capture_output=True, text=True)
        if current.stdout.strip() != value:
            _git(root, "config", "--local", key, value)
            changed.append(f".git/config: {key} = {value}")
    changed += _add_attributes(root / ".gitattributes", patterns)
    for line in changed:
        click.echo(line)
    click.echo(f"{root}: git merges and diffs {', '.join(patterns)} with argmap" + ("" if changed else " (already set up)"))


def _read_attributes(path: Path) -> str:
    """.gitattributes as text ("" when there is none); InputError for a folder, a
    FIFO, a device, a huge file or bytes that are not UTF-8."""
    from argmap.fsio import read_regular

    if not path.exists() and not path.is_symlink():
        return ""
    try:
        return read_regular(path, ATTRIBUTES_MAX_BYTES).decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(f"{path}: not UTF-8 text (byte {e.start}); fix or remove it, then run git-setup again") from None


def _add_attributes(path: Path, patterns: tuple[str, ...]) -> list[str]:
    from argmap.store import atomic_write

    text = _read_attributes(path)
    present = {line.strip() for line in text.splitlines()}
    new = [f"{p} merge=argmap diff=argmap" for p in patterns]
    new = [line for line in new if line not in present]
    if not new:
        return []
    if text and not text.endswith("\n"):
        text += "\n"
    try:
        atomic_write(path, (text + "\n".join(new) + "\n").encode("utf-8"), backup=False)
    except OSError as e:
        raise InputError(f"{path}: cannot write: {e.strerror or e}") from None
    return [f".gitattributes: {line}" for line in new]
