"""Nothing is overwritten by surprise: journal recovery over a changed file, outputs
(-o) over inputs, special files and other people's files, saving through symbolic
links, concurrent `align --write`, temporary files left by a kill.

Each test here failed on the code before issue 21."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from argmap.errors import InputError, SaveConflictError
from argmap.model import ArgumentMap
from argmap.store import dumps, load_map, save_document
from argmap.tui.session import MapSession, journal_path
from tests.conftest import REPO

ENV = {**os.environ, "PYTHONPATH": str(REPO)}


def argmap(*args: str, cwd: Path | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "argmap", *args], capture_output=True, cwd=cwd, env=ENV, timeout=timeout)


@pytest.fixture
def map_file(tmp_path, tiny_map_dict) -> Path:
    path = tmp_path / "map.json"
    path.write_bytes(dumps(ArgumentMap.model_validate(tiny_map_dict)))
    return path


# ---------------------------------------------------------------- journal recovery


def _crash_with_journal(path: Path, text: str) -> None:
    """A session edits the map, journals it and dies without saving."""
    session = MapSession.open(path)
    edited = session.document.model_copy(deep=True)
    edited.claims[1].text = text
    session.replace_document(edited, session.fingerprint, dirty=True)
    assert session.write_journal()


def test_recovering_a_journal_over_a_file_changed_since_refuses_to_overwrite_it(map_file):
    _crash_with_journal(map_file, "My edit, made before the crash.")
    # after the crash, a git pull changes the file
    pulled = map_file.read_text().replace("Thesis.", "Thesis, as pulled.")
    map_file.write_text(pulled)

    session = MapSession.open(map_file)
    journal = session.recoverable_journal()
    assert journal is not None
    assert session.recover(journal) is True  # the file changed since the journal's edits began
    assert session.document.claims[1].text == "My edit, made before the crash."
    with pytest.raises(SaveConflictError, match="changed on disk"):
        session.save()
    assert map_file.read_text() == pulled  # the pull is intact
    assert journal_path(map_file).exists()  # and so are the recovered edits
    session.save(force=True)  # "keep mine", chosen knowingly
    assert "My edit, made before the crash." in map_file.read_text()


def test_recovering_a_journal_over_an_unchanged_file_saves(map_file):
    _crash_with_journal(map_file, "My edit.")
    session = MapSession.open(map_file)
    assert session.recover(session.recoverable_journal()) is False
    session.save()
    assert "My edit." in map_file.read_text() and not journal_path(map_file).exists()


# ---------------------------------------------------------------- -o


def test_output_never_replaces_the_input(map_file):
    before = map_file.read_bytes()
    for args in (["export", str(map_file), "--to", "aif", "-o", str(map_file)],
                 ["export", str(map_file), "--to", "aif", "-o", str(map_file), "--force"],
                 ["render", str(map_file), "-o", str(map_file), "--format", "svg"],
                 ["render", str(map_file), "-o", str(map_file), "--format", "dot", "--force"],
                 ["evaluate", str(map_file), "--framework-out", str(map_file.with_suffix(".tgf"))]):
        if args[0] == "evaluate":
            map_file.with_suffix(".tgf").symlink_to(map_file.name)
        r = argmap(*args)
        if args[0] == "evaluate":
            assert r.returncode == 2 and b"is the input file" in r.stderr, r.stderr
            continue
        assert r.returncode == 2, r.stderr
        assert b"is the input file" in r.stderr and b"Traceback" not in r.stderr
    assert map_file.read_bytes() == before
    assert sorted(p.name for p in map_file.parent.iterdir()) == ["map.json", "map.tgf"]


def test_output_never_replaces_a_fifo_or_a_device(map_file, tmp_path):
    fifo = tmp_path / "out.svg"
    os.mkfifo(fifo)
    r = argmap("render", str(map_file), "-o", str(fifo), "--force")
    assert r.returncode == 2 and b"is a FIFO (named pipe), not a regular file" in r.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)  # still a FIFO
    r = argmap("new", str(fifo), "--thesis", "T", "--force")
    assert r.returncode == 2 and b"not a regular file" in r.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    # a link to standard output (what /dev/stdout is) is not replaced by a file either
    link = tmp_path / "stdout.md"
    link.symlink_to("/proc/self/fd/1")
    r = argmap("export", str(map_file), "-o", str(link))
    assert r.returncode == 2 and b"not a regular file" in r.stderr
    assert link.is_symlink()
    if os.geteuid() == 0:  # only root may make device nodes
        dev = tmp_path / "null.svg"
        os.mknod(dev, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        r = argmap("render", str(map_file), "-o", str(dev), "--force")
        assert r.returncode == 2 and b"is a character device" in r.stderr
        assert stat.S_ISCHR(os.lstat(dev).st_mode)


def test_dash_writes_to_standard_output(map_file, tmp_path):
    r = argmap("render", str(map_file), "-o", "-", "--format", "dot")
    assert r.returncode == 0 and r.stdout.startswith(b"digraph argmap {")
    r = argmap("render", str(map_file), "-o", "-")
    assert r.returncode == 0 and b"<svg" in r.stdout
    r = argmap("export", str(map_file), "--to", "mermaid", "-o", "-")
    assert r.returncode == 0 and r.stdout.startswith(b"flowchart TB")
    r = argmap("import", str(_argdown(tmp_path)), "-o", "-")
    assert r.returncode == 0 and json.loads(r.stdout)["schema_version"] == 2
    r = argmap("report", str(map_file), str(map_file), "-o", "-", "--no-diagram")
    assert r.returncode == 0 and r.stdout.startswith(b"# ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.argdown", "map.json"]  # no file called "-"


def _argdown(tmp_path: Path) -> Path:
    path = tmp_path / "d.argdown"
    path.write_text("[T]: The thesis.\n  + [R]: A reason.\n")
    return path


def test_output_over_someone_elses_file_needs_force_and_keeps_a_backup(map_file, tmp_path):
    notes = tmp_path / "notes.md"
    notes.write_text('{"schema_version": 2}\n')  # JSON: not a Markdown export
    r = argmap("export", str(map_file), "-o", str(notes))
    assert r.returncode == 2 and b"argmap did not write it" in r.stderr and b"--force" in r.stderr
    assert notes.read_text() == '{"schema_version": 2}\n'
    r = argmap("export", str(map_file), "-o", str(notes), "--force")
    assert r.returncode == 0
    assert notes.read_text().startswith("# Tiny") and (tmp_path / "notes.md.bak").read_text() == '{"schema_version": 2}\n'
    # argmap's own output is replaced without --force, the previous one kept as .bak
    drawing = tmp_path / "drawing.svg"
    drawing.write_text('<svg xmlns="http://www.w3.org/2000/svg"><circle r="5"/></svg>\n')  # an SVG from elsewhere
    assert argmap("render", str(map_file), "-o", str(drawing)).returncode == 2
    assert "circle" in drawing.read_text()
    out = tmp_path / "map.svg"
    assert argmap("render", str(map_file), "-o", str(out)).returncode == 0
    first = out.read_bytes()
    assert argmap("render", str(map_file), "-o", str(out), "--theme", "greyscale").returncode == 0
    assert (tmp_path / "map.svg.bak").read_bytes() == first


def test_report_does_not_overwrite_an_unrelated_svg_beside_it(map_file, tmp_path):
    unrelated = tmp_path / "notes.svg"
    unrelated.write_text('<svg xmlns="http://www.w3.org/2000/svg"><text>my figure</text></svg>\n')
    r = argmap("report", str(map_file), str(map_file), "-o", str(tmp_path / "notes.md"))
    assert r.returncode == 2 and b"notes.svg: exists and is not an SVG drawn by Graphviz" in r.stderr
    assert "my figure" in unrelated.read_text()
    assert not (tmp_path / "notes.md").exists()  # nothing half done


# ---------------------------------------------------------------- symbolic links


def test_saving_through_a_symlink_writes_its_target(tmp_path, tiny_map_dict):
    real_dir = tmp_path / "real"
    real_dir.mkdir()
    real = real_dir / "map.json"
    real.write_bytes(dumps(ArgumentMap.model_validate(tiny_map_dict)))
    link = tmp_path / "link.json"
    link.symlink_to(real)
    loaded = load_map(link)
    loaded.document.title = "Saved through the link"
    save_document(loaded.document, link, base=loaded.fingerprint)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert load_map(real).document.title == "Saved through the link"
    assert sorted(p.name for p in real_dir.iterdir()) == ["map.json", "map.json.bak"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "real"]
    # the same for outputs
    out_link = tmp_path / "out.dot"
    out_real = real_dir / "out.dot"
    out_real.write_text("digraph argmap {}\n")
    out_link.symlink_to(out_real)
    assert argmap("render", str(real), "-o", str(out_link)).returncode == 0
    assert out_link.is_symlink() and out_real.read_text().startswith("digraph argmap {\ngraph")


# ---------------------------------------------------------------- concurrent writers

SLOW_ALIGN = r"""
import sys, time
import argmap.commands.align as align
from argmap.analysis.align import Suggestion

