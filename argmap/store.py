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
import stat
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from argmap.errors import InputError, SaveConflictError, validation_message
from argmap.fsio import (
    atomic_write,
    clean_stale_temps,
    file_lock,
    kind_of,
    read_regular,
    real_target,
    write_output_file,
)
from argmap.gcpause import collector_paused
from argmap.migrate import migrate
from argmap.model import SCHEMA_VERSION, ArgumentMap, Comparison, raw_integrity_problems
from argmap.textfile import DEFAULT_MAX_BYTES, decode_utf8, read_bytes  # noqa: F401 - re-exported
from argmap.textfile import line_col as _line_col

MAX_NESTING = 64  # maps are flat: anything deeper is not a map
COMPARE_SUFFIX = ".compare.json"

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Fingerprint:
    """What a file held when we read or wrote it, to detect changes by others.

    Keeps the bytes themselves: comparing them is exact and costs a memcmp, where
    hashing a 10k-claim map on every load took 2 ms. The hash is made on demand
    (the editor's journal records it). A fingerprint may also know only a hash
    (`of_digest`: the file a journal's edits started from)."""

    content: bytes | None = field(repr=False)  # None: the file did not exist (or only the digest is known)
    digest: str | None = None  # set only when the content is not known

    @classmethod
    def of_path(cls, path: Path) -> Fingerprint:
        """What `path` holds now; a file that cannot be read as a map (a folder, a
        FIFO, a device, too big) gets a fingerprint that matches no content."""
        try:
            return cls(read_regular(path, DEFAULT_MAX_BYTES))
        except InputError as e:
            if str(e).endswith("no such file"):
                return cls(None)
            return cls(None, digest=f"unreadable: {e}")

    @classmethod
    def of_digest(cls, sha256: str) -> Fingerprint:
        return cls(None, digest=sha256)

    @cached_property
    def sha256(self) -> str | None:
        if self.digest is not None:
            return self.digest
        return None if self.content is None else hashlib.sha256(self.content).hexdigest()

    def matches(self, data: bytes | None) -> bool:
        """Does a file holding `data` (None: no file) hold what this fingerprint saw?"""
        if self.digest is not None:
            return data is not None and hashlib.sha256(data).hexdigest() == self.digest
        return data == self.content


@dataclass(frozen=True)
class Loaded(Generic[M]):
    document: M
    path: Path
    fingerprint: Fingerprint


def is_comparison_path(path: str | os.PathLike) -> bool:
    return str(path).endswith(COMPARE_SUFFIX)


# ---------------------------------------------------------------- loading


MAX_DIGITS = 30  # an integer in a map is a year or a version; 5,000 digits is an attack


class _JSONProblem(ValueError):
    """Raised from json's hooks: the message, and the text to find its place by."""

    def __init__(self, message: str, needle: str | None = None) -> None:
        super().__init__(message)
        self.needle = needle


def _object(pairs: list[tuple[str, Any]]) -> dict:
    d = dict(pairs)
    if len(d) != len(pairs):  # json.loads keeps the last value and drops the rest silently
        seen: set[str] = set()
        key = next(k for k, _ in pairs if k in seen or seen.add(k))
        owner = f" (the object with id {json.dumps(d['id'])})" if isinstance(d.get("id"), str) else ""
        raise _JSONProblem(f"duplicate key {json.dumps(key)} in one object{owner}; each key may appear once "
                           "(the earlier value would be lost)")
    return d


