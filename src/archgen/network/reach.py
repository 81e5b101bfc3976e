"""Can A reach B on protocol/port, and can the reply come back? Hop by hop, both ways.

This is what the rules, the explanation and `archgen trace` ask. For every
pair of places traffic can use (each subnet of A with each subnet of B) it
hands one request to the walk (network/walk.py) and gathers the verdicts;
one analysis per architecture caches each declared connection's.
"""

from __future__ import annotations

from collections.abc import Iterator

from archgen.model.architecture import Architecture
from archgen.model.document import Connection
from archgen.network import endpoints, places
from archgen.network.calls import INVOKED_THROUGH_SERVICE, Call, call_of, ip_protocol
from archgen.network.ephemeral import client_ports
from archgen.network.probe import Probe
from archgen.network.verdict import Block, HopVerdict, PairVerdict, Place, Step
from archgen.network.walk import walk_pair


def connection_port(arch: Architecture, connection: Connection) -> int:
    """Return the destination port of a connection (see Architecture.port_of)."""
    return arch.port_of(connection)


def network_of(arch: Architecture) -> Reachability:
    """Return the reachability analysis of `arch`, built once and shared by every rule."""
    return arch.memo("network.reachability", lambda: Reachability(arch))


class Reachability:
    """Answers reachability questions about one architecture, caching each connection."""

    def __init__(self, arch: Architecture) -> None:
        self.arch = arch
        self._hops: dict[int, HopVerdict] = {}
        self._places: dict[str, tuple[Place, ...]] = {}

    def connection(self, index: int) -> HopVerdict:
        """Return the verdict of the declared connection at `index`, as its mode runs it."""
        if index not in self._hops:
            self._hops[index] = self.call(call_of(self.arch, self.arch.connections[index]))
        return self._hops[index]

    def call(self, call: Call) -> HopVerdict:
        """Check one call: carried by an AWS service, or request and (unless a datagram) reply.

        An event keeps its transport's replies (calls.Call.replied); the verdict
        still says it is one way, so nothing draws or explains an answer.
        """
        if call.via_service:
            return _through_service(self.arch, call)
        hop = self.hop(call.caller, call.callee, call.protocol, call.port)
        if not call.replied:
            return _one_way(hop)
        return hop._replace(one_way=call.one_way)

    def routing(self, index: int) -> HopVerdict:
        """Return whether the declared connection at `index` has a way at all, filters aside.

        Only the route, gateway and endpoint steps can refuse; AG603 asks this,
        so a NACL that also blocks the call cannot hide a missing route.
        """
        call = call_of(self.arch, self.arch.connections[index])
        if call.via_service:
            return _through_service(self.arch, call)
        return self.hop(call.caller, call.callee, call.protocol, call.port, routes_only=True)

    def connections(self) -> Iterator[tuple[int, HopVerdict]]:
        """Yield every declared connection's verdict, in declaration order."""
        for index in range(len(self.arch.connections)):
            yield index, self.connection(index)

    def failures(self) -> Iterator[tuple[int, HopVerdict, PairVerdict, Block]]:
        """Yield each unreachable connection with its first failing pair and block."""
        for index, hop in self.connections():
            failing = hop.first_block
            if failing is not None:
                yield index, hop, *failing

    def hop(
        self, source: str, target: str, protocol: str, port: int, *, routes_only: bool = False
    ) -> HopVerdict:
        """Check `source` -> `target` on `protocol`/`port` over every pair of places.

        A function is called at its service's endpoint, never at its interfaces:
        from a subnet that is a walk out to the public endpoint, as to any service.
        """
        if self.arch.type_of(target) in INVOKED_THROUGH_SERVICE and not self.in_vpc(source):
            return self._outside_vpcs(source, target, protocol, port)
        if not (self.in_vpc(source) or self.in_vpc(target)):
            return self._outside_vpcs(source, target, protocol, port)
        carrier = ip_protocol(protocol)
        if self.arch.type_of(target) in INVOKED_THROUGH_SERVICE:
            targets: tuple[Place, ...] = (places.outside(self.arch, target),)
        else:
            targets = self._places_of(target)
        opener = client_ports(self.arch, source)
        pairs = [
            walk_pair(
                self.arch,
                source,
                target,
                Probe.request(
                    carrier, port, a, endpoints.as_reached(self.arch, a, b, target), opener
                ),
                routes_only=routes_only,
            )
            for a in self._places_of(source)
            for b in targets
        ]
        return HopVerdict(source, target, protocol, port, tuple(pairs))

    def in_vpc(self, resource_id: str) -> bool:
        """Tell whether a resource has network interfaces in the VPC's subnets."""
        return places.in_vpc(self.arch, resource_id)

    def has_public_address(self, resource_id: str, subnet_id: str) -> bool:
        """Tell whether the resource has a public IPv4 address in that subnet."""
        return places.has_public_address(self.arch, resource_id, subnet_id)

    def _places_of(self, resource_id: str) -> tuple[Place, ...]:
        """Return the resource's places, built once: most resources end several connections."""
        found = self._places.get(resource_id)
        if found is None:
            found = self._places[resource_id] = tuple(places.places_of(self.arch, resource_id))
        return found

    def _outside_vpcs(self, source: str, target: str, protocol: str, port: int) -> HopVerdict:
        """Return the verdict of a hop no VPC component sees: AWS policies govern it alone."""
        rules = ("no route, NACL or security group applies", "IAM and resource policies govern it")
        check = f"{source} -> {target} outside any VPC"
        step = Step("forward", "aws", "", check, "; ".join(rules), "", rules)
        ends = places.outside(self.arch, source), places.outside(self.arch, target)
        pair = PairVerdict(*ends, (step,), None)
        return HopVerdict(source, target, protocol, port, (pair,), scope="outside")


def _through_service(arch: Architecture, call: Call) -> HopVerdict:
    """Return the verdict of a call an AWS service carries: no VPC component sees it."""
    if call.mode == "poll":
        check = f"the Lambda service polls {call.callee} for {call.caller}, with its role"
    else:
        check = f"{call.caller} invokes {call.callee} through the Lambda API"
    rules = (
        "the function's network interfaces take no part",
        "no route, NACL or security group applies",
    )
    step = Step("forward", "aws", "", check, "; ".join(rules), "", rules)
    ends = places.outside(arch, call.caller), places.outside(arch, call.callee)
    pair = PairVerdict(*ends, (step,), None)
    verdict = HopVerdict(call.caller, call.callee, call.protocol, call.port, (pair,), "service")
    return verdict._replace(one_way=call.one_way)


def _one_way(hop: HopVerdict) -> HopVerdict:
    """Keep only the request of every pair: a datagram sent one way has no reply to judge."""
    pairs = tuple(
        PairVerdict(
            pair.source,
            pair.target,
            tuple(step for step in pair.steps if step.direction == "forward"),
            pair.block if pair.block is None or pair.block.direction == "forward" else None,
        )
        for pair in hop.pairs
    )
    return hop._replace(pairs=pairs, one_way=True)
