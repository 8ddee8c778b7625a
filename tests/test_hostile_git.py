"""`argmap git-setup` and `git-follow-renames` where the repository is hostile (issue
21): not a repository, a .gitattributes or renames journal that is a folder, a FIFO,
/dev/zero, not UTF-8 or not JSON, a repository that cannot be written. Each run is a
forked child with the corpus's limits (tests/hostile_run.py): exit 0-3, never a
traceback, one or two lines on exit 2, no temporary file left, nothing hangs."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.hostile_run import acceptable, preload, run

GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "init.defaultBranch=main"]
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

HOSTILE = {
    "a folder": lambda p: p.mkdir(),
    "a FIFO": lambda p: os.mkfifo(p),
    "/dev/zero": lambda p: p.symlink_to("/dev/zero"),
    "not UTF-8": lambda p: p.write_bytes(b"\xff\xfe maps/** merge=argmap\n"),
    "a dangling link": lambda p: p.symlink_to("nowhere"),
    "a link to itself": lambda p: p.symlink_to(p.name),
    "2 MB": lambda p: p.write_text("x" * (2 << 20)),
    "not JSON": lambda p: p.write_text("{bad"),
    "another JSON shape": lambda p: p.write_text('{"maps": 5}'),
}


@pytest.fixture(scope="module", autouse=True)
def _imports():
    preload()


def repository(folder: Path) -> Path:
    subprocess.run([*GIT, "init", "-q", str(folder)], check=True)
    subprocess.run([*GIT, "-C", str(folder), "commit", "-q", "--allow-empty", "-m", "start"], check=True)
    return folder


def clean(result: dict, folder: Path) -> bool:
    temps = [p.name for p in folder.rglob(".*.tmp")]
    return acceptable(result) and not temps


def test_git_setup_outside_a_repository_says_so(tmp_path):
    result = run(["git-setup", "-y"], tmp_path)
    assert result["exit"] == 2 and "not a git repository" in result["stderr"] and clean(result, tmp_path), result


@pytest.mark.parametrize("what", [k for k in HOSTILE if "JSON" not in k])
def test_git_setup_refuses_a_gitattributes_that_is(tmp_path, what):
    root = repository(tmp_path / "repo")
    HOSTILE[what](root / ".gitattributes")
    result = run(["git-setup", "-y"], root)
    assert result["exit"] == 2 and ".gitattributes" in result["stderr"] and clean(result, root), result


def test_git_setup_with_a_locked_config_changes_nothing(tmp_path):
    root = repository(tmp_path / "repo")
    (root / ".git" / "config.lock").touch()
    before = (root / ".git" / "config").read_bytes()
    result = run(["git-setup", "-y"], root)
    assert result["exit"] == 2 and "could not lock config file" in result["stderr"] and clean(result, root), result
    assert (root / ".git" / "config").read_bytes() == before and not (root / ".gitattributes").exists()


@pytest.mark.parametrize("frozen", [".", ".git"])
def test_git_setup_in_a_repository_that_cannot_be_written(tmp_path, frozen):
    """chattr +i: even root cannot write there (a read-only mount, for this test)."""
    root = repository(tmp_path / "repo")
    (root / ".stderr").touch()  # where the run puts the child's stderr
    if subprocess.run(["chattr", "+i", str(root / frozen)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available here")
    try:
        result = run(["git-setup", "-y"], root)
    finally:
        subprocess.run(["chattr", "-i", str(root / frozen)], check=True)
    assert result["exit"] == 2 and clean(result, root), result
    assert "cannot write" in result["stderr"] or "could not lock" in result["stderr"], result


@pytest.mark.parametrize("what", sorted(HOSTILE))
def test_git_follow_renames_refuses_a_journal_that_is(tmp_path, what):
    root = repository(tmp_path / "repo")
    HOSTILE[what](root / ".git" / "argmap-renames.json")
    result = run(["git-follow-renames"], root)
    assert result["exit"] == 2 and "argmap-renames.json" in result["stderr"] and clean(result, root), result
