"""What was open in a map's tree when it was closed, so that it reopens the same way.

Kept outside the map files (they stay canonical: the same map, the same bytes), in
the user's state folder: `$XDG_STATE_HOME/argmap/views.json` (by default
`~/.local/state/argmap/views.json`), one entry per map file (its absolute path), the
most recently closed first, at most MAX_MAPS. Rows are stored as the tree keeps them
(tuples of ids); rows that no longer exist are skipped when reopening. A state file
that cannot be read or written is ignored: it is a convenience, never an error.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from argmap.store import atomic_write

MAX_MAPS = 200
MAX_PATHS = 500  # open rows kept per map


def state_file() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "argmap" / "views.json"


def _read() -> dict:
    try:
        data = json.loads(state_file().read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _rows(path) -> list[tuple] | None:
    if not isinstance(path, list) or not all(isinstance(r, list) for r in path):
        return None
    return [tuple(r) for r in path]


def load_view(map_path: Path) -> tuple[list[list[tuple]], list[tuple] | None] | None:
    """(open row paths, cursor row path) saved for a map, or None."""
    entry = _read().get(str(Path(map_path).resolve()))
    if not isinstance(entry, dict):
        return None
    paths = [p for p in (_rows(x) for x in entry.get("open", [])) if p]
    return paths, _rows(entry.get("cursor"))


def save_view(map_path: Path, open_paths: list[list[tuple]], cursor: list[tuple] | None) -> None:
    data = _read()
    key = str(Path(map_path).resolve())
    data.pop(key, None)
    entry = {"open": [[list(r) for r in p] for p in open_paths[:MAX_PATHS]], "cursor": [list(r) for r in cursor] if cursor else None}
    data = {key: entry, **dict(list(data.items())[: MAX_MAPS - 1])}
    try:
        atomic_write(state_file(), json.dumps(data, ensure_ascii=False).encode("utf-8"), backup=False)
    except OSError:
        pass