pair = sys.argv[1].split(",")
def slow_suggestions(*args, **kwargs):
    time.sleep(float(sys.argv[2]))  # widen the window between reading and writing
    return [Suggestion(pair[0], pair[1], 0.9, "same", "test")]
align.suggest_links = slow_suggestions
from argmap.cli import cli
cli(sys.argv[3:], prog_name="argmap")
"""


def test_two_align_writes_on_one_comparison_keep_both_links(tmp_path, tiny_map_dict):
    for name in ("l.json", "r.json"):
        (tmp_path / name).write_bytes(dumps(ArgumentMap.model_validate(tiny_map_dict)))
    out = tmp_path / "x.compare.json"
    args = ["align", "l.json", "r.json", "--write", "x.compare.json"]
    first = subprocess.Popen([sys.executable, "-c", SLOW_ALIGN, "r1,r1", "1.5", *args], cwd=tmp_path, env=ENV,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(0.5)  # the first has read the (missing) comparison and is computing
    second = subprocess.run([sys.executable, "-c", SLOW_ALIGN, "o1,o1", "0", *args], cwd=tmp_path, env=ENV,
                            capture_output=True, timeout=60)
    first_out = first.communicate(timeout=60)
    assert first.returncode == 0, first_out[1]
    assert second.returncode == 0, second.stderr
    links = {(k["left"], k["right"]) for k in json.loads(out.read_text())["links"]}
    assert links == {("r1", "r1"), ("o1", "o1")}


def test_lock_is_exclusive_across_threads_and_leaves_no_file(tmp_path):
    from argmap.fsio import file_lock

    target = tmp_path / "m.json"
    order = []

    def worker(name):
        with file_lock(target):
            order.append(name + " in")
            time.sleep(0.05)
            order.append(name + " out")

    threads = [threading.Thread(target=worker, args=(n,)) for n in "ab"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert order in (["a in", "a out", "b in", "b out"], ["b in", "b out", "a in", "a out"])
    with file_lock(target), file_lock(target):  # reentrant
        assert (tmp_path / ".m.json.lock").exists()
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- temporary files


def test_temporary_files_left_by_a_kill_go_on_the_next_save(map_file):
    folder = map_file.parent
    stale = [folder / ".map.json.k7x_2ab9.tmp", folder / ".map.json.bak.zz00yy11.tmp"]
    for p in stale:
        p.write_bytes(b'{"half": ')
    other = folder / ".other.json.abcdefgh.tmp"  # another file's: not ours to remove
    other.write_bytes(b"x")
    loaded = load_map(map_file)
    loaded.document.title = "Saved again"
    save_document(loaded.document, map_file, base=loaded.fingerprint)
    assert not any(p.exists() for p in stale)
    assert other.exists()


def test_a_killed_save_leaves_its_temporary_file_for_the_next_save_to_remove(map_file):
    """A real kill -9 in the middle of writing (the writer is stopped inside the write)."""
    script = r"""
