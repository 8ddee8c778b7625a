"""End to end with real git: `argmap git-setup`, two branches edit one map through the
edit API, `git merge` runs argmap's driver, `git diff` and `git log -p` read maps."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from argmap import edit
from argmap.store import load_map, save_document

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

ENV = {**os.environ, "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.org", "GIT_COMMITTER_NAME": "A",
       "GIT_COMMITTER_EMAIL": "a@example.org", "GIT_CONFIG_NOSYSTEM": "1", "HOME": "/nonexistent", "GIT_PAGER": "cat"}
MAP = "maps/m.json"


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run(["git", *args], cwd=repo, env=ENV, capture_output=True, text=True)
    if check:
        assert done.returncode == 0, done.stderr
    return done


def argmap(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "argmap", *args], cwd=repo, env=ENV, capture_output=True, text=True)


def change_map(repo: Path, message: str, *changes) -> None:
    loaded = load_map(repo / MAP)
    history = edit.History(loaded.document)
    for change in changes:
        history.apply(change)
    save_document(loaded.document, repo / MAP, base=loaded.fingerprint)
    (repo / (MAP + ".bak")).unlink(missing_ok=True)
    git(repo, "commit", "-qam", message)


@pytest.fixture
def repo(tmp_path: Path, tiny_map_dict) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    setup = argmap(tmp_path, "git-setup", "--yes")
    assert setup.returncode == 0, setup.stderr
    assert "maps/**/*.json merge=argmap diff=argmap" in (tmp_path / ".gitattributes").read_text()
    assert argmap(tmp_path, "git-setup", "--yes").stdout.endswith("(already set up)\n")  # idempotent
    (tmp_path / "maps").mkdir()
    (tmp_path / MAP).write_text(json.dumps(tiny_map_dict, indent=2) + "\n")
    (tmp_path / ".gitignore").write_text("*.bak\n")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "a map")
    return tmp_path


def texts(repo: Path) -> dict[str, str]:
    return {c.id: c.text for c in load_map(repo / MAP).document.claims}


def test_clean_merge_combines_both_branches(repo: Path):
    git(repo, "checkout", "-qb", "theirs")
    change_map(repo, "object and add", edit.add_objection("r1", "Theirs objects."), edit.add_reason("t", "Theirs adds."))
    git(repo, "checkout", "-q", "main")
    change_map(repo, "reword and add", edit.edit_text("r1", "Reason one, reworded."), edit.add_reason("t", "Ours adds."))
    merged = git(repo, "merge", "-q", "--no-edit", "theirs", check=False)
    assert merged.returncode == 0, merged.stderr + merged.stdout
    assert "renamed" in merged.stderr  # both branches created c7 and a5
    m = load_map(repo / MAP).document
    assert m.conflicts == []
    assert {"Reason one, reworded.", "Theirs objects.", "Theirs adds.", "Ours adds."} <= set(texts(repo).values())
    assert argmap(repo, "validate", MAP).returncode == 0
    # git diff shows argmap diff; git log -p the one-line-per-item text
    diff = git(repo, "diff", "HEAD~1", "HEAD", "--", MAP).stdout
    assert "+ claim" in diff and "Theirs objects." in diff and "claims:" in diff
    log = git(repo, "log", "-p", "-1", "--first-parent", "--", MAP).stdout
    assert "+claim" in log and "Theirs adds." in log


def test_conflicts_are_recorded_in_a_file_that_opens_and_are_resolved(repo: Path):
    git(repo, "checkout", "-qb", "theirs")
    change_map(repo, "theirs reword", edit.edit_text("r1", "Theirs says."), edit.add_objection("o1", "Theirs answers."))
    git(repo, "checkout", "-q", "main")
    change_map(repo, "ours reword", edit.edit_text("r1", "Ours says."), edit.delete_claim("o1"))
    merged = git(repo, "merge", "--no-edit", "theirs", check=False)
    assert merged.returncode == 1
    assert "CONFLICT" in merged.stdout and "argmap resolve maps/m.json" in merged.stderr
    assert MAP in git(repo, "diff", "--name-only", "--diff-filter=U").stdout
    m = load_map(repo / MAP).document  # the conflicted file still opens
    assert {(c.kind, c.id) for c in m.conflicts} >= {("claim", "r1"), ("claim", "o1")}
    assert argmap(repo, "validate", MAP).returncode == 2
    for used in (["export", MAP, "--to", "argdown"], ["render", MAP, "-o", "-", "--format", "dot"], ["evaluate", MAP]):
        done = argmap(repo, *used)  # drawn, exported, judged in ours' version, and said so
        assert done.returncode == 0, done.stderr
        assert f"note: {MAP}: {len(m.conflicts)} unresolved merge conflicts; see and decide them with `argmap resolve {MAP}`" in done.stderr
    listed = argmap(repo, "resolve", MAP)
    assert listed.returncode == 1 and "both sides changed text" in listed.stdout
    r1 = next(i for i, c in enumerate(m.conflicts, start=1) if c.id == "r1")
    assert argmap(repo, "resolve", MAP, str(r1), "theirs").returncode == 0
    assert argmap(repo, "resolve", MAP, "--all", "ours").returncode == 0
    assert argmap(repo, "validate", MAP).returncode == 0
    after = texts(repo)
    assert after["r1"] == "Theirs says." and "o1" not in after and "Theirs answers." not in after.values()
    git(repo, "add", MAP)
    git(repo, "commit", "-qm", "merged")
    assert git(repo, "status", "--porcelain").stdout.strip() == ""


BASE_NOTES = '{"a": 1,\n "b": 2,\n "c": 3,\n "d": 4,\n "e": 5}\n'


def test_files_that_are_no_maps_get_a_line_merge(repo: Path):
    (repo / "maps" / "notes.json").write_text(BASE_NOTES)
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "notes")
    git(repo, "checkout", "-qb", "theirs")
    (repo / "maps" / "notes.json").write_text(BASE_NOTES.replace('"e": 5', '"e": 6'))
    git(repo, "commit", "-qam", "b")
    git(repo, "checkout", "-q", "main")
    (repo / "maps" / "notes.json").write_text(BASE_NOTES.replace('"a": 1', '"a": 0'))
    git(repo, "commit", "-qam", "a")
    merged = git(repo, "merge", "--no-edit", "theirs", check=False)
    assert merged.returncode == 0, merged.stderr
    assert "merging lines instead" in merged.stderr
    assert (repo / "maps" / "notes.json").read_text() == BASE_NOTES.replace('"e": 5', '"e": 6').replace('"a": 1', '"a": 0')


def test_conflicts_resolved_in_the_terminal_ui_then_committed(repo: Path, monkeypatch):
    import asyncio

    from argmap.tui.app import create_app
    from argmap.tui.conflicts import ConflictScreen
    from argmap.tui.editor import MapEditor
    from argmap.tui.keymap import load_config

    monkeypatch.setenv("ARGMAP_CONFIG_DIR", str(repo / ".no-config"))
    git(repo, "checkout", "-qb", "theirs")
    change_map(repo, "theirs", edit.edit_text("r1", "Theirs says."), edit.edit_tags("o1", ["theirs"]))
    git(repo, "checkout", "-q", "main")
    change_map(repo, "ours", edit.edit_text("r1", "Ours says."), edit.delete_claim("b1"))
    git(repo, "merge", "--no-edit", "theirs", check=False)
    assert len(load_map(repo / MAP).document.conflicts) == 1

    async def decide() -> None:
        app = create_app([repo / MAP], config=load_config(), watch_signals=False)
        async with app.run_test(size=(110, 34)) as pilot:
            for _ in range(250):
                if isinstance(app.screen, ConflictScreen):
                    break
                await pilot.pause(0.02)
            await pilot.press("t")
            for _ in range(250):
                if isinstance(app.screen, MapEditor):
                    break
                await pilot.pause(0.02)
            assert isinstance(app.screen, MapEditor)

    asyncio.run(decide())
    m = load_map(repo / MAP).document
    assert m.conflicts == [] and m.claim("r1").text == "Theirs says." and m.claim("o1").tags == ["theirs"]
    assert "b1" not in {c.id for c in m.claims}
    git(repo, "add", MAP)
    git(repo, "commit", "-qm", "merged in the editor")
    assert argmap(repo, "validate", MAP).returncode == 0


def test_a_map_both_branches_added_is_merged_from_nothing(repo: Path, tiny_map_dict):
    new = repo / "maps" / "new.json"
    git(repo, "checkout", "-qb", "theirs")
    new.write_text(json.dumps({**tiny_map_dict, "arguments": [], "title": "Theirs", "claims": tiny_map_dict["claims"][:1] + [
        {"id": "x", "text": "Theirs' own claim."}]}) + "\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "theirs adds")
    git(repo, "checkout", "-q", "main")
    new.write_text(json.dumps({**tiny_map_dict, "arguments": [], "title": "Ours", "claims": tiny_map_dict["claims"][:1] + [
        {"id": "x", "text": "Ours' own claim."}]}) + "\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "ours adds")
    merged = git(repo, "merge", "--no-edit", "theirs", check=False)
    assert merged.returncode == 1  # the titles differ: a conflict, in a file that opens
    m = load_map(new).document
    assert [(c.kind, c.fields) for c in m.conflicts] == [("map", ["title"])]
    assert {c.text for c in m.claims} == {"Thesis.", "Ours' own claim.", "Theirs' own claim."}


def test_git_setup_takes_the_patterns_given_and_needs_a_repository(tmp_path: Path):
    outside = argmap(tmp_path, "git-setup", "--yes")
    assert outside.returncode == 2 and "Traceback" not in outside.stderr
    git(tmp_path, "init", "-q")
    (tmp_path / ".gitattributes").write_text("*.png binary")  # kept, and no newline at its end
    for _ in range(2):
        done = argmap(tmp_path, "git-setup", "--pattern", "debates/*.json", "--pattern", "x.compare.json")
        assert done.returncode == 0, done.stderr
    assert (tmp_path / ".gitattributes").read_text() == (
        "*.png binary\ndebates/*.json merge=argmap diff=argmap\nx.compare.json merge=argmap diff=argmap\n")
    assert git(tmp_path, "check-attr", "merge", "debates/a.json").stdout.strip() == "debates/a.json: merge: argmap"
    assert git(tmp_path, "config", "merge.argmap.driver").stdout.endswith("merge-driver %O %A %B %P\n")


def test_git_diff_of_a_new_map_and_of_a_comparison(repo: Path, tiny_map_dict):
    other = repo / "maps" / "other.json"
    other.write_text(json.dumps({**tiny_map_dict, "title": "Other"}))
    cmp = repo / "maps" / "x.compare.json"
    cmp.write_text(json.dumps({"schema_version": 2, "left": "m.json", "right": "other.json",
                               "links": [{"left": "r1", "right": "r1", "kind": "same"}]}))
    git(repo, "add", ".")
    added = git(repo, "diff", "--cached").stdout
    assert "+ claim r1: Reason one." in added and "+ link r1 same r1" in added
    git(repo, "commit", "-qm", "two more")
    cmp.write_text(json.dumps({"schema_version": 2, "left": "m.json", "right": "other.json",
                               "links": [{"left": "r1", "right": "r1", "kind": "contradicts"}]}))
    changed = git(repo, "diff").stdout
    assert "--- a/maps/x.compare.json" in changed and "contradicts" in changed


def test_links_theirs_made_follow_the_ids_the_merge_renamed(repo: Path, tiny_map_dict):
    other = repo / "maps" / "other.json"
    other.write_text(json.dumps(tiny_map_dict))
    cmp = repo / "maps" / "x.compare.json"
    link = {"left": "r1", "right": "r1", "kind": "same"}
    cmp.write_text(json.dumps({"schema_version": 2, "left": "m.json", "right": "other.json", "links": [link]}))
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "a comparison")
    git(repo, "checkout", "-qb", "theirs")
    change_map(repo, "theirs adds", edit.add_reason("t", "Theirs' reason."))
    new = next(c.id for c in load_map(repo / MAP).document.claims if c.text == "Theirs' reason.")
    theirs_link = {"left": new, "right": "r2", "kind": "same"}
    cmp.write_text(json.dumps({"schema_version": 2, "left": "m.json", "right": "other.json", "links": [link, theirs_link]}))
    git(repo, "commit", "-qam", "theirs links its new claim")
    git(repo, "checkout", "-q", "main")
    change_map(repo, "ours adds", edit.add_reason("t", "Ours' reason."))
    merged = git(repo, "merge", "--no-edit", "theirs", check=False)
    assert merged.returncode == 0 and "git-follow-renames" in merged.stderr
    texts_now = texts(repo)
    assert texts_now[new] == "Ours' reason."  # the id theirs linked is ours' claim now
    followed = argmap(repo, "git-follow-renames")
    assert followed.returncode == 0, followed.stderr
    assert "1 link moved" in followed.stdout
    links = json.loads(cmp.read_text())["links"]
    moved = next(x for x in links if x["right"] == "r2")
    assert texts(repo)[moved["left"]] == "Theirs' reason."
    assert argmap(repo, "validate", "maps/x.compare.json").returncode == 0
    assert argmap(repo, "git-follow-renames").stdout == "no renamed ids to follow\n"  # the journal is used up
