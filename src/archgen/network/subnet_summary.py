"""What a subnet's route table and network ACL decide, in the few words a picture can hold.

The network view (`render --view network`) writes these beside each subnet.
The routes are the analysis's own choices (`routes.lookup`, which every
reachability verdict takes), so the picture cannot say a subnet sends its
traffic somewhere the check does not.
"""

from __future__ import annotations

from dataclasses import dataclass

from archgen.model.architecture import Architecture
from archgen.model.resources.network import (
    NaclRule,
    NetworkAcl,
    Route,
    RouteTable,
    Subnet,
    Vpc,
    VpcEndpoint,
)
from archgen.network import nacl, routes
from archgen.network.intervals import ALL_ADDRESSES, ALL_PORTS

ARROW = "\u2192"
"""The arrow between a destination and its target, as AWS diagrams write routes."""
ANYWHERE = "0.0.0.0/0"


@dataclass(frozen=True)
class SubnetSummary:
    """A subnet's route table with its deciding routes, and its NACL with what it lets through."""

    table: str
    """The route table's id, `main-rt (main)` for the main table, `main` for the implicit one."""
    routes: tuple[str, ...]
    """`0.0.0.0/0 → igw` first when there is a default route, then the routes that decide
    the rest, most specific first; `else: no route (10.0.0.0/16 → local)` when some
    addresses have none; `10.0.0.0/16 → local only` when nothing leaves the VPC."""
    nacl: str
    """The NACL's id, or `default` for the VPC's allow-all default ACL."""
    admits: str
    """What the NACL lets in, in evaluation order: `80 from 10.0.0.0/23, deny all from any`."""
    sends: str
    """What the NACL lets out, in the same words (`to` for `from`)."""


def summarise(arch: Architecture, subnet_id: str) -> SubnetSummary:
    """Return the route table, deciding routes and NACL of `subnet_id`."""
    table = arch.route_table_of(subnet_id)
    nacl_id = arch.nacl_of(subnet_id)
    acl = arch.get(nacl_id, NetworkAcl) if nacl_id else None
    return SubnetSummary(
        table=_table_name(table),
        routes=route_lines(arch, subnet_id),
        nacl=nacl_id or "default",
        admits=nacl_text(acl.inbound, "from") if acl else "all from any",
        sends=nacl_text(acl.outbound, "to") if acl else "all to any",
    )


def _table_name(table: RouteTable | None) -> str:
    """Name the table; the main table says so, since subnets without one of their own use it."""
    if table is None:
        return "main"
    return f"{table.id} (main)" if table.main else table.id


def route_lines(arch: Architecture, subnet_id: str) -> tuple[str, ...]:
    """Return where traffic leaving the subnet goes, as the analysis routes it.

    Every address is looked up: each declared route that claims a share is
    written once as the author wrote it (a prefix list by its name, however
    many ranges it holds), the default route first, then the others most
    specific first, then each gateway endpoint on the table by its service's
    prefix list. The local route is named when nothing else decides: a table
    without a default route ends with `else: no route (10.0.0.0/16 → local)`.
    """
    decided: list[Route] = []
    choices = routes.lookup(arch, subnet_id, ALL_ADDRESSES)
    for choice in choices:
        if choice.route is not None and choice.route not in decided:
            decided.append(choice.route)
    decided.sort(key=lambda route: route.destination != ANYWHERE)
    lines = [f"{route.destination} {ARROW} {route.target}" for route in decided]
    lines += [
        f"{service} prefix list {ARROW} {endpoint}"
        for service, endpoint in _gateway_endpoints(arch, subnet_id)
    ]
    local = arch.get(arch.get(subnet_id, Subnet).vpc, Vpc).cidr
    if not lines:
        return (f"{local} {ARROW} local only",)
    dropped = any(choice.kind == "none" for choice in choices)
    return (*lines, f"else: no route ({local} {ARROW} local)") if dropped else tuple(lines)


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


def nacl_text(rules: tuple[NaclRule, ...], way: str) -> str:
    """Return the rules that decide some traffic, in evaluation order, as ports and addresses.

    The first matching rule decides (network.nacl.claims, the walk every
    verdict takes), so a rule that lower-numbered rules leave nothing to is
    shadowed and left out. Each rule names its addresses (`from any` for
    0.0.0.0/0) and its protocol unless it is tcp; a deny says so.
    """
    deciding = [
        rule
        for rule in sorted(rules, key=lambda r: r.rule)
        if any(
            hits and chosen is rule
            for protocol in _PROTOCOLS
            for chosen, hits, _ in nacl.claims(rules, protocol, (ALL_ADDRESSES, ALL_PORTS))
        )
    ]
    return ", ".join(_rule_words(rule, way) for rule in deciding) or "nothing"


_PROTOCOLS = ("tcp", "udp", "icmp")
"""The protocols a NACL rule may name besides `all`, each walked on its own."""


def _rule_words(rule: NaclRule, way: str) -> str:
    """Return e.g. `deny udp 53 from 10.0.0.0/8`, `443 from any`, `all to any`."""
    what: str = rule.protocol
    if rule.protocol in ("tcp", "udp"):
        what = str(rule.ports) if rule.protocol == "tcp" else f"udp {rule.ports}"
    where = "any" if rule.cidr == ANYWHERE else rule.cidr
    return f"{'deny ' if rule.action == 'deny' else ''}{what} {way} {where}"
