"""The values one pair's walk passes around: the packet, a leg toward the internet, the trail.

Every component check asks the same few things (which way the packet goes,
on what protocol and ports, from where to where), so they travel together as
one frozen `Probe` instead of as six loose arguments that are easy to swap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple, NoReturn

from archgen.network.intervals import EPHEMERAL, IntervalSet
from archgen.network.verdict import Block, Direction, Place, Step


class Probe(NamedTuple):
    """One packet: a request on one port, or its reply on the ephemeral ports.

    A check on the way out of something (NACL outbound, security group egress)
    compares its rules with the packet's destination; a check on the way in,
    with its origin.
    """

    direction: Direction
    protocol: str
    ports: IntervalSet
    origin: Place
    destination: Place
    client_ports: IntervalSet = EPHEMERAL
    """The source ports the connection's opener picks: where its replies are sent
    (network/ephemeral.py)."""

    @classmethod
    def request(
        cls,
        protocol: str,
        port: int,
        origin: Place,
        destination: Place,
        client_ports: IntervalSet = EPHEMERAL,
    ) -> Probe:
        """Return the packet that opens a connection on `port` from one of `client_ports`."""
        ports = IntervalSet(((port, port),))
        return cls("forward", protocol, ports, origin, destination, client_ports)

    def reply(self) -> Probe:
        """Return the answer to this packet: back the other way, to the opener's source port."""
        return self._replace(
            direction="return",
            ports=self.client_ports,
            origin=self.destination,
            destination=self.origin,
        )

    def remapped(self) -> Probe:
        """Return the packet as a NAT gateway sends it on: from a port of 1024-65535.

        AWS calls it REMAP_EPHEMERAL_PORT; replies reach the NAT on that range,
        and the NAT hands them back to the opener on the port it chose.
        """
        return self._replace(client_ports=EPHEMERAL)

    def sent_by(self, origin: Place) -> Probe:
        """Return the same packet as sent by another place (the subnet behind a NAT)."""
        return self._replace(origin=origin)

    def sent_to(self, destination: Place) -> Probe:
        """Return the same packet sent to another place (the endpoint a name resolves to)."""
        return self._replace(destination=destination)

    @property
    def port(self) -> int:
        """Return the request's port: a request probes exactly one, security groups want it."""
        return self.ports.intervals[0][0]


class Leg(NamedTuple):
    """A stretch of a path out of one subnet toward public addresses, on `owner`'s behalf.

    `direct_only` marks the reply to a packet the internet gateway brought in:
    it must leave by that gateway, not through NAT. `through` holds the NAT
    gateways already crossed, so that a route back into one is a loop, not a path.
    """

    subnet: str
    owner: str
    service: str | None = None
    direct_only: bool = False
    through: tuple[str, ...] = ()


class Blocked(Exception):
    """Ends the evaluation of one pair at the component that refused it."""

    def __init__(self, block: Block) -> None:
        self.block = block


@dataclass
class Trail:
    """The steps of one pair so far; `refuse` ends the pair with a block."""

    steps: list[Step] = field(default_factory=list)

    def admit(
        self,
        direction: Direction,
        kind: str,
        name: str,
        check: str,
        rules: tuple[str, ...],
        *,
        subject: str | None = None,
        way: str = "",
        by: str | None = None,
        unverified: str = "",
    ) -> None:
        """Record that component `name` let the packet through, and by which rules.

        `subject` is the component's id when `name` is not (it defaults to
        `name`); `by` is the one-line wording of `rules` when it is not their
        plain "; "-joined list; `unverified` says why the admission rests on an
        assumption about addresses archgen cannot list.
        """
        line = "; ".join(rules) if by is None else by
        subject = name if subject is None else subject
        step = Step(direction, kind, name, check, line, subject, rules, way, unverified)
        self.steps.append(step)

    def refuse(
        self, direction: Direction, kind: str, component: str, reason: str, detail: str
    ) -> NoReturn:
        """Stop the walk: later components never see a packet an earlier one dropped."""
        raise Blocked(Block(direction, kind, component, reason, detail))
