"""Which interchange format a file is in, by its suffix and its content."""

from __future__ import annotations

import json
import re
from pathlib import Path

from argmap.errors import InputError

ARGDOWN_SUFFIXES = (".argdown", ".ad")
SUFFIXES = {".mup": "mindmup", ".yml": "carneades", ".yaml": "carneades", ".aml": "aml", ".scm": "aml"}
_CARNEADES_KEYS = re.compile(r"^(statements|arguments|argument_schemes|issues|assumptions):", re.M)


_XML_ENCODING = re.compile(rb"""\s*<\?xml\s[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def is_xml_in_another_encoding(path: Path, data: bytes) -> bool:
    """XML (so AML) that declares an encoding other than UTF-8, in a file whose suffix
    no other format claims: its bytes are not text until expat decodes them."""
    declared = _XML_ENCODING.match(data)
    suffix = path.suffix.lower()
    return (declared is not None and declared.group(1).lower() not in (b"utf-8", b"utf8")
            and suffix not in ARGDOWN_SUFFIXES and SUFFIXES.get(suffix, "aml") == "aml")


def detect_format(path: Path, text: str) -> str:
    """'argdown', 'aif', 'kialo', 'mindmup', 'carneades' or 'aml' (raises InputError
    for argmap's own maps and unknown JSON)."""
    from argmap.formats.kialo import looks_like_kialo

    suffix = path.suffix.lower()
    if suffix in ARGDOWN_SUFFIXES:
        return "argdown"
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    stripped = text.lstrip("\ufeff \t\r\n")
    if looks_like_kialo(stripped):
        return "kialo"
    if stripped.startswith("<"):
        return "aml"
    if not stripped.startswith("===") and _CARNEADES_KEYS.search(text) and _yaml_mapping(text):
        return "carneades"
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
        if isinstance(data, dict) and isinstance(data.get("ideas"), dict):
            return "mindmup"
        if isinstance(data, dict) and "schema_version" in data:
            raise InputError(f"{path}: this is already an argmap file; open it directly (argmap validate {path})")
        raise InputError(f"{path}: JSON, but neither AIF ({{nodes, edges}}), OVA ({{\"AIF\": ...}}) nor MindMup ({{ideas}}); cannot import it")
    return "argdown"


def _yaml_mapping(text: str) -> bool:
    """Is the text a YAML mapping (a Carneades graph), not Argdown that happens to
    have a line `arguments: ...`?"""
    import yaml

    try:
        return isinstance(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)), dict)
    except (yaml.YAMLError, ValueError, RecursionError):  # (a 5,000-digit integer: the reader says so)
        return False
