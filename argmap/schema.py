"""The JSON Schemas of the file formats, generated from the models.

The committed copies in argmap/schemas/ are what editors and other tools read; a
test fails when they drift from the models (regenerate: `make schema`).
"""

from __future__ import annotations

import json
from pathlib import Path

from argmap.model import ArgumentMap, Comparison

SCHEMA_DIR = Path(__file__).parent / "schemas"
SCHEMA_NAMES = ("map", "comparison")
_MODELS = {"map": ArgumentMap, "comparison": Comparison}


def schema_text(kind: str) -> str:
    schema = _MODELS[kind].model_json_schema(mode="validation")
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def committed_path(kind: str) -> Path:
    return SCHEMA_DIR / f"{kind}.schema.json"


def write_committed() -> None:
    SCHEMA_DIR.mkdir(exist_ok=True)
    for kind in SCHEMA_NAMES:
        committed_path(kind).write_text(schema_text(kind), encoding="utf-8")


if __name__ == "__main__":
    write_committed()
