"""Upgrade older schema versions, dict -> dict, before validation.

Each step takes a document of version N and returns version N + 1. Version 0 was
the pre-release draft: `version` instead of `schema_version`, `main` instead of
`thesis`, and arguments with `kind: pro|con` instead of `polarity`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from argmap.model import SCHEMA_VERSION

Doc = dict[str, Any]


def _map_0_to_1(doc: Doc) -> Doc:
    doc = dict(doc)
    doc.pop("version", None)
    if "main" in doc and "thesis" not in doc:
        doc["thesis"] = doc.pop("main")
    if isinstance(doc.get("arguments"), list):  # anything else is left for validation to report
        doc["arguments"] = [_argument_0_to_1(a) for a in doc["arguments"]]
    doc["schema_version"] = 1
    return doc


def _argument_0_to_1(a: Any) -> Any:
    if isinstance(a, dict) and "kind" in a and "polarity" not in a:
        a = dict(a)
        kind = a.pop("kind")  # an unknown kind (or not a string) stays as it was, for the error message
        a["polarity"] = {"pro": "support", "con": "attack"}.get(kind, kind) if isinstance(kind, str) else kind
    return a


def _comparison_0_to_1(doc: Doc) -> Doc:
    doc = dict(doc)
    doc.pop("version", None)
    doc["schema_version"] = 1
    return doc


def _1_to_2(doc: Doc) -> Doc:
    """Version 2 tells attribution from evidence (`reconstructs`), marks the
    reconstructor's additions (`reconstruction`) and lets a source name its text.
    All three are new and optional, so a version-1 file means the same in version 2
    with none of them: its evidence stays evidence. (Which text a map reconstructs
    cannot be guessed safely; `argmap validate` suggests it where one source
    dominates the quotes.)"""
    return {**doc, "schema_version": 2}


def _2_to_3(doc: Doc) -> Doc:
    """Version 3 adds the states of an argument's critical questions (`questions`),
    optional, and reads `scheme` as a catalogue id where it is one: free text stays
    as written. A version-2 file means the same in version 3. (argmap writes a map
    without question states as version 2, and comparisons always: see model.py.)"""
    return {**doc, "schema_version": 3}


STEPS: dict[str, dict[int, Callable[[Doc], Doc]]] = {
    "map": {0: _map_0_to_1, 1: _1_to_2, 2: _2_to_3},
    "comparison": {0: _comparison_0_to_1, 1: _1_to_2, 2: _2_to_3},
}


def detect_version(doc: Doc) -> int:
    if "schema_version" in doc:
        return doc["schema_version"]
    if "version" in doc:
        return doc["version"]
    return 0 if "main" in doc else SCHEMA_VERSION  # let validation report what is missing


def migrate(doc: Doc, kind: str = "map") -> Doc:
    version = detect_version(doc)
    if not isinstance(version, int) or isinstance(version, bool):
        raise ValueError(f"schema_version: expected an integer, got {version!r}")
    if version > SCHEMA_VERSION:
        raise ValueError(
            f"schema_version {version} is newer than this argmap understands ({SCHEMA_VERSION}); upgrade argmap"
        )
    if version < 0:
        raise ValueError(f"schema_version: {version} is not a valid version")
    while version < SCHEMA_VERSION:
        doc = STEPS[kind][version](doc)
        version += 1
    return doc
