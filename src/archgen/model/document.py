"""The whole architecture file, format v1, as pydantic validates it."""

from typing import Annotated, Any, Literal

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


ConnectionEndpoint = Literal["primary", "reader"]
"""Which endpoint of a replicated store a connection uses: the primary (writer) or the readers'."""


class Connection(Frozen):
    """Who sends to whom, in the direction the data flows; `mode` says who starts it."""

    source: Annotated[Id, ref(), Field(alias="from")]
    """The resource that sends: it starts the call for `request` and `event`; for `poll` it is the
    source the data comes from."""
    target: Annotated[Id, ref(), Field(alias="to")]
    """The resource the data goes to: the callee for `request` and `event`; for `poll` the one that
    starts the call."""
    protocol: ConnectionProtocol
    """https 443, http 80, tcp/udp (port required), dns 53, mysql 3306, postgresql 5432, redis 6379,
    ssh 22, rdp 3389, nfs 2049, smtp 587, grpc 443, wss 443, mssql 1433, oracle 1521, memcached
    11211, kafka 9092."""
    port: Port | None = None
    """The destination port; defaults to the protocol's (or the target's own, such as a database
    engine's). An integer or a string of digits."""
    label: Label | None = None
    """A short text shown on the arrow."""
    mode: ConnectionMode = "request"
    """Who starts the connection and whether anything answers. `request` (default): `from` calls
    `to` and the answer comes back on it. `event`: `from` hands a message to `to` through an AWS
    service, one way, drawn dashed. `poll`: the data flows from `from` to `to`, but `to` (or the
    Lambda service for it) starts the call, with `to`'s role; sqs, kinesis_stream and dynamodb to
    a lambda are always polls."""
    endpoint: ConnectionEndpoint = "primary"
    """Which endpoint of a store with readers the call uses: `primary` (default: the primary, an
    Aurora cluster's writer) or `reader` (the reader endpoint of an Aurora cluster with
    `replicas`, or of an ElastiCache replication group with `replicas`, which spreads the reads
    over the readers)."""


class Flow(Frozen):
    """A named request path from a client to a backend, along declared connections."""

    name: Heading
    """The flow's name, a heading in the explanation."""
    steps: Annotated[tuple[Annotated[Id, ref()], ...], Field(min_length=2)]
    """Resource ids from the client to the backend; each consecutive pair must be a declared
    connection (the first declared when several join the pair)."""


class DocumentShell(Frozen):
    """An architecture file of format version 1 with its resources not yet read.

    The loader validates the other keys and the resource ids with this, and each
    resource by the class its `type` names (loader.resources): a run builds the
    validators of the types its files use, not the whole `Resource` union.
    """

    archgen: Literal[1]
    """The format version: 1."""
    name: Annotated[str, Field(pattern=NAME_PATTERN, max_length=64)]
    """Names the output files: lower-case letters, digits and dashes."""
    title: Heading
    """The title of the diagram and the explanation."""
    description: Document | None = None
    """What the system is for; opens the explanation (Markdown)."""
    region: Region
    """The AWS Region, such as us-east-1; every subnet's zone is in it."""
    resources: dict[Id, Any]
    """Every resource, by id, as written."""
    connections: tuple[Connection, ...] = ()
    """Who sends to whom, in the direction the data flows."""
    flows: tuple[Flow, ...] = ()
    """Named request paths from a client to the backend, numbered on the diagram."""


class ArchitectureDocument(DocumentShell):
    """An architecture file of format version 1."""

    resources: dict[Id, Resource]
    """Every resource, by id; `type` selects its kind."""
