"""Route lookup: the implicit local route, gateway endpoints, then longest prefix first."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from archgen.model.architecture import Architecture
from archgen.model.resources.network import Subnet, Vpc
from archgen.network.endpoints import gateway_for
from archgen.network.intervals import IntervalSet


@dataclass(frozen=True)
class RouteChoice:
    """Where part of a destination set is sent: local, a gateway, an endpoint, or nowhere."""

    kind: str
    target: str
    addresses: IntervalSet
    text: str


def lookup(
    arch: Architecture, subnet_id: str, addresses: IntervalSet, service: str | None = None
) -> list[RouteChoice]:
    """Split `addresses` by the route each part takes from `subnet_id`.

    A gateway endpoint's route names the service's prefix list, which format v1
    does not spell out; it is taken to win over every declared route for that
    service, which is what longest-prefix match gives against 0.0.0.0/0.
    """
    subnet = arch.get(subnet_id, Subnet)
    vpc = arch.get(subnet.vpc, Vpc)
    table = arch.route_table_of(subnet_id)
    choices: list[RouteChoice] = []
    local = addresses & IntervalSet.cidr(vpc.cidr)
    if local:
        choices.append(RouteChoice("local", "local", local, f"implicit local route {vpc.cidr}"))
    remaining = addresses - local
    endpoint = gateway_for(arch, table.id, service) if table and service else None
    if remaining and endpoint is not None:
        text = f"{service} prefix list -> {endpoint.id} (gateway endpoint)"
        choices.append(RouteChoice("vpc_endpoint", endpoint.id, remaining, text))
        return choices
    routes = sorted(
        table.routes if table else (),
        key=lambda route: -ipaddress.IPv4Network(route.destination).prefixlen,
    )
    for route in routes:
        claimed = remaining & IntervalSet.cidr(route.destination)
        if claimed:
            kind = arch.type_of(route.target)
            text = f"{route.destination} -> {route.target} ({table.id if table else 'main'})"
            choices.append(RouteChoice(kind, route.target, claimed, text))
            remaining = remaining - claimed
    if remaining:
        where = f"route table {table.id}" if table else "the VPC's implicit main route table"
        choices.append(RouteChoice("none", "", remaining, f"no route in {where}"))
    return choices
