"""The JSON Schema of format v1, generated from the model so the two never drift."""

from __future__ import annotations

import json
from typing import Any

from archgen.model.document import ArchitectureDocument

SCHEMA_ID = "https://archgen.dev/schema/archgen.schema.json"


def json_schema() -> dict[str, Any]:
    """Return the schema editors use to complete and validate architecture files."""
    schema = ArchitectureDocument.model_json_schema(by_alias=True, mode="validation")
    schema["properties"]["resources"]["additionalProperties"] = False
    _unwrap(schema)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "title": "archgen architecture (format v1)",
    }


def _unwrap(node: object) -> None:
    """Join the lines of every description: docstrings wrap at 100 columns, editors do their own.

    The descriptions are the fields' docstrings (`use_attribute_docstrings`),
    so the schema documents each field in the words its code does.
    """
    if isinstance(node, dict):
        text = node.get("description")
        if isinstance(text, str):
            node["description"] = " ".join(text.split())
        for value in node.values():
            _unwrap(value)
    elif isinstance(node, list):
        for value in node:
            _unwrap(value)


def schema_text() -> str:
    """Return the schema as the committed file holds it: stable, indented, one newline."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
