"""How a declared connection becomes a network question (DESIGN.md 7.1).

The arrow of a connection points with the data; the packet that opens it
may go the other way (a poll is started by `to`), may expect no answer from
the application (an event), or may never touch the function's network
interfaces at all (AWS services invoke a Lambda through the Lambda service).
The rules, `trace` and the explanation all ask the network through `call_of`,
so they agree on it.

An event is one way for the application only. Handed over from a VPC, it
still travels on a connection: `SendMessage` to a queue, `Publish` to a topic,
a POST to a host are HTTPS, and the SYN-ACK and the HTTP 200 come back through
the same NACLs and routes as any reply. Only a datagram (UDP) sent and
forgotten has no packet coming back. Between AWS services (S3 to SNS to SQS)
no VPC sees the event at all.
"""

from __future__ import annotations

from typing import NamedTuple

from archgen.model.access import ends, is_service
from archgen.model.architecture import Architecture
from archgen.model.catalogue import PROTOCOL_PORTS
from archgen.model.document import Connection, ConnectionMode
from archgen.model.resources.facts import FrontDoor


def ip_protocol(protocol: str) -> str:
    """Return the IP protocol a connection protocol travels on."""
    return "udp" if protocol in ("udp", "dns") else "tcp"


INVOKED_THROUGH_SERVICE = frozenset({"lambda"})
"""Types every caller reaches through their service's API, never at their network interfaces."""


class Call(NamedTuple):
    """The packet a connection sends: who opens it, to whom, on what, and whether it returns."""

    caller: str
    callee: str
    protocol: str
    port: int
    mode: ConnectionMode = "request"
    via_service: bool = False
    """The AWS service carries the whole call: no route, NACL or group of a VPC applies."""

    @property
    def one_way(self) -> bool:
        """Tell whether the application answers nothing: an event is handed over and forgotten."""
        return self.mode == "event"

    @property
    def replied(self) -> bool:
        """Tell whether packets come back over the network, whatever the application answers.

        A TCP connection is acknowledged both ways even when it carries an
        event; only a one-way datagram leaves nothing to return.
        """
        return not self.one_way or ip_protocol(self.protocol) == "tcp"


def call_of(arch: Architecture, connection: Connection) -> Call:
    """Return the network question a declared connection asks."""
    caller, callee = ends(arch, connection)
    mode = arch.mode_of(connection)
    port = port_of_poll(arch, connection) if mode == "poll" else arch.port_of(connection)
    via = service_invokes(arch, connection.source, connection.target)
    return Call(caller, callee, connection.protocol, port, mode, via)


def service_invokes(arch: Architecture, source: str, target: str) -> bool:
    """Tell whether an AWS service hands `source`'s data to `target` through the target's service.

    API Gateway, S3, SNS, SQS, EventBridge, Step Functions, Cognito,
    CloudFront, Kinesis, DynamoDB: whatever is neither code under a role nor
    inside a subnet invokes a function through the Lambda API (AWS Lambda
    Developer Guide, invoking functions with other services); so does a load
    balancer whose target is a function.
    """
    if arch.type_of(target) not in INVOKED_THROUGH_SERVICE:
        return False
    return is_service(arch, source) or isinstance(arch.resource(source), FrontDoor)


def port_of_poll(arch: Architecture, connection: Connection) -> int:
    """Return the port a poller opens on the polled source: declared, its own, or the protocol's."""
    if connection.port is not None:
        return connection.port
    own = arch.resource(connection.source).own_port()
    return PROTOCOL_PORTS[connection.protocol] if own is None else own