import os, signal, sys
from pathlib import Path
import argmap.fsio as fsio
from argmap.store import load_map, save_document
real_fsync = os.fsync
def die(fd):
    os.kill(os.getpid(), signal.SIGKILL)
fsio.os.fsync = die
loaded = load_map(sys.argv[1])
loaded.document.title = "never finished"
save_document(loaded.document, sys.argv[1], base=loaded.fingerprint)
"""
    before = map_file.read_bytes()
    r = subprocess.run([sys.executable, "-c", script, str(map_file)], env=ENV, capture_output=True, timeout=60)
    assert r.returncode == -9
    assert map_file.read_bytes() == before
    leftovers = [p for p in map_file.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers, "the kill should leave a temporary file"
    loaded = load_map(map_file)
    loaded.document.title = "Saved"
    save_document(loaded.document, map_file, base=loaded.fingerprint)
    assert not [p for p in map_file.parent.iterdir() if p.name.endswith(".tmp")]


def test_reading_a_fifo_or_a_device_is_refused_at_once(tmp_path):
    fifo = tmp_path / "m.json"
    os.mkfifo(fifo)
    t = time.monotonic()
    with pytest.raises(InputError, match="is a FIFO"):
        load_map(fifo)
    with pytest.raises(InputError, match="is a character device"):
        load_map(Path("/dev/zero"))
    assert time.monotonic() - t < 5


def test_render_check_on_a_fifo_says_so_instead_of_hanging(map_file, tmp_path):
    fifo = tmp_path / "figure.svg"
    os.mkfifo(fifo)
    r = argmap("render", str(map_file), "-o", str(fifo), "--check", timeout=30)
    assert r.returncode == 2 and b"is a FIFO (named pipe), not a regular file" in r.stderr
    out = tmp_path / "fresh.svg"
    assert argmap("render", str(map_file), "-o", str(out)).returncode == 0
    assert argmap("render", str(map_file), "-o", str(out), "--check").returncode == 0
