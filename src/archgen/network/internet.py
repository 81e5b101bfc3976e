"""The way out of a VPC: routes toward public addresses, through NAT gateways if need be.

A packet for the internet or a public AWS endpoint leaves by an internet
gateway (with a public address), a gateway endpoint (TCP only), or a NAT
gateway, whose own subnet then has to route it on; each leg is judged apart.
"""

from __future__ import annotations

from archgen.model.resources.links import TransitGateway
from archgen.model.resources.network import NatGateway, Subnet
from archgen.network import crossing, places, routes, transit
from archgen.network.components import Checkpoints
from archgen.network.probe import Leg, Probe

_ONWARD = ("vpc_endpoint", "internet_gateway")
"""Route targets that hand the packet straight to AWS; any other is a NAT gateway."""


def follow(at: Checkpoints, probe: Probe, leg: Leg) -> None:
    """Follow every route the packet's destination takes out of the leg's subnet.

    A destination set may split over several routes (longest prefix first);
    each part must get out, so each route is judged.
    """
    for choice in routes.lookup(at.arch, leg.subnet, probe.destination.addresses, leg.service):
        _take(at, probe, leg, choice)


def _take(at: Checkpoints, probe: Probe, leg: Leg, choice: routes.RouteChoice) -> None:
    """Judge one route, then the gateway or NAT gateway it sends the packet to."""
    table = places.table_name(at.arch, leg.subnet)
    unroutable = _unroutable(probe, leg, choice)
    if unroutable is not None:
        reason = "NO_ROUTE_TO_DESTINATION"
        at.trail.refuse(probe.direction, "route_table", table, reason, unroutable)
    if choice.kind == "transit_gateway":
        _through_transit(at, probe, leg, choice)
        return
    if choice.kind == "vpc_endpoint":
        _check_endpoint(at, probe, leg, choice.target)
    elif choice.kind == "internet_gateway":
        _check_gateway(at, probe, leg, choice.target)
    check = f"to {probe.destination.label}"
    subject = places.table_id(at.arch, leg.subnet)
    at.trail.admit(probe.direction, "route_table", table, check, (choice.text,), subject=subject)
    if choice.kind not in _ONWARD:
        _through_nat(at, probe, leg, choice.target)


def _unroutable(probe: Probe, leg: Leg, choice: routes.RouteChoice) -> str | None:
    """Return why the route cannot carry the packet on, or None if it may."""
    if choice.kind == "local":
        return (
            f"no route out for {probe.destination.label}: its addresses lie inside the VPC's "
            f"own range ({choice.text}), so the packet never leaves the VPC"
        )
    if choice.kind == "none":
        return f"{choice.text} for {probe.destination.label}"
    if choice.kind in _ONWARD:
        return None
    if choice.kind == "vpc_peering":
        return f"{choice.text}: a peering connection carries nothing on to the peer's gateways"
    if leg.direct_only:
        return (
            f"the reply to {probe.destination.label} takes {choice.text}, not the internet "
            "gateway it came through"
        )
    if choice.target in leg.through:
        return f"{choice.text} loops back to a NAT gateway this packet already crossed"
    return None


def _through_transit(at: Checkpoints, probe: Probe, leg: Leg, choice: routes.RouteChoice) -> None:
    """Cross a transit gateway to the attached VPC that sends the packet on (central egress).

    Without the transit gateway's own route tables in the format, the packet
    goes to the first other attached VPC whose attachment subnet routes its
    destination to a NAT gateway, an internet gateway or an endpoint.
    """
    table = places.table_name(at.arch, leg.subnet)
    vpc = at.arch.get(leg.subnet, Subnet).vpc
    if not at.arch.get(choice.target, TransitGateway).joins(vpc):
        detail = f"{choice.text}, but {choice.target} is not attached to {vpc}"
        at.trail.refuse(probe.direction, "route_table", table, "DISCONNECTED_VPCS", detail)
    exit_subnet = transit.egress_subnet(
        at.arch, choice.target, leg.subnet, probe.destination, leg.service
    )
    if exit_subnet is None or choice.target in leg.through:
        detail = f"{choice.text}, but no VPC attached to {choice.target} routes it on"
        at.trail.refuse(probe.direction, "route_table", table, "NO_ROUTE_TO_DESTINATION", detail)
    subject = places.table_id(at.arch, leg.subnet)
    check = f"to {probe.destination.label}"
    at.trail.admit(probe.direction, "route_table", table, check, (choice.text,), subject=subject)
    by = (f"attached to {at.arch.get(exit_subnet, Subnet).vpc} in {exit_subnet}",)
    at.trail.admit(probe.direction, "transit_gateway", choice.target, check, by)
    inner = _sender(at, probe, leg)
    at.acl(exit_subnet, "inbound", inner)
    onward = Leg(exit_subnet, choice.target, leg.service, through=(*leg.through, choice.target))
    follow(at, probe, onward)
    at.acl(exit_subnet, "outbound", inner.reply())
    back = (f"attached to {vpc}",)
    at.trail.admit("return", "transit_gateway", choice.target, f"to {inner.origin.label}", back)


