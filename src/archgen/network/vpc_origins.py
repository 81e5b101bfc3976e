"""CloudFront VPC origins: CloudFront reaching a private origin from inside its VPC.

Since November 2024 a distribution may use an internal Application or Network
Load Balancer, or an EC2 instance in a private subnet, as a VPC origin
(CloudFront Developer Guide, "Restrict access with VPC origins"). CloudFront
then sends requests from service-managed network interfaces it places in the
origin's subnets, not through the internet gateway. What AWS still asks:

- an internet gateway attached to the VPC (a prerequisite, not a route: no
  route table sends anything to it);
- the origin's security groups admitting CloudFront: its origin-facing managed
  prefix list, or the private addresses of the interfaces in the subnet.

The interfaces share the origin's subnet, so no network ACL lies between them.
"""

from __future__ import annotations

from archgen.model.architecture import Architecture
from archgen.model.resources.compute import Ec2
from archgen.model.resources.edge import CloudFront, LoadBalancer
from archgen.model.resources.network import InternetGateway, SecurityGroup, Subnet
from archgen.network import places, ranges
from archgen.network.components import Checkpoints
from archgen.network.intervals import IntervalSet
from archgen.network.probe import Probe
from archgen.network.verdict import Place


def applies(arch: Architecture, source: str, target: str, subnet: str) -> bool:
    """Tell whether `source` reaches `target` in `subnet` as a VPC origin.

    Only CloudFront has VPC origins, only load balancers and instances can be
    one, and only one without a public address needs to be: a public origin is
    reached over the internet as before.
    """
    if not isinstance(arch.resource(source), CloudFront):
        return False
    if not isinstance(arch.resource(target), (LoadBalancer, Ec2)):
        return False
    return not places.has_public_address(arch, target, subnet)


def walk(at: Checkpoints, target: str, request: Probe) -> None:
    """Walk a request from CloudFront's interfaces in the origin's subnet, and its reply."""
    subnet = request.destination.subnet
    assert subnet is not None  # noqa: S101 (caller's contract)
    vpc = at.arch.get(subnet, Subnet).vpc
    gateway = next((g for g in at.arch.resources_of(InternetGateway) if g.vpc == vpc), None)
    source = request.origin.label.removesuffix(" (public endpoint)")
    if gateway is None:
        detail = f"CloudFront VPC origins need an internet gateway attached to {vpc}"
        at.trail.refuse("forward", "vpc_origin", source, "NO_PATH", detail)
    by = (
        f"service-managed network interfaces in {subnet}",
        f"{gateway.id} attached to {vpc}, as VPC origins require",
    )
    at.trail.admit("forward", "vpc_origin", source, f"to {request.destination.label}", by)
    inside = request.sent_by(_sender(at.arch, target, subnet, request.origin))
    at.group(target, "ingress", inside, ())
    at.listener(target, request.port)
    by = ("CloudFront's interfaces share the subnet: no NACL", "the reply stays in the VPC")
    at.trail.admit("return", "vpc_origin", source, f"reply from {target}", by)


def _sender(arch: Architecture, target: str, subnet: str, cloudfront: Place) -> Place:
    """Return where the request comes from, as the origin's groups can name it.

    A rule naming the origin-facing prefix list admits CloudFront as such; any
    other rule is judged against the interfaces' private addresses in the subnet.
    """
    for group_id in arch.security_groups_of(target):
        for rule in arch.get(group_id, SecurityGroup).ingress:
            addresses = ranges.named(arch, rule.source)
            if addresses is not None and addresses.covers(cloudfront.addresses):
                return cloudfront
    cidr = arch.get(subnet, Subnet).cidr
    label = f"{cloudfront.label.removesuffix(' (public endpoint)')}'s VPC origin interfaces"
    return Place(f"{label} in {subnet} ({cidr})", IntervalSet.cidr(cidr), subnet)
