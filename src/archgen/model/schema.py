"""The JSON Schema of format v1, generated from the model so the two never drift."""

from __future__ import annotations

import ast
import functools
import inspect
import itertools
import json
import textwrap
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from archgen.model.document import ArchitectureDocument

SCHEMA_ID = "https://archgen.dev/schema/archgen.schema.json"


def json_schema() -> dict[str, Any]:
    """Return the schema editors use to complete and validate architecture files."""
    schema = ArchitectureDocument.model_json_schema(
        by_alias=True, mode="validation", schema_generator=_Documented
    )
    schema["properties"]["resources"]["additionalProperties"] = False
    _unwrap(schema)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "title": "archgen architecture (format v1)",
    }


class _Documented(GenerateJsonSchema):
    """Describe each field by its docstring, the string written under it in the model.

    The models do not ask pydantic for these (`use_attribute_docstrings`):
    it reads every model's source as the model is defined, a tenth of a
    render's time spent on text only this schema shows.
    """

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        """Return the model's schema with each documented property's description."""
        json_schema = super().model_schema(schema)
        cls: type[BaseModel] = schema["cls"]
        properties = json_schema.get("properties", {})
        for name, field in cls.model_fields.items():
            key = field.alias if field.alias is not None else name
            doc = field_doc(cls, name)
            if key in properties and doc is not None and field.description is None:
                properties[key]["description"] = doc
        return json_schema


def field_doc(model: type[BaseModel], name: str) -> str | None:
    """Return the docstring of field `name` where it is declared: its model or the nearest base."""
    for cls in model.__mro__:
        if name in inspect.get_annotations(cls):
            return _field_docs(cls).get(name)
    return None


@functools.cache
def _field_docs(cls: type) -> dict[str, str]:
    """Return the docstrings of the fields `cls` itself declares: a string right after each."""
    body = ast.parse(textwrap.dedent(inspect.getsource(cls))).body[0]
    statements = body.body if isinstance(body, ast.ClassDef) else []
    docs = {}
    for field, after in itertools.pairwise(statements):
        if (
            isinstance(field, ast.AnnAssign)
            and isinstance(field.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            docs[field.target.id] = inspect.cleandoc(after.value.value)
    return docs


def _unwrap(node: object) -> None:
    """Join the lines of every description: docstrings wrap at 100 columns, editors do their own.

    The descriptions are the fields' docstrings (see _Documented), so the
    schema documents each field in the words its code does.
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
