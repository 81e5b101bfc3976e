"""Check that every reference names a resource, and one of the right type.

References are declared by the `RefTo` marker on model fields, so this check
follows the model and needs no list of its own. A bad reference is reported at
the reference's own line, where the user has to fix it.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from archgen.closest import closest
from archgen.errors import Problem
from archgen.loader.parts import Parts
from archgen.model.catalogue import CATALOGUE
from archgen.model.types import RefTo, is_cidr
from archgen.source import KeyPath, SourceMap


def check_references(parts: Parts, source: SourceMap) -> list[Problem]:
    """Return a problem for every reference that names nothing or the wrong type.

    A reference to a resource whose type is unknown (or missing) is not
    judged: that resource already has its one problem at its `type:`.
    """
    problems: list[Problem] = []
    models: list[tuple[KeyPath, BaseModel]] = [
        *((("resources", rid), resource) for rid, resource in parts.resources.items()),
        *((("connections", index), connection) for index, connection in parts.connections),
        *((("flows", index), flow) for index, flow in parts.flows),
    ]
    for base, model in models:
        for path, value, marker in _references(model, base):
            suggest = len(problems) < MAX_SUGGESTIONS
            message = _judge(value, marker, parts, str(_field_name(path)), suggest=suggest)
            if message:
                problems.append(Problem(source.value_span(path), message))
    return problems


MAX_SUGGESTIONS = 100
"""Wrong references that get a "did you mean"; past them, a file of thousands would take
minutes, since each suggestion compares the name with every id."""


def _judge(value: str, marker: RefTo, parts: Parts, field: str, *, suggest: bool) -> str | None:
    if is_cidr(value):  # a field that takes a CIDR or an id; a pure id field never holds one
        return None
    actual = parts.kinds.get(value)
    if actual is None and value in parts.declared:
        return None
    if actual is None:
        ids = list(parts.declared) if suggest else []  # the best match wins whatever the order
        close = closest(value, ids)
        hint = f" (did you mean '{close}'?)" if close else ""
        return f"{field}: '{value}' names no resource{hint}"
    allowed = marker.types or _types_with(marker.trait)
    if allowed and actual not in allowed:
        wanted = " or ".join(allowed)
        return f"{field}: '{value}' is {article(actual)}, but {field} takes {article(wanted)}"
    return None


def article(name: str) -> str:
    """Return a type's name after `a` or `an`, as it is read aloud: an alb, a nat_gateway."""
    return f"{'an' if name[:1] in 'aeiou' else 'a'} {name}"


@functools.cache
def _types_with(trait: type | None) -> tuple[str, ...]:
    """Return the catalogue's type names that mix in `trait` (none without one)."""
    if trait is None:
        return ()
    return tuple(name for name, cls in CATALOGUE.items() if issubclass(cls, trait))


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
