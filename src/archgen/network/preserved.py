"""What a Network Load Balancer's targets see: the client's address, not the NLB's.

An NLB keeps the client's source address for instance targets by default
and for IP targets over TCP/TLS only when turned on (`preserve_client_ip`
says so either way). The target's NACL and security group then
judge the client's range, and an NLB without security groups filters
nothing: the target's group must admit the clients themselves.
"""

from __future__ import annotations

from archgen.model.architecture import Architecture
from archgen.model.resources.edge import Nlb
from archgen.model.resources.network import Subnet
from archgen.network import ranges
from archgen.network.intervals import IntervalSet
from archgen.network.probe import Probe

INSTANCE_TARGETS = ("ec2", "autoscaling_group")
"""Targets registered by instance id: the NLB preserves the client address to them."""


def seen_by_target(arch: Architecture, source: str, target: str, request: Probe) -> Probe:
    """Return the request as the target sees it: from the NLB's clients when it keeps them."""
    nlb = arch.resource(source)
    if not isinstance(nlb, Nlb):
        return request
    keeps = nlb.preserve_client_ip
    if keeps is False or (keeps is None and arch.type_of(target) not in INSTANCE_TARGETS):
        return request
    clients = client_addresses(arch, source)
    if not clients:
        return request
    origin = request.origin
    place = type(origin)(f"clients of {source}", clients, origin.subnet, origin.zone)
    return request.sent_by(place)


def client_addresses(arch: Architecture, nlb_id: str) -> IntervalSet:
    """Return the addresses of everything declared to connect to the NLB."""
    found = IntervalSet()
    for _, connection in arch.connections_to(nlb_id):
        caller = connection.source
        subnets = arch.subnets_of(caller)
        if not subnets:
            found = found | ranges.of_outside(arch, caller)
        for subnet in subnets:
            found = found | IntervalSet.cidr(arch.get(subnet, Subnet).cidr)
    return found
