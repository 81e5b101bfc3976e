"""Where a transit gateway sends traffic bound outside every VPC: the egress VPC.

The format declares a transit gateway's attachments, not its route tables,
so the analysis takes the usual hub-and-spoke design: a packet a spoke sends
to the transit gateway for a public address leaves through the attached VPC
whose attachment subnet routes that address on to a gateway.
"""

from __future__ import annotations

from archgen.model.architecture import Architecture
from archgen.model.resources.links import TransitGateway
from archgen.model.resources.network import Subnet
from archgen.network import routes
from archgen.network.verdict import Place

_ONWARD = ("nat_gateway", "internet_gateway", "vpc_endpoint")


def egress_subnet(
    arch: Architecture,
    gateway_id: str,
    from_subnet: str,
    destination: Place,
    service: str | None = None,
) -> str | None:
    """Return the attachment subnet of another VPC that routes `destination` on, if any.

    The attachment in the sender's zone is preferred, as AWS keeps traffic
    in its Availability Zone when the attachment has a subnet there.
    """
    gateway = arch.get(gateway_id, TransitGateway)
    sender = arch.get(from_subnet, Subnet)
    for attachment in gateway.attachments:
        if attachment.vpc == sender.vpc:
            continue
        subnet = attachment_subnet(arch, gateway_id, attachment.vpc, sender.zone)
        if subnet is None:
            continue
        choices = routes.lookup(arch, subnet, destination.addresses, service)
        if choices and all(choice.kind in _ONWARD for choice in choices):
            return subnet
    return None


def attachment_subnet(arch: Architecture, gateway_id: str, vpc: str, zone: str) -> str | None:
    """Return the subnet of the gateway's attachment to `vpc` that carries traffic of `zone`.

    The attachment's network interface in that Availability Zone, when it has
    one, else its first: AWS keeps traffic in its zone where it can.
    """
    gateway = arch.get(gateway_id, TransitGateway)
    for attachment in gateway.attachments:
        if attachment.vpc == vpc and attachment.subnets:
            subnets = sorted(attachment.subnets, key=lambda s: arch.get(s, Subnet).zone != zone)
            return subnets[0]
    return None