def _check_endpoint(at: Checkpoints, probe: Probe, leg: Leg, endpoint: str) -> None:
    """Refuse what a gateway endpoint cannot carry: anything but TCP, or another VPC's traffic.

    A reply leg (`direct_only`) is not judged by protocol: all it is asked is
    to leave by the internet gateway its request came in through.
    """
    if not leg.direct_only and probe.protocol != "tcp":
        reason = "VPCE_GATEWAY_PROTOCOL_RESTRICTION"
        detail = "gateway endpoints carry TCP only"
        at.trail.refuse(probe.direction, "vpc_endpoint", endpoint, reason, detail)
    if any(at.arch.type_of(hop) == "transit_gateway" for hop in leg.through):
        detail = (
            "a gateway endpoint serves its own VPC only: traffic from across a transit "
            "gateway cannot use it (an interface endpoint can)"
        )
        at.trail.refuse(
            probe.direction, "vpc_endpoint", endpoint, "NO_ROUTE_TO_DESTINATION", detail
        )


def _check_gateway(at: Checkpoints, probe: Probe, leg: Leg, gateway: str) -> None:
    """Refuse a packet that would leave by the internet gateway from a private address.

    A reply to a packet the gateway brought in passes: the request could only
    have arrived at a public address, which the walk checked on the way in.
    """
    if not leg.direct_only and not places.has_public_address(at.arch, leg.owner, leg.subnet):
        reason = "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS"
        detail = f"{leg.owner} has no public IP address in {leg.subnet}"
        at.trail.refuse(probe.direction, "internet_gateway", gateway, reason, detail)


def _through_nat(at: Checkpoints, probe: Probe, leg: Leg, nat_id: str) -> None:
    """Cross a NAT gateway: its subnet's NACL both ways, then its own route out.

    The NAT's subnet sees the packet twice when it comes from another subnet
    (in from the sender, out to the internet), and the reply twice as well:
    first on the NAT's own ports (1024-65535), then on the sender's.
    """
    nat = at.arch.get(nat_id, NatGateway)
    inner = _sender(at, probe, leg)
    crossing = nat.subnet != leg.subnet
    if crossing:
        at.acl(nat.subnet, "inbound", inner)
    at.acl(nat.subnet, "outbound", inner)
    translated = probe.sent_by(places.subnet_place(at.arch, nat.subnet))
    follow(at, translated, Leg(nat.subnet, nat_id, through=(*leg.through, nat_id)))
    by = ("source address translated", "replies return to the NAT on 1024-65535")
    at.trail.admit(probe.direction, "nat_gateway", nat_id, f"to {probe.destination.label}", by)
    at.acl(nat.subnet, "inbound", inner.remapped().reply())
    if crossing:
        at.acl(nat.subnet, "outbound", inner.reply())
    _route_back(at, nat.subnet, inner.reply())


def _sender(at: Checkpoints, probe: Probe, leg: Leg) -> Probe:
    """Return the packet as its sender's subnet sent it: what a NACL on the way sees.

    Across a transit gateway the packet keeps the spoke's address, so the
    sender is the probe's own subnet; behind a NAT it is the NAT's subnet.
    """
    sender = probe.origin.subnet or leg.subnet
    return probe.sent_by(places.subnet_place(at.arch, sender))


def _route_back(at: Checkpoints, subnet: str, reply: Probe) -> None:
    """Route a NAT gateway's translated reply from its subnet back to the sender, or refuse.

    In the sender's own VPC the local route carries it; from a central
    egress VPC the NAT's subnet must send the sender's addresses to a transit
    gateway or peering connection that joins the sender's VPC, as AWS needs.
    """
    destination = reply.destination.subnet
    assert destination is not None  # noqa: S101 (a NAT's sender is always a subnet)
    home = at.arch.get(subnet, Subnet).vpc
    away = at.arch.get(destination, Subnet).vpc
    table = places.table_name(at.arch, subnet)
    for choice in routes.lookup(at.arch, subnet, reply.destination.addresses):
        if choice.kind == "local":
            continue
        if choice.kind not in crossing.LINKS or not crossing.joins(
            at.arch, choice.target, home, away
        ):
            detail = (
                f"{choice.text} for the reply to {reply.destination.label}: the NAT gateway's "
                f"subnet needs a route back through a link that joins {home} to {away}"
            )
            at.trail.refuse("return", "route_table", table, "NO_ROUTE_TO_DESTINATION", detail)
        check = f"to {reply.destination.label}"
        subject = places.table_id(at.arch, subnet)
        at.trail.admit("return", "route_table", table, check, (choice.text,), subject=subject)
