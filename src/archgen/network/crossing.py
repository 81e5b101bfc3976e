"""Traffic between two VPCs: through a peering connection or a transit gateway.

Each side decides for itself, as in AWS: the source subnet's route table must
send the target's addresses to a link that joins both VPCs, and the target's
route table must send the reply back over one; both subnets' NACLs see the
request and the reply, and both ends' security groups the request. Peering is
not transitive: a link joining A to B and B to C carries nothing from A to C.
A security group may name a group across a peering connection, not across a
transit gateway.
"""

from __future__ import annotations

from archgen.model.architecture import Architecture
from archgen.model.resources.links import TransitGateway, VpcPeering
from archgen.model.resources.network import Subnet
from archgen.network import places, routes
from archgen.network.components import Checkpoints
from archgen.network.probe import Probe

LINKS = ("transit_gateway", "vpc_peering")
"""Route targets that carry traffic to another VPC."""


def joins(arch: Architecture, link_id: str, vpc_a: str, vpc_b: str) -> bool:
    """Tell whether the peering connection or transit gateway joins both VPCs."""
    link = arch.resource(link_id)
    if isinstance(link, TransitGateway | VpcPeering):
        return vpc_a != vpc_b and link.joins(vpc_a) and link.joins(vpc_b)
    return False


def _links(arch: Architecture) -> tuple[str, ...]:
    """Return the ids of every peering connection and transit gateway, found once."""
    return arch.memo(
        "network.links",
        lambda: tuple(
            r.id for r in arch.resources.values() if isinstance(r, TransitGateway | VpcPeering)
        ),
    )


def walk(at: Checkpoints, source: str, target: str, request: Probe) -> None:
    """Walk a request from one VPC's subnet to another's, and its reply back."""
    a, b = request.origin.subnet, request.destination.subnet
    assert a is not None  # noqa: S101 (caller's contract)
    assert b is not None  # noqa: S101 (caller's contract)
    vpc_a, vpc_b = at.arch.get(a, Subnet).vpc, at.arch.get(b, Subnet).vpc
    if not any(joins(at.arch, link, vpc_a, vpc_b) for link in _links(at.arch)):
        detail = f"{vpc_a} and {vpc_b} are joined by no peering connection or transit gateway"
        at.trail.refuse("forward", "vpc", vpc_a, "DISCONNECTED_VPCS", detail)
    link = _route(at, a, request, (vpc_a, vpc_b))
    _attached_in_zone(at, a, link, request)
    peered = at.arch.type_of(link) == "vpc_peering"
    at.group(source, "egress", request, places.group_ids(at.arch, target) if peered else ())
    at.acl(a, "outbound", request)
    _admit_route(at, a, request, link)
    by = (f"joins {vpc_a} and {vpc_b}",)
    at.trail.admit("forward", at.arch.type_of(link), link, f"to {vpc_b}", by)
    at.acl(b, "inbound", request)
    at.group(target, "ingress", request, places.group_ids(at.arch, source) if peered else ())
    at.listener(target, request.port)
    reply = request.reply()
    at.acl(b, "outbound", reply)
    back = _route(at, b, reply, (vpc_b, vpc_a))
    _attached_in_zone(at, b, back, reply)
    _admit_route(at, b, reply, back)
    at.acl(a, "inbound", reply)


def _route(at: Checkpoints, subnet_id: str, probe: Probe, vpcs: tuple[str, str]) -> str:
    """Return the link the subnet routes the packet's destination to, or refuse."""
    table = places.table_name(at.arch, subnet_id)
    choices = routes.lookup(at.arch, subnet_id, probe.destination.addresses)
    for choice in choices:
        if choice.kind not in LINKS:
            detail = f"{choice.text} for {probe.destination.label}"
            at.trail.refuse(
                probe.direction, "route_table", table, "NO_ROUTE_TO_DESTINATION", detail
            )
        if not joins(at.arch, choice.target, *vpcs):
            detail = f"{choice.text}, but {choice.target} does not join {vpcs[0]} to {vpcs[1]}"
            at.trail.refuse(probe.direction, "route_table", table, "DISCONNECTED_VPCS", detail)
    return choices[0].target


def _attached_in_zone(at: Checkpoints, subnet_id: str, link: str, probe: Probe) -> None:
    """Refuse a packet sent to a transit gateway from a zone its VPC's attachment misses.

    A subnet reaches the gateway only through the attachment's network interface
    in its own Availability Zone: with no attachment subnet in that zone, the
    resources there cannot use the transit gateway at all.
    """
    gateway = at.arch.resource(link)
    if not isinstance(gateway, TransitGateway):
        return
    subnet = at.arch.get(subnet_id, Subnet)
    zones = {
        at.arch.get(attached, Subnet).zone
        for attachment in gateway.attachments
        if attachment.vpc == subnet.vpc
        for attached in attachment.subnets
    }
    if subnet.zone not in zones:
        detail = f"the attachment of {subnet.vpc} has no subnet in {subnet.zone}"
        at.trail.refuse(probe.direction, "transit_gateway", link, "NO_ATTACHMENT_IN_ZONE", detail)


def _admit_route(at: Checkpoints, subnet_id: str, probe: Probe, link: str) -> None:
    """Record the route that sent the packet to the link."""
    choices = routes.lookup(at.arch, subnet_id, probe.destination.addresses)
    texts = tuple(choice.text for choice in choices)
    table = places.table_name(at.arch, subnet_id)
    subject = places.table_id(at.arch, subnet_id)
    check = f"to {probe.destination.label} via {link}"
    at.trail.admit(probe.direction, "route_table", table, check, texts, subject=subject)
