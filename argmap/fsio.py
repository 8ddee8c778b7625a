"""Files, handled so that nothing hangs, nothing grows without bound and nothing is
overwritten by surprise.

- `read_regular` reads only regular files (checked with fstat after open; a FIFO is
  opened non-blocking so it cannot hang) and stops at `max_bytes` bytes actually
  read (a device such as /dev/zero reports size 0 and never ends).
- `atomic_write` writes through symbolic links to their target, in the target's
  folder (temporary file, fsync, rename), keeping the previous content as `.bak`.
- `file_lock` is an advisory `fcntl` lock on `.NAME.lock` beside a file, held across
  the check and the write of a read-check-write (reentrant within the process).
- `clean_stale_temps` removes temporary files a killed writer left beside a file.
- `check_output` / `write_output_file`: where an output (`-o`) may go. Never over an
  input, never over something that is not a regular file, and over an existing file
  only when it holds what argmap writes in that format (`looks_like`), unless forced.

No pydantic, no Textual: the bottom of the storage layer.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import stat
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from argmap.errors import InputError

STDIO = "-"  # `-o -`: standard output
READ_CHUNK = 1 << 20
SNIFF_BYTES = 64 * 1024
STALE_JOURNAL_TEMP_SECONDS = 60

_KIND_OF_MODE = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def is_stdio(path: str | os.PathLike | None) -> bool:
    return path is not None and os.fspath(path) == STDIO


def kind_of(mode: int) -> str:
    for test, name in _KIND_OF_MODE:
        if test(mode):
            return name
    return "not a regular file"


# ---------------------------------------------------------------- reading


def read_regular(path: str | os.PathLike, max_bytes: int) -> bytes:
    """The bytes of a regular file, at most `max_bytes` of them (InputError beyond).

    Other files are refused before they are opened when `stat` shows them (opening a
    device can have effects), and again after opening (the name may have changed in
    between). The read is bounded by what was read, not by the reported size."""
    path = Path(path)
    try:
        _refuse_special(path, os.stat(path).st_mode)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror or e}") from None
    try:
        st = os.fstat(fd)
        _refuse_special(path, st.st_mode)
        if st.st_size > max_bytes:
            raise _too_big(path, st.st_size, max_bytes)
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(READ_CHUNK, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                raise _too_big(path, total, max_bytes, grew=True)
        return b"".join(chunks)
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror or e}") from None
    finally:
        os.close(fd)


def _refuse_special(path: Path, mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise InputError(f"{path}: is a directory, not a file")
    raise InputError(f"{path}: is {kind_of(mode)}, not a regular file; argmap reads only regular files")


def _too_big(path: Path, size: int, limit: int, grew: bool = False) -> InputError:
    size_text = f"more than {limit:,} bytes" if grew else f"{size:,} bytes"
    return InputError(f"{path}: file is {size_text}, over the limit of {limit:,} (raise it with --max-bytes)")


def read_head(path: Path, n: int = SNIFF_BYTES) -> bytes:
    """The first `n` bytes of a regular file (for recognising what it holds)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return b""
        return os.read(fd, n)
    finally:
        os.close(fd)


# ---------------------------------------------------------------- where to write


