"""What joins address ranges and VPCs beyond one VPC's routes: prefix lists, transit, peering."""

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from archgen.model.resources.base import ResourceBase
from archgen.model.resources.facts import Facts, Shape, plumbing
from archgen.model.resources.network import Subnets, VpcRef
from archgen.model.types import Cidr, Frozen

PrefixListService = Literal["cloudfront-origin-facing", "s3", "dynamodb"]
"""The AWS-managed prefix lists archgen knows: who is inside them is AWS's to say."""


class PrefixList(ResourceBase):
    """A named set of address ranges a security group rule or a route may name.

    An AWS-managed list (`service`) holds the addresses of that service only:
    the CloudFront origin-facing list admits CloudFront and not the internet.
    A customer-managed list (`cidrs`) holds the blocks it names.
    """

    type: Literal["prefix_list"]
    """Always `prefix_list`: selects this resource type."""
    facts: ClassVar[Facts] = plumbing(
        "Managed prefix list", placement="regional", rationale="prefix_list"
    )
    service: PrefixListService | None = None
    """An AWS-managed list: cloudfront-origin-facing, s3 or dynamodb."""
    cidrs: Annotated[tuple[Cidr, ...], Field(min_length=1, max_length=1000)] | None = None
    """A customer-managed list: the CIDR blocks it holds."""


class Attachment(Frozen):
    """A VPC attached to a transit gateway through one network interface per subnet named."""

    vpc: VpcRef
    """The attached VPC."""
    subnets: Subnets
    """The subnets of that VPC the attachment's network interfaces are in."""


class TransitGateway(ResourceBase):
    """A regional router between the VPCs attached to it; routes name it as their target."""

    type: Literal["transit_gateway"]
    """Always `transit_gateway`: selects this resource type."""
    facts: ClassVar[Facts] = Facts(
        service="AWS Transit Gateway",
        tier="network",
        placement="regional",
        icon="aws/network/transit-gateway.png",
        shape=Shape(name="transit_gateway", fill="#8C4FFF", glyph=True),
        drawn="icon",
        port=None,
        rationale="transit_gateway",
        signed_api=False,
        endpoint=None,
    )
    attachments: Annotated[tuple[Attachment, ...], Field(min_length=1, max_length=100)]
    """The VPCs attached, each through subnets of its own."""

    def joins(self, vpc_id: str) -> bool:
        """Tell whether the VPC is attached, so its routes may send traffic here."""
        return any(attachment.vpc == vpc_id for attachment in self.attachments)


class VpcPeering(ResourceBase):
    """A private link between exactly two VPCs; it is not transitive."""

    type: Literal["vpc_peering"]
    """Always `vpc_peering`: selects this resource type."""
    facts: ClassVar[Facts] = Facts(
        service="VPC peering",
        tier="network",
        placement="regional",
        icon="aws/network/vpc-peering.png",
        shape=Shape(name="peering", fill="#8C4FFF", glyph=True),
        drawn="icon",
        port=None,
        rationale="vpc_peering",
        signed_api=False,
        endpoint=None,
    )
    vpcs: Annotated[tuple[VpcRef, ...], Field(min_length=2, max_length=2)]
    """The two peered VPCs."""

    def joins(self, vpc_id: str) -> bool:
        """Tell whether the VPC is one of the two, so its routes may send traffic here."""
        return vpc_id in self.vpcs
