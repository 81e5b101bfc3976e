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

ConnectionProtocol = Literal[
    "https",
    "http",
    "tcp",
    "udp",
    "dns",
    "mysql",
    "postgresql",
    "redis",
    "ssh",
    "rdp",
    "nfs",
    "smtp",
    "grpc",
    "wss",
    "mssql",
    "oracle",
    "memcached",
    "kafka",
]

ConnectionMode = Literal["request", "event", "poll"]
"""Who starts a connection and whether anything answers (DESIGN.md 7.1).

request: `from` calls `to` and the answer comes back on the same connection;
event: `from` hands a message to `to` through an AWS service, one way;
poll: the data flows from `from` to `to`, but `to` starts the call.
"""


class Connection(Frozen):
    """Who sends to whom, in the direction the data flows; `mode` says who starts it."""

    source: Annotated[Id, ref(), Field(alias="from")]
    target: Annotated[Id, ref(), Field(alias="to")]
    protocol: ConnectionProtocol
    port: Port | None = None
    label: Label | None = None
    mode: ConnectionMode = "request"


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
