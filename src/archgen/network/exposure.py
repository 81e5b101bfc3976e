"""Which application and data resources the internet reaches directly (AG205).

A resource is exposed in a subnet when all of these hold for some port: it has
a public address there, the subnet routes to an internet gateway (so replies
leave), the subnet's NACL admits traffic from the internet and lets the replies
out, and a security group admits the internet. The search covers every port.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from archgen.model.architecture import Architecture
from archgen.model.resources.network import NetworkAcl, SecurityGroup
from archgen.model.types import is_cidr, port_range
from archgen.network import nacl, routes
from archgen.network.intervals import EPHEMERAL, INTERNET, IntervalSet, port_text
from archgen.network.reach import network_of

_GUARDED_TIERS = ("application", "data")
PROTOCOLS = ("tcp", "udp")


@dataclass(frozen=True)
class Exposure:
    """A resource, the subnet it is exposed in, and what the internet reaches."""

    resource: str
    subnet: str
    what: str


def exposures(arch: Architecture) -> Iterator[Exposure]:
    """Yield every application or data resource the internet reaches directly."""
    reach = network_of(arch)
    for resource_id in arch.resources:
        if not reach.in_vpc(resource_id):
            continue
        if not any(tier in _GUARDED_TIERS for tier in arch.tiers_of(resource_id)):
            continue
        if arch.type_of(resource_id) in ("alb", "nat_gateway"):
            continue
        for subnet_id in arch.subnets_of(resource_id):
            found = _exposed(arch, resource_id, subnet_id)
            if found:
                yield Exposure(resource_id, subnet_id, found)
                break


def _exposed(arch: Architecture, resource_id: str, subnet_id: str) -> str | None:
    for protocol in PROTOCOLS:
        ports = reachable_ports(arch, resource_id, subnet_id, protocol)
        if ports:
            return f"{protocol} {port_text(ports)}"
    return None


def internet_ports(arch: Architecture, resource_id: str) -> dict[str, IntervalSet]:
    """Return, per IP protocol, every port the internet reaches on the resource in any subnet.

    AG205 needs only the first exposure of a guarded resource; `archgen diff`
    compares the whole surface of every resource, before and after a change.
    """
    found: dict[str, IntervalSet] = {}
    for protocol in PROTOCOLS:
        ports = IntervalSet()
        for subnet_id in arch.subnets_of(resource_id):
            ports = ports | reachable_ports(arch, resource_id, subnet_id, protocol)
        if ports:
            found[protocol] = ports
    return found


def reachable_ports(
    arch: Architecture, resource_id: str, subnet_id: str, protocol: str
) -> IntervalSet:
    """Return the ports on which the internet reaches the resource in that subnet, and back."""
    if not network_of(arch).has_public_address(resource_id, subnet_id):
        return IntervalSet()
    replies = routes.lookup(arch, subnet_id, INTERNET)
    if not all(choice.kind == "internet_gateway" for choice in replies):
        return IntervalSet()
    return _open_ports(arch, resource_id, protocol) & _acl_admits(arch, subnet_id, protocol)


def _open_ports(arch: Architecture, resource_id: str, protocol: str) -> IntervalSet:
    """Return the ports the resource's security groups open to the whole internet."""
    groups = [arch.get(g, SecurityGroup) for g in arch.security_groups_of(resource_id)]
    opened = IntervalSet()
    for group in groups:
        for rule in group.ingress:
            if rule.protocol not in ("all", protocol) or not is_cidr(rule.source):
                continue
            if IntervalSet.cidr(rule.source).covers(INTERNET):
                opened = opened | IntervalSet((port_range(rule.ports),))
    return opened


def _acl_admits(arch: Architecture, subnet_id: str, protocol: str) -> IntervalSet:
    """Return the ports on which the subnet's NACL lets internet requests in and replies out."""
    acl_id = arch.nacl_of(subnet_id)
    if acl_id is None:
        return IntervalSet(((0, 65535),))
    acl = arch.get(acl_id, NetworkAcl)
    if not nacl.evaluate(acl.outbound, protocol, EPHEMERAL, INTERNET).admitted:
        return IntervalSet()
    admitted = IntervalSet()
    for rule in acl.inbound:
        if rule.action != "allow" or not nacl.protocol_matches(rule.protocol, protocol):
            continue
        ports = nacl.rule_ports(rule)
        for low, high in ports:
            candidate = IntervalSet(((low, high),))
            if nacl.evaluate(acl.inbound, protocol, candidate, INTERNET).admitted:
                admitted = admitted | candidate
    return admitted
