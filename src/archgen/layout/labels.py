"""The words on a connection's line: what it does, then its protocol and port.

An architect reads "SQL query" before "MySQL 3306"; a picture whose lines all
say "HTTPS 443" says nothing about the design. The protocol is written as
its owners spell it (MySQL, PostgreSQL), never shouted in capitals.
"""

from __future__ import annotations

from archgen.model.architecture import Architecture
from archgen.model.document import Connection
from archgen.model.resources.facts import HoldsRole
from archgen.network.verdict import Block

PROTOCOL_NAMES = {
    "mysql": "MySQL",
    "postgresql": "PostgreSQL",
    "redis": "Redis",
    "memcached": "Memcached",
    "oracle": "Oracle",
    "mssql": "SQL Server",
    "kafka": "Kafka",
    "grpc": "gRPC",
}


def protocol_name(protocol: str) -> str:
    """Return the protocol as it is written in prose: HTTPS, MySQL, gRPC."""
    return PROTOCOL_NAMES.get(protocol, protocol.upper())


def connection_label(arch: Architecture, connection: Connection, blocked_at: str = "") -> str:
    """Return the label of a connection's line: its own words, then protocol and port.

    A connection the network refuses says where: the picture then shows the
    fault where an architect looks for it, not only in the check report. A
    delivery inside AWS (`aws_internal`) has no protocol and port to show.
    """
    wire = f"{protocol_name(connection.protocol)} {arch.port_of(connection)}"
    if aws_internal(arch, connection):
        lines = [connection.label] if connection.label else []
    else:
        lines = [connection.label, wire] if connection.label else [wire]
    if blocked_at:
        lines.append(blocked_at)
    return "\n".join(lines)


KINDS = {"network_acl": "network ACL", "security_group": "security group"}
"""Components as an architect names them on a line's label."""


def blocked_words(block: Block) -> str:
    """Return where the analysis stops a connection: `blocked at network ACL app-nacl inbound`.

    A refused reply says so: the request got through, and the fix (ephemeral
    ports, the other side's outbound rules) is not the one for a refused request.
    """
    kind = KINDS.get(block.kind, block.kind.replace("_", " "))
    where = f"{kind} {block.component}".strip()
    return f"{'reply ' if block.direction == 'return' else ''}blocked at {where}"


def aws_internal(arch: Architecture, connection: Connection) -> bool:
    """Tell whether a connection is a delivery AWS makes between its own services.

    An event that a managed service sends (an S3 or SNS notification, a
    queue's dead-letter redrive, an EventBridge rule) to a service reached
    through the AWS API never crosses a network the design opens: no security
    group or route sees it, so a protocol and port on it would mislead. Code
    the design runs (a function, a container) opens real connections; so does
    any service delivering to an address in a VPC or on the internet.
    """
    source = arch.resource(connection.source)
    target = arch.resource(connection.target)
    return (
        connection.mode == "event"
        and source.facts.placement in ("regional", "global")
        and not isinstance(source, HoldsRole)
        and target.facts.signed_api
    )
