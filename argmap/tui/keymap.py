"""Remappable keys: every Binding has an id; a keymap file maps ids to keys.

The file is `$ARGMAP_CONFIG_DIR/keymap.toml` (or `keymap.json`); without
ARGMAP_CONFIG_DIR, `$XDG_CONFIG_HOME/argmap/` or `~/.config/argmap/`. Example::

    # binding id = "key[,another key]"
    add_reason = "a,+"
    undo = "ctrl+z,ctrl+u"
    theme = "light"        # optional: start with the light theme

Unknown ids are reported (not fatal).
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from argmap.config import config_dir


@dataclass
class UserConfig:
    keymap: dict[str, str] = field(default_factory=dict)
    theme: str | None = None
    path: Path | None = None
    problems: list[str] = field(default_factory=list)


def load_config(folder: Path | None = None) -> UserConfig:
    folder = folder or config_dir()
    for name in ("keymap.toml", "keymap.json"):
        path = folder / name
        if not path.is_file():
            continue
        cfg = UserConfig(path=path)
        try:
            raw = tomllib.loads(path.read_text("utf-8")) if name.endswith(".toml") else json.loads(path.read_text("utf-8"))
        except (OSError, ValueError) as e:
            cfg.problems.append(f"{path}: ignored: {e}")
            return cfg
        if not isinstance(raw, dict):
            cfg.problems.append(f"{path}: ignored: expected a table of binding id = keys")
            return cfg
        if isinstance(raw.get("theme"), str):  # top level, also beside a [keymap] table
            cfg.theme = raw["theme"]
        table = raw["keymap"] if isinstance(raw.get("keymap"), dict) else raw
        for key, value in table.items():
            if key == "theme" and isinstance(value, str):
                cfg.theme = value
            elif isinstance(value, str) and value.strip():
                cfg.keymap[key] = ",".join(k.strip() for k in value.split(",") if k.strip())
            elif isinstance(value, list) and all(isinstance(v, str) for v in value):
                cfg.keymap[key] = ",".join(value)
            elif key != "keymap":
                cfg.problems.append(f"{path}: {key}: expected a key string like \"ctrl+k\"")
        return cfg
    return UserConfig()
