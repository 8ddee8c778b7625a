"""Where the bundled example maps are: the repository's maps/ in a checkout,
argmap/bundled_maps/ inside an installed wheel."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled_maps_dir(package: Path = _PACKAGE) -> Path:
    installed = package / "bundled_maps"
    if installed.is_dir():
        return installed
    return package.parent / "maps"


def example_maps_dir(package: Path = _PACKAGE, data_home: Path | None = None) -> Path:
    """The example maps to open and edit.

    In a checkout that is the repository's maps/ itself. An installed argmap copies
    its examples once into the user's data folder ($XDG_DATA_HOME/argmap/examples,
    else ~/.local/share/argmap/examples) and opens the copy: edits never write into
    the installation, where an upgrade would lose them (or permissions refuse them).
    Files already in the copy are kept as they are, so earlier edits survive.
    """
    source = bundled_maps_dir(package)
    if source != package / "bundled_maps":
        return source
    from argmap.store import atomic_write  # (store loads pydantic; the paths above need none)

    target = (data_home or _data_home()) / "argmap" / "examples"
    target.mkdir(parents=True, exist_ok=True)
    for item in sorted(source.iterdir()):
        dest = target / item.name
        if item.is_file() and not dest.exists():
            atomic_write(dest, item.read_bytes(), backup=False)  # a half-copied example never looks like a map
    return target


def _data_home() -> Path:
    xdg = os.environ.get("XDG_DATA_HOME")
    return Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".local" / "share"
