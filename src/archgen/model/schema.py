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
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "title": "archgen architecture (format v1)",
    }


def schema_text() -> str:
    """Return the schema as the committed file holds it: stable, indented, one newline."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
