"""Check that every reference names a resource, and one of the right type.

References are declared by the `RefTo` marker on model fields, so this check
follows the model and needs no list of its own. A bad reference is reported at
the reference's own line, where the user has to fix it.
"""

from __future__ import annotations

import difflib
import functools
import types
import typing
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from archgen.errors import Problem
from archgen.model.catalogue import CATALOGUE, Resource, type_name
from archgen.model.document import ArchitectureDocument, Connection, Flow
from archgen.model.types import RefTo, is_cidr
from archgen.source import KeyPath, SourceMap


def check_references(document: ArchitectureDocument, source: SourceMap) -> list[Problem]:
    """Return a problem for every reference that names nothing or the wrong type."""
    kinds = {rid: type_name(resource) for rid, resource in document.resources.items()}
    return _check([((), document)], kinds, source)


def check_references_of_valid_parts(data: dict[str, Any], source: SourceMap) -> list[Problem]:
    """Check the references of the parts that are valid on their own in an invalid document.

    When a document fails validation there is no model to walk; checking each
    resource, connection and flow that does validate still shows the user every
    dangling reference in the same run as the other problems.
    """
    resources = data.get("resources")
    resources = resources if isinstance(resources, dict) else {}
    kinds = {
        rid: raw["type"]
        for rid, raw in resources.items()
        if isinstance(raw, dict) and isinstance(raw.get("type"), str) and raw["type"] in CATALOGUE
    }
    parts: list[tuple[KeyPath, BaseModel]] = []
    adapters = _adapters()
    for key, items in (
        ("resources", resources.items()),
        ("connections", _indexed(data.get("connections"))),
        ("flows", _indexed(data.get("flows"))),
    ):
        adapter = adapters[key]
        for name, raw in items:
            try:
                parts.append(((key, name), adapter.validate_python(raw)))
            except ValidationError:
                continue
    return _check(parts, kinds, source)


def _indexed(value: Any) -> list[tuple[int, Any]]:
    return list(enumerate(value)) if isinstance(value, list) else []


def _check(
    parts: list[tuple[KeyPath, BaseModel]], kinds: dict[str, str], source: SourceMap
) -> list[Problem]:
    problems: list[Problem] = []
    for base, model in parts:
        for path, value, marker in _references(model, base):
            suggest = len(problems) < MAX_SUGGESTIONS
            message = _judge(value, marker, kinds, str(_field_name(path)), suggest=suggest)
            if message:
                problems.append(Problem(source.value_span(path), message))
    return problems


MAX_SUGGESTIONS = 100
"""Wrong references that get a "did you mean"; past them, a file of thousands would take
minutes, since each suggestion compares the name with every id."""


@functools.cache
def _adapters() -> dict[str, TypeAdapter[BaseModel]]:
    """Build the validators for single parts only when a document failed validation."""
    return {
        "resources": TypeAdapter(Resource),
        "connections": TypeAdapter(Connection),
        "flows": TypeAdapter(Flow),
    }


def _judge(
    value: str, marker: RefTo, kinds: dict[str, str], field: str, *, suggest: bool
) -> str | None:
    if is_cidr(value):  # a field that takes a CIDR or an id; a pure id field never holds one
        return None
    actual = kinds.get(value)
    if actual is None:
        close = difflib.get_close_matches(value, list(kinds), n=1, cutoff=0.6) if suggest else []
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"{field}: '{value}' names no resource{hint}"
    if marker.types and actual not in marker.types:
        wanted = " or ".join(marker.types)
        return f"{field}: '{value}' is a {actual}, but {field} takes a {wanted}"
    return None


def _field_name(path: KeyPath) -> str | int:
    named = [part for part in path if isinstance(part, str)]
    return named[-1] if named else "reference"


def _references(model: BaseModel, path: KeyPath) -> Iterator[tuple[KeyPath, str, RefTo]]:
    """Yield (path, id, marker) for every reference in `model`, nested models included."""
    for name, field in type(model).model_fields.items():
        value = getattr(model, name)
        here = (*path, field.alias or name)
        items: Iterable[tuple[KeyPath, Any]]
        if isinstance(value, dict):
            items = (((*here, key), item) for key, item in value.items())
        elif isinstance(value, tuple):
            items = (((*here, index), item) for index, item in enumerate(value))
        else:
            items = ((here, value),)
        marker = _marker(type(model), name)
        for item_path, item in items:
            if isinstance(item, BaseModel):
                yield from _references(item, item_path)
            elif marker and isinstance(item, str):
                yield item_path, item, marker


@functools.cache
def _marker(model: type[BaseModel], name: str) -> RefTo | None:
    """Return the reference marker of a model's field, looked up once per class."""
    field: FieldInfo = model.model_fields[name]
    for meta in field.metadata:
        if isinstance(meta, RefTo):
            return meta
    return _marker_in(field.annotation)


def _marker_in(annotation: Any) -> RefTo | None:
    """Find a RefTo inside Optional[...] or tuple[...], where pydantic leaves it."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        for meta in annotation.__metadata__:
            if isinstance(meta, RefTo):
                return meta
    if origin in (typing.Union, types.UnionType, tuple, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _marker_in(arg)
            if found is not None:
                return found
    return None
