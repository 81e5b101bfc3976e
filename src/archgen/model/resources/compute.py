"""Where the application code runs."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from archgen.model.resources.base import ResourceBase
from archgen.model.resources.facts import (
    Facts,
    HasSecurityGroups,
    HoldsRole,
    InSubnet,
    InSubnets,
    MayBePublic,
    NeedsRole,
    Placement,
    Shape,
    SpansZones,
)
from archgen.model.resources.network import (
    MAX_SUBNETS,
    SecurityGroups,
    SubnetRef,
    Subnets,
)
from archgen.model.types import Cidr, Id, Whole, ref

RoleRef = Annotated[Id, ref("iam_role")]
Capacity = Annotated[Whole, Field(ge=0, le=10_000)]


class Client(ResourceBase):
    """Users and their browsers, on the internet, or only the ranges `cidrs` names.

    Without `cidrs` a client is the whole internet; with them (an office, a
    partner, an on-premises network) rules open to just those ranges admit it.
    """

    type: Literal["client"]
    facts: ClassVar[Facts] = Facts(
        service="Users",
        tier="external",
        placement="outside",
        icon="diagrams.aws.general.Users",
        shape=Shape(name="users", fill="#232F3D", glyph=True),
        drawn="icon",
        port=None,
        rationale="client",
        signed_api=False,
        endpoint=None,
    )
    cidrs: Annotated[tuple[Cidr, ...], Field(min_length=1, max_length=100)] | None = None


class Ec2(InSubnet, HoldsRole, MayBePublic, HasSecurityGroups, ResourceBase):
    """One virtual machine in one subnet."""

    type: Literal["ec2"]
    facts: ClassVar[Facts] = Facts(
        service="Amazon EC2",
        tier="application",
        placement="subnet",
        icon="diagrams.aws.compute.EC2",
        shape=Shape(name="ec2", fill="#ED7100"),
        drawn="icon",
        port=None,
        rationale="ec2",
        signed_api=False,
        endpoint=None,
    )
    subnet: SubnetRef
    security_groups: SecurityGroups = ()
    public_ip: bool = False
    role: RoleRef | None = None

    def has_public_address(self, auto_assign: bool) -> bool:
        """Tell whether it has its own public IP, or one the subnet assigns at launch."""
        return self.public_ip or auto_assign


class AutoscalingGroup(
    InSubnets, HoldsRole, MayBePublic, HasSecurityGroups, SpansZones, ResourceBase
):
    """Identical instances kept between min and max across its subnets."""

    zone_verb: ClassVar[str] = "launches"
    zone_loss: ClassVar[str] = "a zone failure leaves nowhere to replace the instances"

    type: Literal["autoscaling_group"]
    facts: ClassVar[Facts] = Facts(
        service="Amazon EC2 Auto Scaling",
        tier="application",
        placement="subnet",
        icon="diagrams.aws.compute.EC2Instance",
        shape=Shape(name="instance2", fill="#ED7100", glyph=True),
        drawn="per_subnet",
        port=None,
        rationale="autoscaling_group",
        signed_api=False,
        endpoint=None,
    )
    subnets: Subnets
    security_groups: SecurityGroups = ()
    min: Capacity = 1
    desired: Capacity = 1
    max: Capacity = 1
    role: RoleRef | None = None

    def has_public_address(self, auto_assign: bool) -> bool:
        """Tell whether the subnet assigns one at launch: instances take what it gives."""
        return auto_assign


class Lambda(InSubnets, NeedsRole, HasSecurityGroups, ResourceBase):
    """A function; VPC-attached when it has subnets, else it runs in the Region."""

    type: Literal["lambda"]
    facts: ClassVar[Facts] = Facts(
        service="AWS Lambda",
        tier="application",
        placement="regional",
        icon="diagrams.aws.compute.Lambda",
        shape=Shape(name="lambda", fill="#ED7100"),
        drawn="per_subnet",
        port=None,
        rationale="lambda",
        signed_api=True,
        endpoint="lambda",
    )
    role: RoleRef | None = None
    subnets: Annotated[tuple[SubnetRef, ...], Field(max_length=MAX_SUBNETS)] = ()
    security_groups: SecurityGroups = ()
    runtime: Annotated[str, Field(pattern=r"^[a-z][a-z0-9.]*$", max_length=40)] | None = None
    timeout: Annotated[Whole, Field(ge=1, le=900)] | None = None
    """Seconds; Lambda's own default is 3."""
    memory: Annotated[Whole, Field(ge=128, le=10_240)] | None = None
    """MiB; Lambda's own default is 128."""

    def placement(self) -> Placement:
        """Return "subnet" for a function with subnets: it moves into the VPC."""
        return "subnet" if self.subnets else self.facts.placement
