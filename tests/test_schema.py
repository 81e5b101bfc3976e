"""The committed JSON Schema is current and describes the shipped architectures."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from archgen.model.schema import json_schema, schema_text
from tests.conftest import ARCHITECTURES, ROOT

SCHEMA_FILE = ROOT / "schema" / "archgen.schema.json"
EXAMPLES = sorted(ARCHITECTURES.glob("*.yaml"))
MODELINE = "# yaml-language-server: $schema=../schema/archgen.schema.json"


def test_committed_schema_is_current() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "schema/archgen.schema.json is stale: run `make schema`"
    )


def test_schema_is_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json.loads(schema_text()))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_schema_validates_each_architecture(path: Path) -> None:
    validator = jsonschema.Draft202012Validator(json.loads(schema_text()))
    errors = list(validator.iter_errors(yaml.safe_load(path.read_text(encoding="utf-8"))))
    assert errors == []


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_starts_with_the_modeline(path: Path) -> None:
    assert path.read_text(encoding="utf-8").splitlines()[0] == MODELINE


def test_schema_rejects_what_the_loader_rejects() -> None:
    validator = jsonschema.Draft202012Validator(json.loads(schema_text()))
    document = yaml.safe_load((ARCHITECTURES / "capstone.yaml").read_text(encoding="utf-8"))
    document["resources"]["db"]["mult_az"] = True
    document["resources"]["Bad_Id"] = {"type": "client"}
    messages = sorted(error.message for error in validator.iter_errors(document))
    assert len(messages) == 2
    assert any("'Bad_Id'" in message for message in messages)
    assert any("mult_az" in message for message in messages)


def test_there_are_three_architectures() -> None:
    assert [p.name for p in EXAMPLES] == [
        "capstone.yaml",
        "employee-directory-ec2.yaml",
        "employee-directory-serverless.yaml",
    ]


def _properties(node: object) -> list[tuple[str, dict[str, object]]]:
    """Return every property of every object in the schema, with its name."""
    found: list[tuple[str, dict[str, object]]] = []
    if isinstance(node, dict):
        properties = node.get("properties")
        if isinstance(properties, dict):
            found += [(name, value) for name, value in properties.items()]
        for value in node.values():
            found += _properties(value)
    elif isinstance(node, list):
        for value in node:
            found += _properties(value)
    return found


def test_every_property_is_described() -> None:
    properties = _properties(json_schema())
    undescribed = sorted({name for name, value in properties if "description" not in value})
    assert undescribed == []
    described = dict(_properties(json_schema()["$defs"]["Connection"]))
    assert "`poll`: the data flows from `from` to `to`" in str(described["mode"]["description"])
    assert "\n" not in str(described["mode"]["description"])
