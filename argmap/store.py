"""Load, migrate and save map and comparison files without ever losing work.

Loading never writes. Saving is atomic (temporary file in the same folder, fsync,
os.replace), keeps the previous version as NAME.bak, and refuses to overwrite a file
that changed on disk since it was loaded unless forced.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from argmap.errors import InputError, SaveConflictError
from argmap.gcpause import collector_paused
from argmap.migrate import migrate
from argmap.model import SCHEMA_VERSION, ArgumentMap, Comparison, raw_integrity_problems

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
MAX_NESTING = 64  # maps are flat: anything deeper is not a map
COMPARE_SUFFIX = ".compare.json"

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Fingerprint:
    """What a file held when we read or wrote it, to detect changes by others.

    Keeps the bytes themselves: comparing them is exact and costs a memcmp, where
    hashing a 10k-claim map on every load took 2 ms. The hash is made on demand
    (the editor's journal records it)."""

    content: bytes | None = field(repr=False)  # None: the file did not exist

    @classmethod
    def of_path(cls, path: Path) -> Fingerprint:
        try:
            return cls(path.read_bytes())
        except FileNotFoundError:
            return cls(None)

    @cached_property
    def sha256(self) -> str | None:
        return None if self.content is None else hashlib.sha256(self.content).hexdigest()


@dataclass(frozen=True)
class Loaded(Generic[M]):
    document: M
    path: Path
    fingerprint: Fingerprint


def is_comparison_path(path: str | os.PathLike) -> bool:
    return str(path).endswith(COMPARE_SUFFIX)


# ---------------------------------------------------------------- loading


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a map file")
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(f"{path}: file is {size:,} bytes, over the limit of {max_bytes:,} (raise it with --max-bytes)")
    try:
        return path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror}") from None


def decode_utf8(path: Path | str, data: bytes, encoding: str = "utf-8") -> str:
    """bytes -> text; bytes that are not UTF-8 are an InputError at FILE:LINE:COL.
    `encoding="utf-8-sig"` also accepts (and drops) a byte-order mark."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        line, col = _line_col(data, e.start, b"\n")
        raise InputError(f"{path}:{line}:{col}: not UTF-8 text (byte 0x{data[e.start]:02x})") from None


def json_problem(msg: str) -> str:
    """The json module's message without its dangling "at" (its position goes after it
    in the exception's str, which we replace by FILE:LINE:COL):
    "Unterminated string starting at" -> "unterminated string starts here"."""
    for ending, instead in ((" starting at", " starts here"), (" at", " here")):
        if msg.endswith(ending):
            msg = msg[: -len(ending)] + instead
            break
    return msg[:1].lower() + msg[1:]


def parse_json(path: Path, data: bytes) -> Any:
    """bytes -> Python value, with FILE:LINE:COL for every kind of malformed input."""
    if not data.strip():
        raise InputError(f"{path}: file is empty, expected a JSON object")
    text = decode_utf8(path, data)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(f"{path}:{e.lineno}:{e.colno}: invalid JSON: {json_problem(e.msg)}") from None
    except RecursionError:
        value = None
    _check_nesting(path, text)  # json.loads accepts ~1000 levels; a map needs 5
    return value


def _line_col(text, offset: int, newline) -> tuple[int, int]:
    line = text.count(newline, 0, offset) + 1
    return line, offset - (text.rfind(newline, 0, offset) + 1) + 1


_STRUCTURE = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _check_nesting(path: Path, text: str) -> None:
    """Reject absurd nesting with the place where it goes too deep (strings skipped)."""
    depth = 0
    for match in _STRUCTURE.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_NESTING:
                line, col = _line_col(text, match.start(), "\n")
                raise InputError(f"{path}:{line}:{col}: JSON nested deeper than {MAX_NESTING} levels; a map is flat")
        elif token in "]}":
            depth -= 1


def _format_validation_error(path: Path, err: ValidationError) -> str:
    lines = []
    for e in err.errors(include_url=False)[:20]:
        where = _json_path(e["loc"])
        msg = e["msg"].removeprefix("Value error, ")
        if e["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
            msg = "unknown field (not part of the format; check the spelling)"
        elif e["type"] == "missing":
            msg = "required field is missing"
        elif "input" in e and e["type"] not in ("value_error", "assertion_error") and not isinstance(e["input"], (dict, list)):
            msg = f"{msg} (got {json.dumps(e['input'], ensure_ascii=False)[:60]})"
        for part in msg.splitlines():
            lines.append(f"{path}: {where + ': ' if where else ''}{part}")
    if len(err.errors()) > 20:
        lines.append(f"{path}: ... and {len(err.errors()) - 20} more problems")
    return "\n".join(lines)


def _json_path(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _validate(path: Path, model: type[M], raw: Any) -> M:
    if not isinstance(raw, dict):
        raise InputError(f"{path}: expected a JSON object at the top level, got {type(raw).__name__}")
    try:
        raw = migrate(raw, kind="comparison" if model is Comparison else "map")
    except ValueError as e:
        raise InputError(f"{path}: {e}") from None
    try:
        return model.model_validate(raw)
    except ValidationError as e:
        message = _format_validation_error(path, e)
        if model is ArgumentMap and not any(err["type"] == "value_error" and not err["loc"] for err in e.errors()):
            # field errors stop pydantic before the reference checks: run them too
            message = "\n".join([message] + [f"{path}: {p}" for p in raw_integrity_problems(raw)])
        raise InputError(message) from None


def load_document(path: str | os.PathLike, model: type[M], max_bytes: int = DEFAULT_MAX_BYTES) -> Loaded[M]:
    path = Path(path)
    data = read_bytes(path, max_bytes)
    with collector_paused(keep=True):
        try:
            # Fast path: current-version, valid files validate straight from bytes
            # in pydantic's Rust parser (its own recursion limit guards nesting).
            document = model.model_validate_json(data)
        except ValidationError:
            # Slow path for everything else: exact error locations, migration.
            document = _validate(path, model, parse_json(path, data))
    return Loaded(document, path, Fingerprint(data))


def load_map(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> Loaded[ArgumentMap]:
    return load_document(path, ArgumentMap, max_bytes)


def load_comparison(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> Loaded[Comparison]:
    return load_document(path, Comparison, max_bytes)


@dataclass(frozen=True)
class LoadedComparison:
    comparison: Loaded[Comparison]
    left: Loaded[ArgumentMap]
    right: Loaded[ArgumentMap]


def load_comparison_with_maps(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedComparison:
    """A comparison and its two maps (resolved relative to it); links must resolve."""
    cmp = load_comparison(path, max_bytes)
    base = cmp.path.parent
    left = load_map(base / cmp.document.left, max_bytes)
    right = load_map(base / cmp.document.right, max_bytes)
    problems = comparison_problems(cmp.document, left.document, right.document)
    if problems:
        raise InputError("\n".join(f"{cmp.path}: {p}" for p in problems))
    return LoadedComparison(cmp, left, right)


def comparison_problems(c: Comparison, left: ArgumentMap, right: ArgumentMap) -> list[str]:
    left_ids = {x.id for x in left.claims}
    right_ids = {x.id for x in right.claims}
    problems = []
    for i, link in enumerate(c.links):
        if link.left not in left_ids:
            problems.append(f"links[{i}].left: no claim {link.left!r} in {c.left}")
        if link.right not in right_ids:
            problems.append(f"links[{i}].right: no claim {link.right!r} in {c.right}")
    return problems


# ---------------------------------------------------------------- saving


def dumps(document: BaseModel) -> bytes:
    """Canonical form: field order of the model, list order kept, defaults left out,
    2-space indent, UTF-8 (no \\u escapes), trailing newline. Same model, same bytes."""
    return document.model_dump_json(indent=2, exclude_defaults=True).encode("utf-8") + b"\n"


def atomic_write(path: Path, data: bytes, *, backup: bool = True, previous: bytes | None = None) -> None:
    """Write `data` to `path` so that a crash leaves either the old or the new file.

    The previous content (if any) is kept as PATH.bak, itself written atomically.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if backup and path.exists():
        if previous is None:
            previous = path.read_bytes()
        _replace_with(path.with_name(path.name + ".bak"), previous)
    _replace_with(path, data)


