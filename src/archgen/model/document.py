"""The whole architecture file, format v1, as pydantic validates it."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from archgen.model.catalogue import Resource
from archgen.model.types import (
    NAME_PATTERN,
    Document,
    Frozen,
    Heading,
    Id,
    Label,
    Port,
    Region,
    ref,
)

FORMAT_VERSION = 1

ConnectionProtocol = Literal["https", "http", "tcp", "udp", "dns", "mysql", "postgresql", "redis"]


class Connection(Frozen):
    """Who calls whom, in the request direction; replies are implied."""

    source: Annotated[Id, ref(), Field(alias="from")]
    target: Annotated[Id, ref(), Field(alias="to")]
    protocol: ConnectionProtocol
    port: Port | None = None
    label: Label | None = None


class Flow(Frozen):
    """A named request path from a client to a backend, along declared connections."""

    name: Heading
    steps: Annotated[tuple[Annotated[Id, ref()], ...], Field(min_length=2)]


class ArchitectureDocument(Frozen):
    """An architecture file of format version 1."""

    archgen: Literal[1]
    name: Annotated[str, Field(pattern=NAME_PATTERN, max_length=64)]
    title: Heading
    description: Document | None = None
    region: Region
    resources: dict[Id, Resource]
    connections: tuple[Connection, ...] = ()
    flows: tuple[Flow, ...] = ()
