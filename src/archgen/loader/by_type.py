"""Validate a document resource by resource, each by the class its `type` names.

pydantic builds a model's validator on its first use (the models defer it).
Validating the whole document at once builds the `Resource` union: every type
of the catalogue, some 45 classes and a sixth of a render's time, though a
design uses a dozen. Here the other keys and the resource ids are validated by
`DocumentShell`, and each resource by its own class, so a run builds only the
types its files use. A resource whose `type` is missing, unknown or not a
mapping is validated by the union itself (built then, once): its errors are
the union's own. Every error carries the `loc` the union gives (its tag
included), so the messages and places are those of a whole-document validation.
"""

from __future__ import annotations

import functools
from typing import Any

from pydantic import TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from archgen.model.catalogue import CATALOGUE, Resource
from archgen.model.document import ArchitectureDocument, DocumentShell
from archgen.model.resources.base import ResourceBase


def validate_document(data: Any) -> tuple[ArchitectureDocument | None, list[ErrorDetails]]:
    """Return the validated document, or None and the errors pydantic reports of it.

    The errors are those of `ArchitectureDocument.model_validate(data)`, in
    another order: the document's keys (resource ids included) first, then each
    resource's, as written. No two errors at one place change order, so
    `validate` keeps the same one of them.
    """
    shell, errors = _shell(data)
    raw = data.get("resources") if isinstance(data, dict) else None
    resources: dict[Any, ResourceBase] = {}
    for rid, value in raw.items() if isinstance(raw, dict) else ():
        resource, found = validate_resource(value)
        errors += [_within(("resources", _loc_item(rid)), error) for error in found]
        if resource is not None:
            resources[rid] = resource
    if shell is None or errors:
        return None, errors
    fields = dict(shell) | {"resources": resources}
    return ArchitectureDocument.model_construct(shell.model_fields_set, **fields), []


def validate_resource(value: Any) -> tuple[ResourceBase | None, list[ErrorDetails]]:
    """Return one resource validated as the `Resource` union would, or None and its errors."""
    cls = _class_of(value)
    try:
        if cls is None:
            resource: ResourceBase = _union().validate_python(value)
        else:
            resource = cls.model_validate(value)
    except ValidationError as error:
        tag = () if cls is None else (value["type"],)  # the union's loc names the member
        return None, [_within(tag, found) for found in error.errors(include_url=False)]
    return resource, []


def _shell(data: Any) -> tuple[DocumentShell | None, list[ErrorDetails]]:
    try:
        return DocumentShell.model_validate(data), []
    except ValidationError as error:
        return None, error.errors(include_url=False)


def _class_of(value: Any) -> type[ResourceBase] | None:
    """Return the class a resource's `type` names; None where only the union can say why not."""
    name = value.get("type") if isinstance(value, dict) else None
    return CATALOGUE.get(name) if isinstance(name, str) else None


_I64 = range(-(2**63), 2**63)


def _loc_item(key: Any) -> int | str:
    """Return how pydantic names a mapping's key in a `loc`: YAML keys may be of any kind.

    A string as it is, a whole number that fits 64 bits as a number, anything else
    by its `repr`; unchanged, `validate` places the error as it would any other.
    """
    if isinstance(key, str):
        return key
    if isinstance(key, int) and key in _I64:
        return int(key)
    return repr(key)


def _within(prefix: tuple[int | str, ...], error: ErrorDetails) -> ErrorDetails:
    """Return `error` placed inside `prefix`, as validating the whole would place it."""
    return {**error, "loc": (*prefix, *error["loc"])}


@functools.cache
def _union() -> TypeAdapter[Any]:
    """Build the whole union's validator, only for a resource no single class can judge."""
    return TypeAdapter(Resource)
