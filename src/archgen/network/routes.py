"""Route lookup: the implicit local route, gateway endpoints, then longest prefix first.

A route names a CIDR or a prefix list, and sends to an internet or NAT gateway, a
transit gateway or a peering connection; the choice's `kind` is the target's type.
"""

from __future__ import annotations

import ipaddress
from typing import NamedTuple

from archgen.model.architecture import Architecture
from archgen.model.resources.links import PrefixList
from archgen.model.resources.network import Route, Subnet, Vpc
from archgen.model.types import is_cidr
from archgen.network.endpoints import gateway_for
from archgen.network.intervals import MANAGED_LISTS, IntervalSet


class RouteChoice(NamedTuple):
    """Where part of a destination set is sent: local, a gateway, an endpoint, or nowhere."""

    kind: str
    target: str
    addresses: IntervalSet
    text: str
    route: Route | None = None
    """The declared route that claimed these addresses; None for local, endpoint or none."""


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
    for blocks, route in _by_prefix(arch, table.routes if table else ()):
        claimed = remaining & blocks
        if claimed:
            kind = arch.type_of(route.target)
            text = f"{route.destination} -> {route.target} ({table.id if table else 'main'})"
            choices.append(RouteChoice(kind, route.target, claimed, text, route))
            remaining = remaining - claimed
    if remaining:
        where = f"route table {table.id}" if table else "the VPC's implicit main route table"
        choices.append(RouteChoice("none", "", remaining, f"no route in {where}"))
    return choices


def _by_prefix(
    arch: Architecture, table_routes: tuple[Route, ...]
) -> list[tuple[IntervalSet, Route]]:
    """Return each route's blocks, most specific first: a prefix list's blocks each on its own.

    AWS matches the CIDRs of a prefix-list route one by one against the
    others by length; an AWS-managed list counts as one /8 (its stand-in).
    """
    blocks: list[tuple[int, IntervalSet, Route]] = []
    for route in table_routes:
        if is_cidr(route.destination):
            length = ipaddress.IPv4Network(route.destination).prefixlen
            blocks.append((length, IntervalSet.cidr(route.destination), route))
            continue
        prefix_list = arch.get(route.destination, PrefixList)
        for cidr in prefix_list.cidrs or ():
            blocks.append((ipaddress.IPv4Network(cidr).prefixlen, IntervalSet.cidr(cidr), route))
        if prefix_list.service is not None:
            blocks.append((8, MANAGED_LISTS[prefix_list.service], route))
    blocks.sort(key=lambda item: -item[0])
    return [(addresses, route) for _, addresses, route in blocks]
