"""Which interchange format a file is in, by its suffix and its content."""

from __future__ import annotations

import json
from pathlib import Path

from argmap.errors import InputError

ARGDOWN_SUFFIXES = (".argdown", ".ad")


def detect_format(path: Path, text: str) -> str:
    """'argdown' or 'aif' (raises InputError for argmap's own maps and unknown JSON)."""
    suffix = path.suffix.lower()
    if suffix in ARGDOWN_SUFFIXES:
        return "argdown"
    stripped = text.lstrip("\ufeff \t\r\n")
    if suffix == ".json" or stripped.startswith(("{", "[")):
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):  # the JSON reader says where it breaks
            if suffix == ".json":
                return "aif"  # let the JSON reader report where it breaks
            return "argdown"
        from argmap.formats.aif import unwrap

        if unwrap(data) is not None:
            return "aif"
        if isinstance(data, dict) and "schema_version" in data:
            raise InputError(f"{path}: this is already an argmap file; open it directly (argmap validate {path})")
        raise InputError(f"{path}: JSON, but neither AIF ({{nodes, edges}}) nor OVA ({{\"AIF\": ...}}); cannot import it")
    return "argdown"
