"""The walk of one pair of places: the request hop by hop, then its reply.

The order is that of reference/reachability.md, and it matters: the verdict
names the *first* component that refuses, as AWS Reachability Analyzer does.
Inside a VPC: security group egress, the source NACL, the route, the
destination NACL, security group ingress and listeners; then the reply through
both NACLs and the routes back. Security groups are stateful and see the
request only; NACLs are stateless and see both.
"""

from __future__ import annotations

from archgen.model.architecture import Architecture
from archgen.model.resources.network import InternetGateway, Subnet
from archgen.network import crossing as crossing_vpcs
from archgen.network import endpoints, places, preserved, vpc_origins
from archgen.network.components import Checkpoints, RoutesOnly
from archgen.network.internet import follow
from archgen.network.intervals import INTERNET, address_text
from archgen.network.probe import Blocked, Leg, Probe
from archgen.network.verdict import PairVerdict

_UNROUTABLE = (
    "internet_gateway",
    "nat_gateway",
    "vpc_endpoint",
    "prefix_list",
    "transit_gateway",
    "vpc_peering",
)


def walk_pair(
    arch: Architecture, source: str, target: str, request: Probe, *, routes_only: bool = False
) -> PairVerdict:
    """Return the verdict of `request` from `source` to `target` and of its reply.

    A refusal ends the walk (as an exception, so no check has to test what
    came before it); the steps admitted until then are kept as the evidence.
    `routes_only` passes every NACL and security group: is there a way at all?
    """
    at = RoutesOnly(arch) if routes_only else Checkpoints(arch)
    trail = at.trail
    a, b = request.origin, request.destination
    try:
        if arch.type_of(source) in _UNROUTABLE or arch.type_of(target) in _UNROUTABLE:
            detail = "gateways and endpoints carry traffic; they are not connection ends"
            trail.refuse("forward", "connection", "", "UNSUPPORTED_COMPONENT", detail)
        if a.subnet and b.subnet:
            _inside(at, source, target, request)
        elif b.subnet and vpc_origins.applies(arch, source, target, b.subnet):
            vpc_origins.walk(at, target, request)
        elif b.subnet:
            _from_outside(at, target, request)
        else:
            _to_service(at, source, target, request)
    except Blocked as blocked:
        return PairVerdict(a, b, tuple(trail.steps), blocked.block)
    return PairVerdict(a, b, tuple(trail.steps), None)


def _inside(at: Checkpoints, source: str, target: str, request: Probe) -> None:
    """Walk a pair whose ends both sit in subnets; within one subnet no NACL applies."""
    a, b = request.origin.subnet, request.destination.subnet
    assert a is not None  # noqa: S101 (caller's contract)
    assert b is not None  # noqa: S101 (caller's contract)
    if at.arch.get(a, Subnet).vpc != at.arch.get(b, Subnet).vpc:
        crossing_vpcs.walk(at, source, target, request)
        return
    crossing = a != b
    at.group(source, "egress", request, places.group_ids(at.arch, target))
    if crossing:
        at.acl(a, "outbound", request)
    at.local_route(a, request)
    seen = preserved.seen_by_target(at.arch, source, target, request)
    if crossing:
        at.acl(b, "inbound", seen)
    at.group(target, "ingress", seen, places.group_ids(at.arch, source))
    at.listener(target, request.port)
    if crossing:
        at.acl(b, "outbound", seen.reply())
        at.local_route(b, request.reply())
        at.acl(a, "inbound", request.reply())
    else:
        by = "traffic within a subnet passes no NACL"
        at.trail.admit("return", "subnet", b, "reply inside one subnet", (by,))


