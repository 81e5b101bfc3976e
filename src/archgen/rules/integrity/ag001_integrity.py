"""AG001: the network is consistent: what AWS would refuse, or what cannot work at all."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.model.resources.base import ResourceBase
from archgen.model.resources.facts import InSubnet, InSubnets
from archgen.model.resources.links import TransitGateway, VpcPeering
from archgen.model.resources.network import (
    NatGateway,
    RouteTable,
    Subnet,
    Vpc,
)
from archgen.rules.base import Rule


class Integrity(Rule):
    """AG001: CIDRs, zones, route targets and NAT placement agree with each other."""

    id = "AG001"
    name = "integrity"
    title = "The network is internally consistent"
    severity = Severity.ERROR
    rationale = (
        "A subnet outside its VPC, overlapping subnets, a zone of another Region, a route to "
        "another VPC's gateway or a NAT gateway without internet access cannot be built or "
        "cannot work; every other check would reason about a network that cannot exist."
    )
    remediation = (
        "Give each subnet a distinct CIDR inside its VPC and a zone of the architecture's "
        "Region, route only to gateways of the same VPC, put NAT gateways in public subnets, "
        "and keep each resource's (and each transit gateway attachment's) subnets and "
        "security groups in one VPC."
    )
    mirrors = "AWS EC2 API validation (InvalidSubnet.Range, InvalidSubnet.Conflict)"
    suppressible = False

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Check each subnet, route table, NAT gateway and multi-VPC resource."""
        yield from self._subnets(arch)
        yield from self._routes(arch)
        yield from self._nat_gateways(arch)
        yield from self._one_vpc_each(arch)
        yield from self._attachments(arch)

    def _attachments(self, arch: Architecture) -> Iterator[Issue]:
        """Report a transit gateway attachment naming a subnet outside its VPC, as AWS refuses."""
        for gateway in arch.resources_of(TransitGateway):
            for number, attachment in enumerate(gateway.attachments):
                for index, subnet in enumerate(attachment.subnets):
                    vpc = arch.get(subnet, Subnet).vpc
                    if vpc != attachment.vpc:
                        yield self.issue(
                            gateway,
                            f"attachment to {attachment.vpc} names subnet {subnet}, which is in "
                            f"VPC {vpc}: an attachment's subnets are in its own VPC",
                            "attachments",
                            number,
                            "subnets",
                            index,
                        )

    def _subnets(self, arch: Architecture) -> Iterator[Issue]:
        placed: dict[str, list[tuple[ipaddress.IPv4Network, Subnet]]] = {}
        for subnet in arch.resources_of(Subnet):
            network = ipaddress.IPv4Network(subnet.cidr)
            vpc = arch.get(subnet.vpc, Vpc)
            if not network.subnet_of(ipaddress.IPv4Network(vpc.cidr)):
                yield self.issue(
                    subnet, f"CIDR {subnet.cidr} is outside VPC {vpc.id} ({vpc.cidr})", "cidr"
                )
            same_vpc = placed.setdefault(subnet.vpc, [])
            for other_network, other in same_vpc:
                if network.overlaps(other_network):
                    yield self.issue(
                        subnet,
                        f"CIDR {subnet.cidr} overlaps subnet {other.id} ({other.cidr})",
                        "cidr",
                    )
            same_vpc.append((network, subnet))
            if (
                not subnet.zone.startswith(arch.document.region)
                or len(subnet.zone) != len(arch.document.region) + 1
            ):
                yield self.issue(
                    subnet,
                    f"zone {subnet.zone} is not in the architecture's Region "
                    f"{arch.document.region}",
                    "zone",
                )

    def _routes(self, arch: Architecture) -> Iterator[Issue]:
        for table in arch.resources_of(RouteTable):
            for index, route in enumerate(table.routes):
                link = arch.resource(route.target)
                if isinstance(link, TransitGateway | VpcPeering):
                    if not link.joins(table.vpc):
                        yield self.issue(
                            table,
                            f"route to {route.destination} targets {route.target}, which does "
                            f"not join {table.vpc}",
                            "routes",
                            index,
                            "target",
                        )
                    continue
                target_vpc = arch.vpc_of(route.target)
                if target_vpc != table.vpc:
                    yield self.issue(
                        table,
                        f"route to {route.destination} targets {route.target}, which is in "
                        f"VPC {target_vpc}, not in {table.vpc}",
                        "routes",
                        index,
                        "target",
                    )

    def _nat_gateways(self, arch: Architecture) -> Iterator[Issue]:
        for nat in arch.resources_of(NatGateway):
            if not arch.is_public(nat.subnet):
                yield self.issue(
                    nat,
                    f"NAT gateway is in subnet {nat.subnet}, which has no route to an internet "
                    "gateway, so it cannot reach the internet",
                    "subnet",
                )

    def _one_vpc_each(self, arch: Architecture) -> Iterator[Issue]:
        """Report subnets and security groups of one resource that sit in different VPCs."""
        for resource in arch.resources.values():
            yield from self._same_vpc(arch, resource)

    def _same_vpc(self, arch: Architecture, resource: ResourceBase) -> Iterator[Issue]:
        home = arch.vpc_of(resource.id)
        placed = resource if isinstance(resource, InSubnet | InSubnets) else None
        for index, subnet in enumerate(placed.subnet_ids() if placed else ()):
            if placed and arch.get(subnet, Subnet).vpc != home:
                where = placed.subnet_path(index)
                yield self.issue(resource, f"subnet {subnet} is in another VPC than {home}", *where)
        for index, group in enumerate(arch.security_groups_of(resource.id)):
            group_vpc = arch.vpc_of(group)
            if home is not None and group_vpc != home:
                yield self.issue(
                    resource,
                    f"security group {group} is in VPC {group_vpc}, not in {home}",
                    "security_groups",
                    index,
                )
