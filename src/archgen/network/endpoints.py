"""VPC endpoints: which one carries a call to a regional service, and the way to it.

A gateway endpoint is a route (network/routes.py asks `gateway_for`). An
interface endpoint with private DNS makes the service's name resolve, inside
its VPC, to the endpoint's network interfaces: the call never leaves the VPC,
so it crosses the local route, both subnets' NACLs, the caller's egress and
the endpoint's ingress security groups, and needs no NAT or internet gateway.
"""

from __future__ import annotations

from archgen.model.architecture import Architecture
from archgen.model.resources.network import Subnet, VpcEndpoint
from archgen.network.intervals import IntervalSet
from archgen.network.verdict import Place

_Index = dict[tuple[str, str, str], VpcEndpoint]
"""Endpoints by (vpc, service, kind); the first declared wins, as DNS has one answer."""


def service_of(arch: Architecture, resource_id: str) -> str | None:
    """Return the (first) endpoint service name its type declares (`bedrock-runtime`), if any."""
    names = arch.resource(resource_id).facts.endpoints
    return names[0] if names else None


def interfaces_for(arch: Architecture, subnet_id: str, target: str) -> tuple[VpcEndpoint, ...]:
    """Return the interface endpoints with private DNS a call from the subnet resolves to.

    A service reached through several endpoint services (Systems Manager's
    three) has a private path only when every one has an endpoint in the
    VPC; with one missing, the agent still needs the way out: none is returned.
    """
    vpc = arch.get(subnet_id, Subnet).vpc
    names = arch.resource(target).facts.endpoints
    found = tuple(_index(arch).get((vpc, name, "interface")) for name in names)
    if not names or None in found:
        return ()
    return tuple(endpoint for endpoint in found if endpoint is not None)


def gateway_for(arch: Architecture, table_id: str, service: str) -> VpcEndpoint | None:
    """Return the gateway endpoint for `service` attached to route table `table_id`."""
    for endpoint in arch.resources_of(VpcEndpoint):
        if (
            endpoint.service == service
            and endpoint.endpoint_kind() == "gateway"
            and table_id in endpoint.route_tables
        ):
            return endpoint
    return None


def places_of(arch: Architecture, endpoint: VpcEndpoint) -> list[Place]:
    """Return the endpoint's network interfaces, one place per subnet.

    The service's regional name resolves to every one of them, so a caller
    may be sent to any zone's interface: each must be reachable.
    """
    found = []
    for subnet_id in endpoint.subnet_ids():
        subnet = arch.get(subnet_id, Subnet)
        label = f"{endpoint.id} in {subnet_id} ({subnet.cidr})"
        found.append(Place(label, IntervalSet.cidr(subnet.cidr), subnet_id, subnet.zone))
    return found


def _index(arch: Architecture) -> _Index:
    return arch.memo("network.interface_endpoints", lambda: _build(arch))


def _build(arch: Architecture) -> _Index:
    index: _Index = {}
    for endpoint in arch.resources_of(VpcEndpoint):
        if endpoint.endpoint_kind() == "interface" and endpoint.private_dns:
            index.setdefault((endpoint.vpc, endpoint.service, "interface"), endpoint)
    return index


def as_reached(arch: Architecture, origin: Place, place: Place, target: str) -> Place:
    """Return the service's place as a caller in `origin` reaches it: privately, if it does.

    From a subnet whose VPC has the service's interface endpoints, the name
    resolves inside the VPC: the trace must not call that a public endpoint.
    """
    if origin.subnet is None or place.subnet is not None or place.internet:
        return place
    found = interfaces_for(arch, origin.subnet, target)
    if not found:
        return place
    names = ", ".join(endpoint.id for endpoint in found)
    return place._replace(label=f"{target} (through interface endpoint {names})")
