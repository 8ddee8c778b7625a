"""The committed JSON Schemas match the models (regenerate with `make schema`)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from argmap.cli import cli
from argmap.schema import SCHEMA_NAMES, committed_path, schema_text


@pytest.mark.parametrize("kind", SCHEMA_NAMES)
def test_committed_schema_has_not_drifted(kind):
    assert committed_path(kind).read_text(encoding="utf-8") == schema_text(kind), (
        f"{committed_path(kind)} is out of date: run `make schema` and commit it"
    )


def test_schema_command_prints_it():
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["properties"]["schema_version"]["enum"] == [2, 3]
    assert schema["additionalProperties"] is False
    assert "quote" in schema["$defs"]["Evidence"]["properties"]
    compare = json.loads(CliRunner().invoke(cli, ["schema", "--kind", "comparison"]).output)
    assert set(compare["$defs"]["Link"]["properties"]["kind"]["enum"]) == {"same", "contradicts", "shared-evidence"}
