"""`@include(a.argdown, b.argdown)`: the Argdown CLI's multi-file documents.

As the CLI does: each `@include(...)` line is replaced by the named files' text
(paths relative to the including file), recursively; a file already included is
left out the second time (so include cycles end). Positions in later errors are
those of the combined text, as the CLI reports them.
"""

from __future__ import annotations

import re
from pathlib import Path

from argmap.errors import InputError

_INCLUDE = re.compile(r"^[ \t]*@include\(([^)\n]*)\)[ \t]*$", re.M)
MAX_FILES = 1000


def has_includes(text: str) -> bool:
    return "@include(" in text and _INCLUDE.search(text) is not None


def expand_includes(text: str, path: Path | str, max_bytes: int | None = None) -> str:
    """The text with every `@include(...)` line replaced by the files it names."""
    origin = Path(path)
    if not origin.is_file():
        m = _INCLUDE.search(text)
        line = text.count("\n", 0, m.start()) + 1 if m else 1
        raise InputError(f"{path}:{line}:1: @include names files relative to the including file; "
                         "import the file itself (argmap import FILE.argdown)")
    seen = {origin.resolve()}
    return _expand(text, origin, seen, max_bytes)


def _expand(text: str, path: Path, seen: set[Path], max_bytes: int | None) -> str:
    from argmap.store import DEFAULT_MAX_BYTES, decode_utf8, read_bytes

    def replace(m: re.Match) -> str:
        parts = []
        for name in (n.strip().strip("'\"") for n in m.group(1).split(",")):
            if not name:
                continue
            target = (path.parent / name).resolve()
            if target in seen:
                continue
            if len(seen) >= MAX_FILES:
                raise InputError(f"{path}: more than {MAX_FILES} included files")
            seen.add(target)
            line = text.count("\n", 0, m.start()) + 1
            if not target.is_file():
                raise InputError(f"{path}:{line}:{m.start(1) - m.start() + 1}: @include: no file {name}")
            data = read_bytes(target, max_bytes or DEFAULT_MAX_BYTES).removeprefix(b"\xef\xbb\xbf")
            parts.append(_expand(decode_utf8(target, data), target, seen, max_bytes))
        return "\n\n".join(p.strip("\n") for p in parts)

    return _INCLUDE.sub(replace, text)