def _from_outside(at: Checkpoints, target: str, request: Probe) -> None:
    """Walk a request from the internet in through the internet gateway, and its reply out.

    The reply must leave by that same gateway: a NAT would change its source
    address and the client would drop it.
    """
    subnet = request.destination.subnet
    assert subnet is not None  # noqa: S101 (caller's contract)
    gateway = _gateway_in(at, target, subnet)
    request = _public_sources(at, gateway.id, request)
    vpc = gateway.vpc
    check = f"from {request.origin.label}"
    by = (f"attached to {vpc}", f"{target} has a public address")
    at.trail.admit("forward", "internet_gateway", gateway.id, check, by)
    check = f"to {request.destination.label}"
    route = f"implicit local route {places.vpc_cidr(at.arch, subnet)}"
    table, subject = places.table_name(at.arch, subnet), places.table_id(at.arch, subnet)
    at.trail.admit("forward", "route_table", table, check, (route,), subject=subject)
    at.acl(subnet, "inbound", request)
    at.group(target, "ingress", request, ())
    at.listener(target, request.port)
    reply = request.reply()
    at.acl(subnet, "outbound", reply)
    follow(at, reply, Leg(subnet, target, direct_only=True))


def _gateway_in(at: Checkpoints, target: str, subnet: str) -> InternetGateway:
    """Return the internet gateway a request reaches `target` in `subnet` by, or refuse.

    Both failures carry AWS's one reason for them: without a gateway or a
    public address, the internet has no address to send the packet to.
    """
    vpc = at.arch.get(subnet, Subnet).vpc
    gateway = next((g for g in at.arch.resources_of(InternetGateway) if g.vpc == vpc), None)
    reason = "IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS"
    if gateway is None:
        at.trail.refuse("forward", "vpc", vpc, reason, f"{vpc} has no internet gateway")
    if not places.has_public_address(at.arch, target, subnet):
        detail = f"{target} has no public IP address in {subnet}"
        at.trail.refuse("forward", "internet_gateway", gateway.id, reason, detail)
    return gateway


def _public_sources(at: Checkpoints, gateway: str, request: Probe) -> Probe:
    """Return the request as sent from the origin's public addresses, or refuse a private origin.

    The internet gateway drops packets from private sources (RFC 1918, shared
    100.64.0.0/10): a client's private ranges never come in through it, so an
    internet path is judged for its public ranges alone (a client "0.0.0.0/0"
    is the public internet). A client with private ranges only could come in
    by a VPN or Direct Connect, which archgen does not model.
    """
    origin = request.origin
    public = origin.addresses & INTERNET
    if not public:
        detail = (
            f"{origin.label.removesuffix(' (internet)')} comes only from private addresses "
            f"({address_text(origin.addresses)}), which the internet gateway refuses: archgen "
            "models no VPN or Direct Connect"
        )
        reason = "IGW_SOURCE_ADDRESS_NOT_IN_RFC1918_INGRESS"
        at.trail.refuse("forward", "internet_gateway", gateway, reason, detail)
    if public == origin.addresses:
        return request
    return request.sent_by(origin._replace(addresses=public))


def _to_service(at: Checkpoints, source: str, target: str, request: Probe) -> None:
    """Walk a call out of a subnet: to an interface endpoint of the service if its VPC has one."""
    subnet = request.origin.subnet
    assert subnet is not None  # noqa: S101 (caller's contract)
    found = endpoints.interfaces_for(at.arch, subnet, target)
    if not found:
        _to_outside(at, source, target, request)
        return
    for endpoint in found:
        service = endpoint.service
        by = (f"private DNS resolves {service} to {endpoint.id}'s network interfaces",)
        at.trail.admit("forward", "vpc_endpoint", endpoint.id, f"{target} ({service})", by)
        for place in endpoints.places_of(at.arch, endpoint):
            _inside(at, source, endpoint.id, request.sent_to(place))


def _to_outside(at: Checkpoints, source: str, target: str, request: Probe) -> None:
    """Walk a request from a subnet out to the internet or a public AWS endpoint, and back."""
    subnet = request.origin.subnet
    assert subnet is not None  # noqa: S101 (caller's contract)
    at.group(source, "egress", request, ())
    at.acl(subnet, "outbound", request)
    follow(at, request, Leg(subnet, source, service=endpoints.service_of(at.arch, target)))
    at.acl(subnet, "inbound", request.reply())