def _integer(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise _JSONProblem(f"a number with {len(digits.lstrip('-')):,} digits; numbers in a map have at most {MAX_DIGITS}",
                           digits[:40])
    return int(digits)


def json_problem(msg: str) -> str:
    """The json module's message without its dangling "at" (its position goes after it
    in the exception's str, which we replace by FILE:LINE:COL):
    "Unterminated string starting at" -> "unterminated string starts here"."""
    for ending, instead in ((" starting at", " starts here"), (" at", " here")):
        if msg.endswith(ending):
            msg = msg[: -len(ending)] + instead
            break
    return msg[:1].lower() + msg[1:]


def parse_json(path: Path, data: bytes, max_nesting: int = MAX_NESTING) -> Any:
    """bytes -> Python value, with FILE:LINE:COL for every kind of malformed input:
    also duplicate keys, absurd integers, absurd nesting (past what Python reads,
    reported where it passes `max_nesting`) and lone surrogates (`"\\ud800"`, which
    no text can hold)."""
    if not data.strip():
        raise InputError(f"{path}: file is empty, expected a JSON object")
    text = decode_utf8(path, data)
    try:
        value = json.loads(text, object_pairs_hook=_object, parse_int=_integer)
    except RecursionError:
        _check_nesting(path, text, max_nesting)  # says where it goes too deep
        raise InputError(f"{path}: JSON nested too deep") from None
    except json.JSONDecodeError as e:
        raise InputError(f"{path}:{e.lineno}:{e.colno}: invalid JSON: {json_problem(e.msg)}") from None
    except _JSONProblem as e:
        where = text.find(e.needle) if e.needle else -1
        place = "{}:{}".format(*_line_col(text, where, "\n")) + ":" if where >= 0 else ""
        raise InputError(f"{path}:{place} invalid JSON: {e}") from None
    if "\\ud" in text or "\\uD" in text:
        _check_surrogates(path, value)
    return value


def _check_surrogates(path: Path, value: Any) -> None:
    """A `\\ud800`-`\\udfff` escape not part of a pair decodes to half a character
    that cannot be written out again (every later print or save would fail)."""
    stack: list[tuple[Any, tuple]] = [(value, ())]
    while stack:
        v, loc = stack.pop()
        if isinstance(v, dict):
            stack.extend((x, (*loc, k)) for k, x in v.items())
            bad = next((k for k in v if not _encodable(k)), None)
        elif isinstance(v, list):
            stack.extend((x, (*loc, i)) for i, x in enumerate(v))
            bad = None
        else:
            bad = v if isinstance(v, str) and not _encodable(v) else None
        if bad is not None:
            where = _json_path(loc)
            raise InputError(f"{path}: {where + ': ' if where else ''}contains a lone UTF-16 surrogate "
                             f"({_surrogate(bad)}), which is not a character")


def _encodable(s: str) -> bool:
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _surrogate(s: str) -> str:
    return next(f"\\u{ord(c):04x}" for c in s if 0xD800 <= ord(c) <= 0xDFFF)


_STRUCTURE = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _check_nesting(path: Path, text: str, limit: int) -> None:
    """Reject absurd nesting with the place where it goes too deep (strings skipped)."""
    depth = 0
    for match in _STRUCTURE.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > limit:
                line, col = _line_col(text, match.start(), "\n")
                flat = "; a map is flat" if limit == MAX_NESTING else ""
                raise InputError(f"{path}:{line}:{col}: JSON nested deeper than {limit} levels{flat}")
        elif token in "]}":
            depth -= 1


def _format_validation_error(path: Path, err: ValidationError) -> str:
    lines = []
    for e in err.errors(include_url=False)[:20]:
        where = _json_path(e["loc"])
        msg = validation_message(e)
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
        # Parsed by json with hooks (duplicate keys, huge integers), then validated:
        # 10% slower than pydantic's parser straight from bytes, which accepts both.
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


def load_comparison_with_maps(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES, *,
                              allow_outside: bool = False) -> LoadedComparison:
    """A comparison and its two maps (resolved relative to it); links must resolve.
    The maps must be in the comparison's folder or below it (relative paths without
    `..` leaving it) unless `allow_outside`: a comparison from elsewhere cannot make
    argmap read, or the editor write, files anywhere."""
    cmp = load_comparison(path, max_bytes)
    base = cmp.path.parent
    sides = {}
    for side in ("left", "right"):
        name = getattr(cmp.document, side)
        if not allow_outside:
            check_inside(cmp.path, side, name)
        sides[side] = load_map(base / name, max_bytes)
    problems = comparison_problems(cmp.document, sides["left"].document, sides["right"].document)
    if problems:
        raise InputError("\n".join(f"{cmp.path}: {p}" for p in problems))
    return LoadedComparison(cmp, sides["left"], sides["right"])


def check_inside(comparison: Path, side: str, name: str) -> None:
    """A comparison's map path must stay in the comparison's folder."""
    pure = PurePosixPath(name.replace("\\", "/"))
    parts = os.path.normpath(str(pure)).split(os.sep)
    if pure.is_absolute() or re.match(r"^[A-Za-z]:", name) or (parts and parts[0] == ".."):
        raise InputError(f"{comparison}: {side}: {name!r} is outside the comparison's folder; a comparison names "
                         "its maps by a path relative to it, in that folder or below (--allow-outside permits it)")


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


def write_export(path: Path, data: bytes, kind: str | None = None, *, inputs=(), force: bool = False) -> None:
    """Write an output file (diagram, report, export) atomically where it may go:
    never over an input or a special file, over an existing file only when it holds
    argmap's output of that `kind` (default: from the suffix) unless `force`; the
    replaced version is kept as NAME.bak. See argmap.fsio.check_output."""
    path = Path(path)
    write_output_file(path, data, kind or output_kind(path), inputs=inputs, force=force)


SUFFIX_KINDS = {
    ".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot",
    ".argdown": "argdown", ".ad": "argdown", ".graphml": "graphml", ".md": "markdown",
    ".markdown": "markdown", ".mmd": "mermaid", ".mermaid": "mermaid", ".html": "html", ".htm": "html",
    ".tgf": "framework", ".apx": "framework", ".i23": "framework", ".af": "framework", ".tex": "tikz",
}


def output_kind(path: Path) -> str:
    """The kind of output a file name asks for (what check_output recognises)."""
    return SUFFIX_KINDS.get(Path(path).suffix.lower(), "markdown")


def save_document(
    document: BaseModel,
    path: str | os.PathLike,
    *,
    base: Fingerprint | None,
    force: bool = False,
) -> Fingerprint:
    """Save atomically. `base` is what the caller loaded (None: a new file).

    Refuses, unless `force`, when the file on disk is no longer what `base` says:
    someone else changed it (or, for a new file, it already exists). The check and
    the write happen under the file's lock (argmap.fsio.file_lock). A symbolic link
    is saved through to its target. Never writes over a folder, a device or a FIFO.
    Returns the fingerprint of what was written, the caller's next `base`.
    """
    path = Path(path)
    target = real_target(path)
    data = dumps(document)
    with file_lock(target):
        current = _current_bytes(path, target, max(DEFAULT_MAX_BYTES, 2 * len(data)))
        if not force and not (base or Fingerprint(None)).matches(current):
            _refuse_conflict(path, base, current)
        if current == data:
            return Fingerprint(data)  # nothing to do: keep the .bak of the last real change
        clean_stale_temps(target)
        try:
            atomic_write(target, data, previous=current)
        except OSError as e:
            raise InputError(f"{path}: cannot write: {e.strerror or e}") from None
    return Fingerprint(data)


def _current_bytes(path: Path, target: Path, limit: int) -> bytes | None:
    """What the file to be saved holds now (None: no file); a folder, a FIFO or a
    device is refused without reading it."""
    try:
        st = os.stat(path)  # through links, also /proc's magic ones (/dev/stdout)
    except FileNotFoundError:
        return None
    except OSError as e:  # e.g. a parent that is a file, or no permission
        raise InputError(f"{path}: cannot write: {e.strerror or e}") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{path}: is a directory, cannot save a map there")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{path}: is {kind_of(st.st_mode)}, not a regular file; not saving a map there")
    try:
        return read_regular(target, limit)
    except InputError as e:
        raise InputError(f"{path}: cannot save: {str(e).removeprefix(f'{target}: ')}") from None


def _refuse_conflict(path: Path, base: Fingerprint | None, current: bytes | None) -> None:
    if base is None or (base.content is None and base.digest is None):
        raise SaveConflictError(f"{path}: file already exists; not overwriting it (use --force to replace it)")
    if current is None:
        raise SaveConflictError(f"{path}: file was deleted on disk since it was loaded; not saving (use --force to write it anyway)")
    raise SaveConflictError(
        f"{path}: file changed on disk since it was loaded (another editor or a git pull?); "
        "not overwriting it (reload, or use --force to replace it)"
    )


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
