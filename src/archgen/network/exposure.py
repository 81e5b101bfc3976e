"""Which application and data resources the internet reaches directly (AG205).

A resource is exposed in a subnet when all of these hold for some port and
some address outside the VPC: it has a public address there, the subnet routes
that address to an internet gateway (so replies leave; a more specific route
to a NAT gateway hides its own range only), the subnet's NACL admits requests
from that address and lets the replies out, and a security group admits it.
Any public range counts, not only 0.0.0.0/0 (DESIGN.md 7.2); an AWS-managed
prefix list does not, since only that service (CloudFront) is inside it.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from ipaddress import IPv4Address
from typing import NamedTuple

from archgen.model.architecture import Architecture
from archgen.model.resources.network import NetworkAcl, SecurityGroup
from archgen.model.types import port_range
from archgen.network import nacl, places, ranges, routes
from archgen.network.intervals import (
    EPHEMERAL,
    INTERNET,
    OPEN_INTERNET,
    IntervalSet,
    address_text,
    port_text,
)
from archgen.network.reach import network_of

_GUARDED_TIERS = ("application", "data")
PROTOCOLS = ("tcp", "udp")

Opening = tuple[IntervalSet, IntervalSet]
"""What one security group rule opens to strangers: (addresses, ports)."""


class Exposure(NamedTuple):
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
        addresses, ports = _reached(arch, resource_id, subnet_id, protocol)
        if ports:
            return _wording(protocol, addresses, ports)
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
            ports = ports | _reached(arch, resource_id, subnet_id, protocol)[1]
        if ports:
            found[protocol] = ports
    return found


def addressable(arch: Architecture, resource_id: str, subnet_id: str) -> bool:
    """Tell whether the internet can open a connection to the resource in that subnet at all.

    It needs a public address there and a route by an internet gateway for
    some public addresses' replies; whatever the filters say, nothing else is.
    """
    if not network_of(arch).has_public_address(resource_id, subnet_id):
        return False
    return bool(_answered(arch, subnet_id))


def _reached(arch: Architecture, resource_id: str, subnet_id: str, protocol: str) -> Opening:
    """Return the addresses outside the VPC that reach the resource there, and on which ports."""
    addresses, ports = IntervalSet(), IntervalSet()
    if not network_of(arch).has_public_address(resource_id, subnet_id):
        return addresses, ports
    answered = _answered(arch, subnet_id)
    for strangers, opened in _openings(arch, resource_id, subnet_id, protocol):
        if not strangers & answered:
            continue
        for reached, on in _through_acl(arch, subnet_id, protocol, strangers & answered, opened):
            addresses, ports = addresses | reached, ports | on
    return addresses, ports


def _answered(arch: Architecture, subnet_id: str) -> IntervalSet:
    """Return the public addresses whose replies the subnet routes to an internet gateway.

    A reply routed anywhere else (a NAT gateway, a transit gateway) leaves with
    another source address and is dropped, so only these addresses get an answer.
    """
    answered = IntervalSet()
    for choice in routes.lookup(arch, subnet_id, INTERNET):
        if choice.kind == "internet_gateway":
            answered = answered | choice.addresses
    return answered


def _openings(
    arch: Architecture, resource_id: str, subnet_id: str, protocol: str
) -> Iterator[Opening]:
    """Yield what each ingress rule of the resource's groups opens to addresses outside the VPC."""
    outside = OPEN_INTERNET - IntervalSet.cidr(places.vpc_cidr(arch, subnet_id))
    for group_id in arch.security_groups_of(resource_id):
        for rule in arch.get(group_id, SecurityGroup).ingress:
            if rule.protocol not in ("all", protocol):
                continue
            addresses = ranges.named(arch, rule.source)
            strangers = addresses & outside if addresses is not None else IntervalSet()
            if strangers:
                yield strangers, IntervalSet((port_range(rule.ports),))


def _through_acl(
    arch: Architecture, subnet_id: str, protocol: str, addresses: IntervalSet, ports: IntervalSet
) -> Iterator[Opening]:
    """Yield the addresses and ports the subnet's NACL lets in with their replies out."""
    acl_id = arch.nacl_of(subnet_id)
    if acl_id is None:
        yield addresses, ports
        return
    acl = arch.get(acl_id, NetworkAcl)
    for inside, on in nacl.allowed(acl.inbound, protocol, ports, addresses):
        for answered, _ in nacl.allowed(acl.outbound, protocol, EPHEMERAL, inside):
            yield answered, on


def _wording(protocol: str, addresses: IntervalSet, ports: IntervalSet) -> str:
    """Return e.g. "tcp 8080", with the range when only part of the internet gets in."""
    if addresses.covers(OPEN_INTERNET):
        return f"{protocol} {port_text(ports)}"
    missing = OPEN_INTERNET - addresses
    if _blocks(missing) < _blocks(addresses):
        return f"{protocol} {port_text(ports)} from the internet except {address_text(missing)}"
    return f"{protocol} {port_text(ports)} from {address_text(addresses)}"


def _blocks(addresses: IntervalSet) -> int:
    """Return how many CIDR blocks spell `addresses`: the shorter of two wordings wins."""
    return sum(
        len(list(ipaddress.summarize_address_range(IPv4Address(low), IPv4Address(high))))
        for low, high in addresses
    )
