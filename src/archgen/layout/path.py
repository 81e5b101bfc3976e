"""The gateways a connection's packets pass, so the picture draws the line through them.

An architect reads a VPC diagram by its doors: requests from the internet come
in through the internet gateway, S3 and DynamoDB traffic leaves through a
gateway endpoint, a private server's outbound traffic goes out through its
zone's NAT gateway and then the internet gateway, and a spoke VPC's traffic
through the transit gateway (to another VPC, or on to the hub VPC's NAT
gateway). The network analysis already decides all of this (`network.routes`,
`network.reach`); this module only asks it, per subnet the sender is drawn
in, so each zone's line takes its own door: an interface endpoint's own
interface in the sender's subnet, for one.
"""

from __future__ import annotations

from archgen.model.architecture import Architecture
from archgen.model.document import Connection
from archgen.model.resources.network import InternetGateway, Subnet
from archgen.network import endpoints, places, routes, transit
from archgen.network.calls import call_of
from archgen.network.reach import network_of

_DOORS = ("internet_gateway", "nat_gateway", "vpc_endpoint")

Door = tuple[str, str]
"""A gateway passed and the subnet of its interface used ("" for the gateway itself).

An interface endpoint's or a transit gateway attachment's interface in that
subnet is drawn; a NAT or internet gateway is drawn once.
"""


def ways(arch: Architecture, connection: Connection, subnet: str) -> list[tuple[Door, ...]]:
    """Return each way the connection's packets take from `subnet`: one, or one per endpoint.

    A service reached through several interface endpoints (Systems Manager's
    agent uses ssm, ssmmessages and ec2messages, all of them) is drawn
    through each endpoint's interface in the sender's subnet.
    """
    call = call_of(arch, connection)
    if subnet and not call.via_service and not places.in_vpc(arch, call.callee):
        several = endpoints.interfaces_for(arch, subnet, call.callee)
        if call.caller == connection.source and len(several) > 1:
            return [((endpoint.id, subnet),) for endpoint in several]
    return [doors(arch, connection, subnet)]


def doors(arch: Architecture, connection: Connection, subnet: str) -> tuple[Door, ...]:
    """Return the gateways, in order, that the connection passes from `subnet` (or outside).

    `subnet` is where the drawn sender sits; "" for a sender outside every VPC.
    A call an AWS service carries (an S3 event invoking a function) passes none.
    """
    call = call_of(arch, connection)
    if call.via_service:
        return ()
    source, target = call.caller, call.callee
    if subnet and source == connection.source and not places.in_vpc(arch, target):
        return _outbound(arch, subnet, target)
    if subnet and source == connection.source:
        return _across(arch, subnet, target)
    if not places.in_vpc(arch, source) and places.in_vpc(arch, target):
        return _inbound(arch, connection)
    return ()


def _inbound(arch: Architecture, connection: Connection) -> tuple[Door, ...]:
    """Return the internet gateway an inbound request was admitted by, if any."""
    index = arch.connections.index(connection)
    hop = network_of(arch).connection(index)
    for pair in hop.pairs:
        for step in pair.steps:
            if step.direction == "forward" and step.kind == "internet_gateway" and step.subject:
                return ((step.subject, ""),)
    return ()


def _outbound(arch: Architecture, subnet: str, target: str) -> tuple[Door, ...]:
    """Return the doors a request from `subnet` to a service or the internet leaves by.

    An interface endpoint comes first: with private DNS the service's name
    resolves to the endpoint's interfaces, whatever the route table says.
    """
    interfaces = endpoints.interfaces_for(arch, subnet, target)
    if interfaces:  # several (Systems Manager's three): `ways` draws each
        return ((interfaces[0].id, subnet),)
    destination = places.outside(arch, target)
    service = arch.type_of(target)
    for choice in routes.lookup(arch, subnet, destination.addresses, service):
        if choice.kind == "nat_gateway":
            return ((choice.target, ""), *_nat_exit(arch, choice.target))
        if choice.kind == "transit_gateway":  # centralised egress: on from the hub VPC
            hub = transit.egress_subnet(arch, choice.target, subnet, destination, service)
            onward = _outbound(arch, hub, target) if hub else ()
            return (*_through(arch, choice.target, subnet, hub), *onward)
        if choice.kind in _DOORS:
            return ((choice.target, ""),)
    return ()


def _through(
    arch: Architecture, gateway: str, entry: str, exit_subnet: str | None
) -> tuple[Door, ...]:
    """Return a transit gateway's passage: the attachment interface in, itself, the one out.

    Both interfaces are the ones the analysis chose (network.transit): in the
    sender's VPC and zone, and in the receiving VPC's attachment subnet.
    """
    zone = arch.get(entry, Subnet).zone
    inside = transit.attachment_subnet(arch, gateway, arch.get(entry, Subnet).vpc, zone)
    passage: list[Door] = [(gateway, inside or ""), (gateway, "")]
    if exit_subnet:
        passage.append((gateway, exit_subnet))
    return tuple(dict.fromkeys(passage))


def _across(arch: Architecture, subnet: str, target: str) -> tuple[Door, ...]:
    """Return the transit gateway or peering a request to another VPC's resource crosses.

    The target's first subnet stands for it: every subnet of one VPC is
    reached by the sender's one route to that VPC's range.
    """
    subnets = arch.subnets_of(target)
    if not subnets or arch.get(subnets[0], Subnet).vpc == arch.get(subnet, Subnet).vpc:
        return ()
    addresses = places.subnet_place(arch, subnets[0]).addresses
    for choice in routes.lookup(arch, subnet, addresses):
        if choice.kind == "transit_gateway":
            zone = arch.get(subnet, Subnet).zone
            vpc = arch.get(subnets[0], Subnet).vpc
            exit_subnet = transit.attachment_subnet(arch, choice.target, vpc, zone)
            return _through(arch, choice.target, subnet, exit_subnet)
        if choice.kind in _BETWEEN_VPCS:
            return ((choice.target, ""),)
    return ()


_BETWEEN_VPCS = ("transit_gateway", "vpc_peering")


def _nat_exit(arch: Architecture, nat: str) -> tuple[Door, ...]:
    """Return the internet gateway the NAT gateway's own subnet routes to, if any."""
    nat_subnets = arch.subnets_of(nat)
    if not nat_subnets:
        return ()
    vpc = arch.get(nat_subnets[0], Subnet).vpc
    for gateway in arch.resources_of(InternetGateway):
        if gateway.vpc == vpc:
            return ((gateway.id, ""),)
    return ()
