"""Where the user's argmap configuration lives (keymap, scheme catalogue).

`$ARGMAP_CONFIG_DIR` when set; else `$XDG_CONFIG_HOME/argmap/`, else
`~/.config/argmap/`.
"""

from __future__ import annotations

import os
from pathlib import Path


def config_dir() -> Path:
    explicit = os.environ.get("ARGMAP_CONFIG_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CONFIG_HOME")
    return (Path(xdg) if xdg else Path.home() / ".config") / "argmap"
