"""What a subnet's route table and network ACL decide, in the few words a picture can hold.

The network view (`render --view network`) writes these beside each subnet.
The routes are the analysis's own choices (`routes.lookup`, which every
reachability verdict takes), so the picture cannot say a subnet sends its
traffic somewhere the check does not.
"""

from __future__ import annotations

from dataclasses import dataclass

from archgen.model.architecture import Architecture
from archgen.model.resources.network import NaclRule, NetworkAcl, Subnet, VpcEndpoint
from archgen.network import routes
from archgen.network.intervals import ALL_ADDRESSES

ARROW = "\u2192"
"""The arrow between a destination and its target, as AWS diagrams write routes."""


@dataclass(frozen=True)
class SubnetSummary:
    """A subnet's route table with its deciding routes, and its NACL with what it admits."""

    table: str
    """The route table's id, or `main` for the VPC's implicit main table."""
    routes: tuple[str, ...]
    """`0.0.0.0/0 → igw`, most specific first, then `else: no route` when some addresses
    have none; `local only` when nothing leaves the VPC."""
    nacl: str
    """The NACL's id, or `default` for the VPC's allow-all default ACL."""
    admits: str
    """What the NACL lets in: `80 from 10.0.0.0/23, 1024-65535`; `all` for the default."""


def summarise(arch: Architecture, subnet_id: str) -> SubnetSummary:
    """Return the route table, deciding routes and NACL of `subnet_id`."""
    table = arch.route_table_of(subnet_id)
    nacl_id = arch.nacl_of(subnet_id)
    acl = arch.get(nacl_id, NetworkAcl) if nacl_id else None
    return SubnetSummary(
        table=table.id if table else "main",
        routes=route_lines(arch, subnet_id),
        nacl=nacl_id or "default",
        admits=_admits(acl.inbound) if acl else "all",
    )


def route_lines(arch: Architecture, subnet_id: str) -> tuple[str, ...]:
    """Return where traffic leaving the subnet goes, as the analysis routes it.

    Every address is looked up: the local route's share is left out (every
    subnet has it), each gateway, transit gateway or peering connection that
    claims a share is named with the destinations written for it, and each
    gateway endpoint on the table is named by its service's prefix list. A
    table without a default route ends with `else: no route`: the rest is dropped.
    """
    table = arch.route_table_of(subnet_id)
    written: dict[str, list[str]] = {}
    for route in table.routes if table else ():
        written.setdefault(route.target, []).append(route.destination)
    choices = routes.lookup(arch, subnet_id, ALL_ADDRESSES)
    lines = [
        f"{', '.join(written.get(choice.target, [choice.target]))} {ARROW} {choice.target}"
        for choice in choices
        if choice.kind not in ("local", "none")
    ]
    lines += [
        f"{service} prefix list {ARROW} {endpoint}"
        for service, endpoint in _gateway_endpoints(arch, subnet_id)
    ]
    if not lines:
        return ("local only",)
    dropped = any(choice.kind == "none" for choice in choices)
    return (*lines, "else: no route") if dropped else tuple(lines)


def _gateway_endpoints(arch: Architecture, subnet_id: str) -> list[tuple[str, str]]:
    """Return (service, endpoint) for each gateway endpoint the subnet's lookup sends to."""
    vpc = arch.get(subnet_id, Subnet).vpc
    services = sorted(
        {
            e.service
            for e in arch.resources_of(VpcEndpoint)
            if e.vpc == vpc and e.endpoint_kind() == "gateway"
        }
    )
    found = []
    for service in services:
        for choice in routes.lookup(arch, subnet_id, ALL_ADDRESSES, service):
            if choice.kind == "vpc_endpoint":
                found.append((service, choice.target))
    return found


def _admits(rules: tuple[NaclRule, ...]) -> str:
    """Return the inbound rules in evaluation order, allows as ports (and sources), denies marked.

    A source open to everyone is left out: the ports are what a reader looks for.
    """
    parts = []
    for rule in sorted(rules, key=lambda r: r.rule):
        ports = rule.protocol if rule.protocol in ("all", "icmp") else str(rule.ports)
        source = "" if rule.cidr == "0.0.0.0/0" else f" from {rule.cidr}"
        parts.append(f"{'deny ' if rule.action == 'deny' else ''}{ports}{source}")
    return ", ".join(parts) or "nothing"