def real_target(path: str | os.PathLike) -> Path:
    """Where writing `path` must go: a symbolic link's final target (saving through
    a link updates the real file and keeps the link)."""
    path = Path(path)
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _stat_or_none(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as e:
        raise InputError(f"{path}: cannot write: {e.strerror or e}") from None


def refuse_special_target(path: Path, st: os.stat_result | None) -> None:
    if st is None or stat.S_ISREG(st.st_mode):
        return
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{path}: is a folder; give a file name (for example {path / ('output' + path.suffix)})")
    hint = " (for standard output use -o -)" if str(path).startswith("/dev/") or str(path).startswith("/proc/") else ""
    raise InputError(f"{path}: is {kind_of(st.st_mode)}, not a regular file; argmap writes only regular files{hint}")


def same_file(st: os.stat_result, other: str | os.PathLike) -> bool:
    try:
        o = os.stat(other)
    except OSError:
        return False
    return (st.st_dev, st.st_ino) == (o.st_dev, o.st_ino)


# ------------------------------------------------------------ recognising outputs

_PNG = b"\x89PNG\r\n\x1a\n"
_DOT = re.compile(rb"\A\s*(?:(?://|#)[^\n]*\n\s*|/\*.*?\*/\s*)*(?:strict\s+)?(?:di)?graph\b", re.S)
_MERMAID = re.compile(rb"\A\s*(?:%%[^\n]*\n\s*)*(?:flowchart|graph)\b")


def _is_text(head: bytes) -> bool:
    if b"\0" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as e:  # a character cut at the end of the sample is fine
        return e.start >= len(head) - 3
    return True


def _plain_text(head: bytes) -> bool:
    """Text that is not one of the structured formats argmap reads or writes (a map,
    AIF, XML/SVG/HTML): the only mark of argmap's Markdown or framework output."""
    return _is_text(head) and not head.lstrip().startswith((b"{", b"[", b"<"))


LOOKS_LIKE = {
    "svg": lambda h: b"<svg" in h and b"Generated by graphviz" in h,
    "png": lambda h: h.startswith(_PNG),
    "pdf": lambda h: h.startswith(b"%PDF-"),
    "dot": lambda h: _is_text(h) and _DOT.match(h) is not None,
    "graphml": lambda h: b"<graphml" in h,
    "aif": lambda h: h.lstrip().startswith(b"{") and b'"nodes"' in h,
    "mermaid": lambda h: _is_text(h) and _MERMAID.match(h) is not None,
    "argdown": lambda h: _is_text(h) and h.startswith(b"===") and b"\nargmap:" in h,
    "html": lambda h: h.lstrip()[:15].lower() == b"<!doctype html>" and b'name="generator" content="argmap"' in h,
    "tikz": lambda h: h.startswith(b"% argmap figure") or b"\\begin{tikzpicture}" in h,
    "kialo": _plain_text,
    "markdown": _plain_text,
    "framework": _plain_text,
}
DESCRIPTION = {
    "svg": "an SVG drawn by Graphviz",
    "png": "a PNG image",
    "pdf": "a PDF",
    "dot": "a DOT graph",
    "graphml": "GraphML",
    "aif": "AIF JSON",
    "mermaid": "a Mermaid flowchart",
    "argdown": "Argdown written by argmap (front matter with argmap:)",
    "html": "an HTML report written by argmap",
    "tikz": "a TikZ figure written by argmap",
    "kialo": "plain text (not JSON, XML or binary)",
    "markdown": "plain text (not JSON, XML or binary)",
    "framework": "plain text (not JSON, XML or binary)",
}


def looks_like(kind: str, head: bytes) -> bool:
    """Does an existing file (its first bytes) hold argmap's output of this kind?
    An empty file holds nothing to lose."""
    return not head.strip() or LOOKS_LIKE[kind](head)


def check_output(path: str | os.PathLike, kind: str, *, inputs: Iterable[str | os.PathLike] = (), force: bool = False) -> Path:
    """Where an output file may be written, or InputError. Returns the path to write
    (a symbolic link's target). Refused always: an input file, a folder, a device,
    FIFO or socket. Refused unless `force`: an existing file that does not look like
    argmap's output of `kind` (someone else's file, or another format)."""
    path = Path(path)
    st = _stat_or_none(path)  # through links, also /proc's magic ones (/dev/stdout)
    refuse_special_target(path, st)
    target = real_target(path)
    if st is None:
        return target
    for source in inputs:
        if same_file(st, source):
            raise InputError(f"{path}: is the input file {source}; not writing over it (choose another output file)")
    if force:
        return target
    try:
        head = read_head(target)
    except OSError as e:
        raise InputError(f"{path}: cannot read it to check what it holds: {e.strerror or e}") from None
    if not looks_like(kind, head):
        raise InputError(f"{path}: exists and is not {DESCRIPTION[kind]}, so argmap did not write it; "
                         "not replacing it (use --force to replace it; the old file is kept as .bak)")
    return target


def write_output_file(path: str | os.PathLike, data: bytes, kind: str, *,
                      inputs: Iterable[str | os.PathLike] = (), force: bool = False) -> None:
    """Write an output (diagram, export, report) atomically where `check_output`
    allows it; a replaced file with other content is kept as NAME.bak."""
    target = check_output(path, kind, inputs=inputs, force=force)
    try:
        with file_lock(target):
            current = _current_content(target)
            if current == data:
                return
            clean_stale_temps(target)
            atomic_write(target, data, backup=current is not None, previous=current)
    except OSError as e:
        raise InputError(f"{path}: cannot write: {e.strerror or e}") from None


def _current_content(path: Path) -> bytes | None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise InputError(f"{path}: is {kind_of(os.fstat(fd).st_mode)}, not a regular file")
        return f.read()


# ---------------------------------------------------------------- atomic writes


def atomic_write(path: Path, data: bytes, *, backup: bool = True, previous: bytes | None = None) -> None:
    """Write `data` to `path` so that a crash leaves either the old or the new file.

    A symbolic link is written through: its target is replaced, in the target's
    folder, and the link stays. The previous content (if any) is kept as PATH.bak,
    itself written atomically."""
    path = real_target(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if backup and path.exists():
        if previous is None:
            previous = path.read_bytes()
        _replace_with(path.with_name(path.name + ".bak"), previous)
    _replace_with(path, data)


def _temp_prefix(path: Path) -> str:
    return f".{path.name}."


def _replace_with(path: Path, data: bytes) -> None:
    # mkstemp creates 0600 files: keep an existing file's mode, give a new one the
    # usual permissions (0666 less the umask), as open() would.
    import tempfile  # here: reading commands (a framework's evaluation) do not pay for it (~3 ms)

    mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=_temp_prefix(path), suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    _fsync_dir(path.parent)


def _umask() -> int:
    """The process umask, read without changing it (os.umask would, for every thread)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except OSError:
        pass
    return 0o022


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _temp_pattern(name: str) -> re.Pattern[str]:
    # mkstemp's names: prefix, 8 characters of [a-z0-9_], suffix
    return re.compile(re.escape(f".{name}.") + r"[a-z0-9_]{8}\.tmp")


def clean_stale_temps(path: Path) -> list[Path]:
    """Remove the temporary files a killed writer left for `path` and its .bak (call
    with `file_lock(path)` held: every writer of `path` holds it while its temporary
    file exists), and journal temporaries older than a minute. Returns what went."""
    path = Path(path)
    own = [_temp_pattern(path.name), _temp_pattern(path.name + ".bak")]
    journal = _temp_pattern(f".{path.name}.journal")
    removed = []
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        stale = any(p.fullmatch(entry.name) for p in own)
        if not stale and journal.fullmatch(entry.name):
            try:
                stale = now - entry.stat(follow_symlinks=False).st_mtime > STALE_JOURNAL_TEMP_SECONDS
            except OSError:
                stale = False
        if stale:
            try:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
            except OSError:
                pass
    return removed


# ---------------------------------------------------------------- locking


class _Held:
    def __init__(self) -> None:
        self.thread_lock = threading.RLock()
        self.count = 0
        self.fd: int | None = None
        self.lock_path: Path | None = None


_held: dict[str, _Held] = {}
_held_guard = threading.Lock()


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


@contextmanager
def file_lock(path: str | os.PathLike) -> Iterator[None]:
    """Hold an exclusive advisory lock for `path` (its real target) while the block
    runs: other argmap processes wait at the same place, so a read-check-write is
    not interleaved with another one. Reentrant in the process (threads wait for
    each other). The lock file `.NAME.lock` is removed when released; where it
    cannot be created (a read-only folder) the block runs unlocked, and the write
    itself then fails with a clear error."""
    target = real_target(path)
    key = os.path.abspath(target)
    with _held_guard:
        held = _held.setdefault(key, _Held())
    with held.thread_lock:
        if held.count == 0:
            held.fd, held.lock_path = _acquire(lock_path(target))
        held.count += 1
        try:
            yield
        finally:
            held.count -= 1
            if held.count == 0:
                _release(held.fd, held.lock_path)
                held.fd = held.lock_path = None


def _acquire(lock: Path) -> tuple[int | None, Path | None]:
    while True:
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as e:
            if e.errno in (errno.EACCES, errno.EROFS, errno.ENOENT, errno.EPERM, errno.ENOTDIR):
                return None, None
            raise
        fcntl.flock(fd, fcntl.LOCK_EX)
        # The holder before us may have removed the lock file while we waited: then
        # our lock is on a file nobody else sees; take a fresh one.
        try:
            if (os.fstat(fd).st_ino, os.fstat(fd).st_dev) == (os.stat(lock).st_ino, os.stat(lock).st_dev):
                return fd, lock
        except FileNotFoundError:
            pass
        os.close(fd)


def _release(fd: int | None, lock: Path | None) -> None:
    if fd is None or lock is None:
        return
    try:
        os.unlink(lock)  # still ours: nobody else can hold it now
    except OSError:
        pass
    fcntl.flock(fd, fcntl.LOCK_UN)
    os.close(fd)
