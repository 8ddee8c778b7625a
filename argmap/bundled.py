"""Where the bundled example maps are: the repository's maps/ in a checkout,
argmap/bundled_maps/ inside an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled_maps_dir() -> Path:
    installed = _PACKAGE / "bundled_maps"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "maps"