def write_export(path: Path, data: bytes) -> None:
    """Write an output file (diagram, report, export) atomically, without a .bak;
    a folder or an unwritable place is a clear error, not a traceback."""
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path}: is a folder; give a file name (for example {path / ('output' + path.suffix)})")
    try:
        atomic_write(path, data, backup=False)
    except OSError as e:
        raise InputError(f"{path}: cannot write: {e.strerror or e}") from None


def _replace_with(path: Path, data: bytes) -> None:
    # mkstemp creates 0600 files: keep an existing file's mode, give a new one the
    # usual permissions (0666 less the umask), as open() would.
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
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


def save_document(
    document: BaseModel,
    path: str | os.PathLike,
    *,
    base: Fingerprint | None,
    force: bool = False,
) -> Fingerprint:
    """Save atomically. `base` is what the caller loaded (None: a new file).

    Refuses, unless `force`, when the file on disk is no longer what `base` says:
    someone else changed it (or, for a new file, it already exists).
    Returns the fingerprint of what was written, the caller's next `base`.
    """
    path = Path(path)
    try:
        current = path.read_bytes()
    except FileNotFoundError:
        current = None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, cannot save a map there") from None
    except OSError as e:  # e.g. a parent that is a file, or no permission
        raise InputError(f"{path}: cannot write: {e.strerror or e}") from None
    if not force:
        expected = base.content if base else None
        if current != expected:
            if expected is None:
                raise SaveConflictError(f"{path}: file already exists; not overwriting it (use --force to replace it)")
            if current is None:
                raise SaveConflictError(f"{path}: file was deleted on disk since it was loaded; not saving (use --force to write it anyway)")
            raise SaveConflictError(
                f"{path}: file changed on disk since it was loaded (another editor or a git pull?); "
                "not overwriting it (reload, or use --force to replace it)"
            )
    data = dumps(document)
    if current == data:
        return Fingerprint(data)  # nothing to do: keep the .bak of the last real change
    try:
        atomic_write(path, data, previous=current)
    except OSError as e:
        raise InputError(f"{path}: cannot write: {e.strerror or e}") from None
    return Fingerprint(data)


def free_copy_path(path: Path) -> Path:
    """Where to save "my version" of a file that changed on disk: NAME.mine.json,
    then NAME.mine2.json... (X.compare.json: X.mine.compare.json), never an
    existing file, so an earlier copy is not overwritten."""
    suffix = COMPARE_SUFFIX if is_comparison_path(path) else ".json"
    stem = path.name.removesuffix(suffix)
    n = 1
    while True:
        candidate = path.with_name(f"{stem}.mine{'' if n == 1 else n}{suffix}")
        if not candidate.exists():
            return candidate
        n += 1


def new_map_document(thesis_text: str, title: str = "", thesis_id: str = "thesis") -> ArgumentMap:
    from argmap.clock import now_iso

    stamp = now_iso()
    return ArgumentMap.model_validate(
        {
            "schema_version": SCHEMA_VERSION,
            "title": title,
            "thesis": thesis_id,
            "created": stamp,
            "modified": stamp,
            "claims": [{"id": thesis_id, "text": thesis_text}],
        }
    )
