"""Can A reach B on protocol/port, and can the reply come back? Hop by hop, both ways.

The algorithm is that of reference/reachability.md: for every pair of places
traffic can use (each subnet of A with each subnet of B), check security group
egress, the source NACL, the route, the destination NACL, security group
ingress and listeners; then the reply through both NACLs and the routes back.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NoReturn

from archgen.model.architecture import Architecture
from archgen.model.document import Connection
from archgen.model.resources.edge import Alb
from archgen.model.resources.facts import HasSecurityGroups, MayBePublic
from archgen.model.resources.network import (
    InternetGateway,
    NatGateway,
    NetworkAcl,
    SecurityGroup,
    Subnet,
    Vpc,
)
from archgen.network import nacl, routes, security_groups
from archgen.network.intervals import EPHEMERAL, INTERNET, IntervalSet, port_text
from archgen.network.verdict import Block, Direction, HopVerdict, PairVerdict, Place, Step

_UNROUTABLE = ("internet_gateway", "nat_gateway", "vpc_endpoint")


def ip_protocol(protocol: str) -> str:
    """Return the IP protocol a connection protocol travels on."""
    return "udp" if protocol in ("udp", "dns") else "tcp"


def connection_port(arch: Architecture, connection: Connection) -> int:
    """Return the destination port of a connection (see Architecture.port_of)."""
    return arch.port_of(connection)


class _Blocked(Exception):
    """Ends the evaluation of one pair at the component that refused it."""

    def __init__(self, block: Block) -> None:
        self.block = block


@dataclass
class _Path:
    """The steps of one pair so far; `refuse` ends the pair with a block."""

    steps: list[Step] = field(default_factory=list)

    def admit(self, direction: Direction, kind: str, component: str, check: str, by: str) -> None:
        self.steps.append(Step(direction, kind, component, check, by))

    def refuse(
        self, direction: Direction, kind: str, component: str, reason: str, detail: str
    ) -> NoReturn:
        raise _Blocked(Block(direction, kind, component, reason, detail))


def network_of(arch: Architecture) -> Reachability:
    """Return the reachability analysis of `arch`, built once and shared by every rule."""
    return arch.memo("network.reachability", lambda: Reachability(arch))


class Reachability:
    """Answers reachability questions about one architecture, caching each connection."""

    def __init__(self, arch: Architecture) -> None:
        self.arch = arch
        self._hops: dict[int, HopVerdict] = {}

    # -- public questions ----------------------------------------------------------

    def connection(self, index: int) -> HopVerdict:
        """Return the verdict of the declared connection at `index`."""
        if index not in self._hops:
            connection = self.arch.connections[index]
            self._hops[index] = self.hop(
                connection.source,
                connection.target,
                connection.protocol,
                connection_port(self.arch, connection),
            )
        return self._hops[index]

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

    def hop(self, source: str, target: str, protocol: str, port: int) -> HopVerdict:
        """Check `source` -> `target` on `protocol`/`port` over every pair of places."""
        inside = (self.in_vpc(source), self.in_vpc(target))
        if inside == (False, False):
            step = Step(
                "forward",
                "aws",
                "",
                f"{source} -> {target} outside any VPC",
                "no route, NACL or security group applies; IAM and resource policies govern it",
            )
            place_a, place_b = self._outside(source), self._outside(target)
            pair = PairVerdict(place_a, place_b, (step,), None)
            return HopVerdict(source, target, protocol, port, (pair,), scope="outside")
        pairs = [
            self._pair(source, target, ip_protocol(protocol), port, a, b)
            for a in self._places(source)
            for b in self._places(target)
        ]
        return HopVerdict(source, target, protocol, port, tuple(pairs))

    def in_vpc(self, resource_id: str) -> bool:
        """Tell whether a resource has network interfaces in the VPC's subnets."""
        return self.arch.placement_of(resource_id) == "subnet"

    # -- places --------------------------------------------------------------------

    def _outside(self, resource_id: str) -> Place:
        if self.arch.type_of(resource_id) == "client":
            return Place(f"{resource_id} (internet)", INTERNET)
        return Place(f"{resource_id} (public endpoint)", INTERNET)

    def _places(self, resource_id: str) -> list[Place]:
        if not self.in_vpc(resource_id):
            return [self._outside(resource_id)]
        places = []
        for subnet_id in self.arch.subnets_of(resource_id):
            subnet = self.arch.get(subnet_id, Subnet)
            places.append(
                Place(
                    f"{resource_id} in {subnet_id} ({subnet.cidr})",
                    IntervalSet.cidr(subnet.cidr),
                    subnet_id,
                    subnet.zone,
                )
            )
        return places

    def _groups(self, resource_id: str) -> tuple[SecurityGroup, ...]:
        ids = self.arch.security_groups_of(resource_id)
        return tuple(self.arch.get(group, SecurityGroup) for group in ids)

    def _group_ids(self, resource_id: str) -> tuple[str, ...]:
        if not self.in_vpc(resource_id):
            return ()
        return self.arch.security_groups_of(resource_id) or (security_groups.DEFAULT_GROUP,)

    def has_public_address(self, resource_id: str, subnet_id: str) -> bool:
        """Tell whether the resource has a public IPv4 address in that subnet."""
        resource = self.arch.resource(resource_id)
        if not isinstance(resource, MayBePublic):
            return False
        return resource.has_public_address(self.arch.get(subnet_id, Subnet).public_ip_on_launch)

    # -- one pair ------------------------------------------------------------------

    def _pair(
        self, source: str, target: str, protocol: str, port: int, a: Place, b: Place
    ) -> PairVerdict:
        path = _Path()
        try:
            if self.arch.type_of(source) in _UNROUTABLE or self.arch.type_of(target) in _UNROUTABLE:
                path.refuse(
                    "forward",
                    "connection",
                    "",
                    "UNSUPPORTED_COMPONENT",
                    "gateways and endpoints carry traffic; they are not connection ends",
                )
            if a.subnet and b.subnet:
                self._inside(path, source, target, protocol, port, a, b)
            elif b.subnet:
                self._from_outside(path, source, target, protocol, port, a, b)
            else:
                self._to_outside(path, source, target, protocol, port, a, b)
        except _Blocked as blocked:
            return PairVerdict(a, b, tuple(path.steps), blocked.block)
        return PairVerdict(a, b, tuple(path.steps), None)

    def _inside(
        self, path: _Path, source: str, target: str, protocol: str, port: int, a: Place, b: Place
    ) -> None:
        assert a.subnet is not None  # noqa: S101 (caller's contract)
        assert b.subnet is not None  # noqa: S101 (caller's contract)
        vpc_a = self.arch.get(a.subnet, Subnet).vpc
        vpc_b = self.arch.get(b.subnet, Subnet).vpc
        if vpc_a != vpc_b:
            path.refuse(
                "forward", "vpc", vpc_a, "DISCONNECTED_VPCS", f"{vpc_a} and {vpc_b} are not peered"
            )
        ports = IntervalSet(((port, port),))
        self._group(path, "egress", source, protocol, port, b, self._group_ids(target))
        crossing = a.subnet != b.subnet
        if crossing:
            self._acl(path, "forward", a.subnet, "outbound", protocol, ports, b)
        self._local_route(path, "forward", a.subnet, b)
        if crossing:
            self._acl(path, "forward", b.subnet, "inbound", protocol, ports, a)
        self._group(path, "ingress", target, protocol, port, a, self._group_ids(source))
        self._listener(path, target, port)
        if crossing:
            self._acl(path, "return", b.subnet, "outbound", protocol, EPHEMERAL, a)
            self._local_route(path, "return", b.subnet, a)
            self._acl(path, "return", a.subnet, "inbound", protocol, EPHEMERAL, b)
        else:
            path.admit(
                "return",
                "subnet",
                b.subnet,
                "reply inside one subnet",
                "traffic within a subnet passes no NACL",
            )

    def _from_outside(
        self, path: _Path, source: str, target: str, protocol: str, port: int, a: Place, b: Place
    ) -> None:
        assert b.subnet is not None  # noqa: S101 (caller's contract)
        vpc = self.arch.get(b.subnet, Subnet).vpc
        gateway = next((g for g in self.arch.resources_of(InternetGateway) if g.vpc == vpc), None)
        if gateway is None:
            path.refuse(
                "forward",
                "vpc",
                vpc,
                "IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS",
                f"{vpc} has no internet gateway",
            )
        if not self.has_public_address(target, b.subnet):
            path.refuse(
                "forward",
                "internet_gateway",
                gateway.id,
                "IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS",
                f"{target} has no public IP address in {b.subnet}",
            )
        path.admit(
            "forward",
            "internet_gateway",
            gateway.id,
            f"from {a.label}",
            f"attached to {vpc}; {target} has a public address",
        )
        path.admit(
            "forward",
            "route_table",
            "",
            f"to {b.label}",
            f"implicit local route {self._vpc_cidr(b.subnet)}",
        )
        ports = IntervalSet(((port, port),))
        self._acl(path, "forward", b.subnet, "inbound", protocol, ports, a)
        self._group(path, "ingress", target, protocol, port, a, ())
        self._listener(path, target, port)
        self._acl(path, "return", b.subnet, "outbound", protocol, EPHEMERAL, a)
        self._route_to_internet(path, "return", b.subnet, a, None, target, direct_only=True)

    def _to_outside(
        self, path: _Path, source: str, target: str, protocol: str, port: int, a: Place, b: Place
    ) -> None:
        assert a.subnet is not None  # noqa: S101 (caller's contract)
        ports = IntervalSet(((port, port),))
        self._group(path, "egress", source, protocol, port, b, ())
        self._acl(path, "forward", a.subnet, "outbound", protocol, ports, b)
        service = self.arch.type_of(target)
        self._route_to_internet(
            path, "forward", a.subnet, b, service, source, protocol=protocol, port=port
        )
        self._acl(path, "return", a.subnet, "inbound", protocol, EPHEMERAL, b)

    # -- components ----------------------------------------------------------------

    def _acl(
        self,
        path: _Path,
        direction: Direction,
        subnet_id: str,
        way: str,
        protocol: str,
        ports: IntervalSet,
        peer: Place,
    ) -> None:
        acl_id = self.arch.nacl_of(subnet_id)
        preposition = "to" if way == "outbound" else "from"
        check = f"{way} {protocol} {port_text(ports)} {preposition} {peer.label}"
        if acl_id is None:
            vpc = self.arch.get(subnet_id, Subnet).vpc
            path.admit(
                direction,
                "network_acl",
                f"default ACL of {vpc}",
                check,
                f"{subnet_id} has no NACL: the default ACL allows all traffic",
            )
            return
        acl = self.arch.get(acl_id, NetworkAcl)
        rules = acl.inbound if way == "inbound" else acl.outbound
        result = nacl.evaluate(rules, protocol, ports, peer.addresses)
        if not result.admitted:
            path.refuse(
                direction,
                "network_acl",
                f"{acl_id} {way}",
                "SUBNET_ACL_RESTRICTION",
                nacl.refusal_text(result, protocol, preposition),
            )
        path.admit(direction, "network_acl", f"{acl_id} {way}", check, "; ".join(result.rules))

    def _group(
        self,
        path: _Path,
        direction: str,
        owner: str,
        protocol: str,
        port: int,
        peer: Place,
        peer_groups: tuple[str, ...],
    ) -> None:
        if not isinstance(self.arch.resource(owner), HasSecurityGroups):
            return  # a NAT gateway has no security groups: only its NACL filters
        groups = self._groups(owner)
        result = security_groups.check(
            groups, direction, protocol, port, peer.addresses, peer_groups, peer.label
        )
        names = ", ".join(g.id for g in groups) or "default"
        way = "from" if direction == "ingress" else "to"
        check = f"{direction} {protocol} {port} {way} {peer.label}"
        if not result.admitted:
            path.refuse("forward", "security_group", names, result.reason, result.detail)
        path.admit("forward", "security_group", names, check, "; ".join(result.rules))

    def _listener(self, path: _Path, target: str, port: int) -> None:
        alb = self.arch.resource(target)
        if not isinstance(alb, Alb):
            return
        listener = next((item for item in alb.listeners if item.port == port), None)
        if listener is None:
            ports = ", ".join(str(item.port) for item in alb.listeners) or "none"
            path.refuse(
                "forward",
                "listener",
                target,
                "ELBV2_LISTENERS_MISMATCH",
                f"no listener on port {port} (listeners: {ports})",
            )
        if not self.arch.connections_from(target):
            path.refuse(
                "forward",
                "listener",
                target,
                "ELBV2_LISTENER_HAS_NO_TG",
                f"{target} forwards to no target: declare a connection from it",
            )
        path.admit(
            "forward",
            "listener",
            target,
            f"port {port}",
            f"listener {listener.protocol}:{listener.port}",
        )

    def _route_to_internet(
        self,
        path: _Path,
        direction: Direction,
        subnet_id: str,
        peer: Place,
        service: str | None,
        owner: str,
        *,
        direct_only: bool = False,
        protocol: str = "tcp",
        port: int = 0,
        through: tuple[str, ...] = (),
    ) -> None:
        """Follow the routes from `subnet_id` toward public addresses, through NAT if need be.

        `through` holds the NAT gateways already crossed: a NAT gateway placed in
        a subnet that routes back to it (AG001 reports that) is a loop, not a path.
        """
        for choice in routes.lookup(self.arch, subnet_id, peer.addresses, service):
            table = self._table_name(subnet_id)
            if choice.kind == "none" or choice.kind == "local":
                path.refuse(
                    direction,
                    "route_table",
                    table,
                    "NO_ROUTE_TO_DESTINATION",
                    f"{choice.text} for {peer.label}",
                )
            if choice.kind == "vpc_endpoint":
                if protocol != "tcp":
                    path.refuse(
                        direction,
                        "vpc_endpoint",
                        choice.target,
                        "VPCE_GATEWAY_PROTOCOL_RESTRICTION",
                        "gateway endpoints carry TCP only",
                    )
                path.admit(direction, "route_table", table, f"to {peer.label}", choice.text)
            elif choice.kind == "internet_gateway":
                if not direct_only and not self.has_public_address(owner, subnet_id):
                    path.refuse(
                        direction,
                        "internet_gateway",
                        choice.target,
                        "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS",
                        f"{owner} has no public IP address in {subnet_id}",
                    )
                path.admit(direction, "route_table", table, f"to {peer.label}", choice.text)
            elif direct_only:
                path.refuse(
                    direction,
                    "route_table",
                    table,
                    "NO_ROUTE_TO_DESTINATION",
                    f"the reply to {peer.label} takes {choice.text}, not the internet "
                    "gateway it came through",
                )
            elif choice.target in through:
                path.refuse(
                    direction,
                    "route_table",
                    table,
                    "NO_ROUTE_TO_DESTINATION",
                    f"{choice.text} loops back to a NAT gateway this packet already crossed",
                )
            else:
                path.admit(direction, "route_table", table, f"to {peer.label}", choice.text)
                self._through_nat(
                    path, choice.target, subnet_id, peer, protocol, port, (*through, choice.target)
                )

    def _through_nat(
        self,
        path: _Path,
        nat_id: str,
        source_subnet: str,
        peer: Place,
        protocol: str,
        port: int,
        through: tuple[str, ...],
    ) -> None:
        nat = self.arch.get(nat_id, NatGateway)
        inner = Place(
            f"{source_subnet} ({self.arch.get(source_subnet, Subnet).cidr})",
            IntervalSet.cidr(self.arch.get(source_subnet, Subnet).cidr),
            source_subnet,
        )
        ports = IntervalSet(((port, port),))
        crossing = nat.subnet != source_subnet
        if crossing:
            self._acl(path, "forward", nat.subnet, "inbound", protocol, ports, inner)
        self._acl(path, "forward", nat.subnet, "outbound", protocol, ports, peer)
        self._route_to_internet(
            path,
            "forward",
            nat.subnet,
            peer,
            None,
            nat_id,
            protocol=protocol,
            port=port,
            through=through,
        )
        path.admit(
            "forward",
            "nat_gateway",
            nat_id,
            f"to {peer.label}",
            "source address translated; replies return to the NAT on 1024-65535",
        )
        self._acl(path, "return", nat.subnet, "inbound", protocol, EPHEMERAL, peer)
        if crossing:
            self._acl(path, "return", nat.subnet, "outbound", protocol, EPHEMERAL, inner)

    def _local_route(self, path: _Path, direction: Direction, subnet_id: str, peer: Place) -> None:
        """Admit traffic to an address of the VPC: the implicit local route always matches."""
        table = self._table_name(subnet_id)
        rule = f"implicit local route {self._vpc_cidr(subnet_id)}"
        path.admit(direction, "route_table", table, f"to {peer.label}", rule)

    def _table_name(self, subnet_id: str) -> str:
        table = self.arch.route_table_of(subnet_id)
        return table.id if table else f"main table of {self.arch.get(subnet_id, Subnet).vpc}"

    def _vpc_cidr(self, subnet_id: str) -> str:
        return self.arch.get(self.arch.get(subnet_id, Subnet).vpc, Vpc).cidr
