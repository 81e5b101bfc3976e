"""The network settings AWS refuses to create, for AG004: VPC sizes, overlapping peers, routes.

A VPC's CIDR block is a /16 to a /28.

AWS refuses a peering connection between VPCs whose CIDR blocks overlap
(it could not tell the two sides' addresses apart), and a route whose
destination is the VPC's own CIDR block, which the implicit local route
already holds and no table may take from it.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator

from archgen.findings import Issue
from archgen.model.architecture import Architecture
from archgen.model.resources.links import VpcPeering
from archgen.model.resources.network import RouteTable, Vpc
from archgen.model.types import is_cidr
from archgen.rules.base import Rule


def network_refusals(rule: Rule, arch: Architecture) -> Iterator[Issue]:
    """Yield each peering of overlapping VPCs and each route to a VPC's own CIDR block."""
    for vpc in arch.resources_of(Vpc):
        size = ipaddress.IPv4Network(vpc.cidr).prefixlen
        if not 16 <= size <= 28:
            yield rule.issue(
                vpc,
                f"CIDR {vpc.cidr} is a /{size}: AWS refuses a VPC block larger than /16 or "
                "smaller than /28",
                "cidr",
            )
    for peering in arch.resources_of(VpcPeering):
        first, second = (arch.get(vpc, Vpc) for vpc in peering.vpcs)
        if ipaddress.IPv4Network(first.cidr).overlaps(ipaddress.IPv4Network(second.cidr)):
            yield rule.issue(
                peering,
                f"{first.id} ({first.cidr}) and {second.id} ({second.cidr}) overlap: AWS "
                "refuses to peer VPCs whose CIDR blocks overlap",
                "vpcs",
            )
    for table in arch.resources_of(RouteTable):
        cidr = arch.get(table.vpc, Vpc).cidr
        for index, route in enumerate(table.routes):
            if is_cidr(route.destination) and _same(route.destination, cidr):
                yield rule.issue(
                    table,
                    f"route to {route.destination} is the VPC's own CIDR block: the local "
                    "route holds it, and AWS refuses a second route to it",
                    "routes",
                    index,
                    "destination",
                )


def _same(first: str, second: str) -> bool:
    return ipaddress.IPv4Network(first) == ipaddress.IPv4Network(second)
