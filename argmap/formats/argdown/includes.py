"""`@include(file.argdown)`: the Argdown CLI's multi-file documents.

As @argdown/cli 1.7.5 does: each `@include(...)`, wherever it stands, is replaced by
the named file's text exactly as it is (path relative to the including file),
recursively; a file already included is left out the second time (so include
cycles end; the file imported is not counted until something includes it, as in the
CLI). Positions in later errors are those of the combined text, as the CLI reports
them. argmap also reads a comma-separated list, `@include(a.argdown, b.argdown)`
(the CLI takes it for one file name), as the files one after the other.
"""

from __future__ import annotations

import re
from pathlib import Path

from argmap.errors import InputError
from argmap.textfile import line_col

_INCLUDE = re.compile(r"@include\(([^)]+)\)")  # the CLI's expression
MAX_FILES = 1000


def has_includes(text: str) -> bool:
    return "@include(" in text and _INCLUDE.search(text) is not None


def expand_includes(text: str, path: Path | str, max_bytes: int | None = None) -> str:
    """The text with every `@include(...)` replaced by the files it names."""
    origin = Path(path)
    if not origin.is_file():
        m = _INCLUDE.search(text)
        line, col = line_col(text, m.start(), "\n") if m else (1, 1)
        raise InputError(f"{path}:{line}:{col}: @include names files relative to the including file; "
                         "import the file itself (argmap import FILE.argdown)")
    return _expand(text, origin, set(), max_bytes)


def _names(folder: Path, listed: str) -> list[str]:
    if (folder / listed).is_file():
        return [listed]
    return [n for n in (n.strip().strip("'\"") for n in listed.split(",")) if n]


def _expand(text: str, path: Path, seen: set[Path], max_bytes: int | None) -> str:
    from argmap.store import DEFAULT_MAX_BYTES, decode_utf8, read_bytes

    def replace(m: re.Match) -> str:
        parts = []
        for name in _names(path.parent, m.group(1)):
            target = (path.parent / name).resolve()
            if target in seen:
                continue
            if len(seen) >= MAX_FILES:
                raise InputError(f"{path}: more than {MAX_FILES} included files")
            seen.add(target)
            if not target.is_file():
                line, col = line_col(text, m.start(1), "\n")
                shown = repr(name) if "\n" in name or "\r" in name else name  # the message stays one line
                raise InputError(f"{path}:{line}:{col}: @include: no file {shown}")
            data = read_bytes(target, max_bytes or DEFAULT_MAX_BYTES).removeprefix(b"\xef\xbb\xbf")
            parts.append(_expand(decode_utf8(target, data), target, seen, max_bytes))
        return "\n\n".join(parts)

    return _INCLUDE.sub(replace, text)
