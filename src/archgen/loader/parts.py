"""The parts of a document that the reference and constraint checks judge, valid or not.

A document with one bad value has no model, yet its other resources,
connections and flows are fine and may break rules of their own. Both checks
read them from `Parts`: from the model when the document validated, else from
each part that validates alone, every one at its own index, so one run reports
every problem whatever stage finds it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any, NamedTuple

from pydantic import TypeAdapter, ValidationError

from archgen.loader.by_type import validate_resource
from archgen.model.catalogue import CATALOGUE, type_name
from archgen.model.document import ArchitectureDocument, Connection, Flow
from archgen.model.resources.base import ResourceBase


class Parts(NamedTuple):
    """The valid parts of a document, and what its invalid parts still tell."""

    resources: dict[str, ResourceBase]
    """The resources that validate, by id, in declaration order."""
    connections: tuple[tuple[int, Connection], ...]
    """The connections that validate, with their index in the file."""
    flows: tuple[tuple[int, Flow], ...]
    """The flows that validate, with their index in the file."""
    kinds: dict[str, str]
    """The type of every resource whose `type` names a known type, valid or not."""
    declared: frozenset[str]
    """Every resource id written: naming one of unknown type is not a second problem."""
    pairs: frozenset[tuple[str, str]]
    """Every connection's (from, to) as written, so a flow along a bad one is not refused."""


def of_document(document: ArchitectureDocument) -> Parts:
    """Return the parts of a document that validated whole."""
    resources: dict[str, ResourceBase] = dict(document.resources)
    return Parts(
        resources=resources,
        connections=tuple(enumerate(document.connections)),
        flows=tuple(enumerate(document.flows)),
        kinds={rid: type_name(resource) for rid, resource in resources.items()},
        declared=frozenset(resources),
        pairs=frozenset((c.source, c.target) for c in document.connections),
    )


def of_data(data: dict[str, Any]) -> Parts:
    """Return the parts of plain data that validate on their own (the document did not)."""
    raw = data.get("resources")
    raw_resources: dict[str, Any] = raw if isinstance(raw, dict) else {}
    raw_connections = _listed(data.get("connections"))
    adapters = _adapters()
    return Parts(
        resources=dict(_valid_resources(raw_resources)),
        connections=tuple(_valid(enumerate(raw_connections), adapters["connections"])),
        flows=tuple(_valid(enumerate(_listed(data.get("flows"))), adapters["flows"])),
        kinds={
            rid: item["type"]
            for rid, item in raw_resources.items()
            if isinstance(item, dict) and isinstance(item.get("type"), str)
            if item["type"] in CATALOGUE
        },
        declared=frozenset(raw_resources),
        pairs=frozenset(
            (item["from"], item["to"])
            for item in raw_connections
            if isinstance(item, dict)
            and isinstance(item.get("from"), str)
            and isinstance(item.get("to"), str)
        ),
    )


def _listed(value: Any) -> list[Any]:  # a raw YAML value, a list when the file is right
    return value if isinstance(value, list) else []


def _valid_resources(raw: dict[str, Any]) -> Iterator[tuple[str, ResourceBase]]:
    """Yield (id, model) for each resource that validates alone, by its own class."""
    for rid, item in raw.items():
        resource, _ = validate_resource(item)
        if resource is not None:
            yield rid, resource


def _valid(items: Any, adapter: TypeAdapter[Any]) -> Iterator[tuple[Any, Any]]:
    """Yield (key, model) for each raw item that validates alone; the rest are reported."""
    for key, item in items:
        try:
            yield key, adapter.validate_python(item)
        except ValidationError:
            continue


@functools.cache
def _adapters() -> dict[str, TypeAdapter[Any]]:
    """Build the validators for single parts only when a document failed validation."""
    return {
        "connections": TypeAdapter(Connection),
        "flows": TypeAdapter(Flow),
    }
