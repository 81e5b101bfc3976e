"""Where the application code runs."""

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from archgen.model.resources.base import ResourceBase
from archgen.model.resources.facts import (
    Boxed,
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
    regional_service,
    subnet_service,
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
    """Always `client`: selects this resource type."""
    facts: ClassVar[Facts] = Facts(
        service="Users",
        tier="external",
        placement="outside",
        icon="aws/general/users.png",
        shape=Shape(name="users", fill="#232F3D", glyph=True),
        drawn="icon",
        port=None,
        rationale="client",
        signed_api=False,
        endpoint=None,
    )
    cidrs: Annotated[tuple[Cidr, ...], Field(min_length=1, max_length=100)] | None = None
    """The source ranges the client comes from (an office, a partner); without it, the whole
    internet."""


class Ec2(InSubnet, HoldsRole, MayBePublic, HasSecurityGroups, ResourceBase):
    """One virtual machine in one subnet."""

    type: Literal["ec2"]
    """Always `ec2`: selects this resource type."""
    facts: ClassVar[Facts] = subnet_service(
        service="Amazon EC2",
        tier="application",
        icon="aws/compute/ec2.png",
        shape=Shape(name="ec2", fill="#ED7100"),
        drawn="icon",
        rationale="ec2",
    )
    subnet: SubnetRef
    """The subnet it is in (a `subnet` id)."""
    security_groups: SecurityGroups = ()
    """The security groups on its network interfaces; none: the VPC's default group."""
    public_ip: bool = False
    """The instance has a public IPv4 address."""
    role: RoleRef | None = None
    """The IAM role it runs with (an `iam_role`); its `allows` lists what it may call."""

    def has_public_address(self, auto_assign: bool) -> bool:
        """Tell whether it has its own public IP, or one the subnet assigns at launch."""
        return self.public_ip or auto_assign


class AutoscalingGroup(
    InSubnets, Boxed, HoldsRole, MayBePublic, HasSecurityGroups, SpansZones, ResourceBase
):
    """Identical instances kept between min and max across its subnets."""

    box: ClassVar[str] = "asg"

    zone_verb: ClassVar[str] = "launches"
    zone_loss: ClassVar[str] = "a zone failure leaves nowhere to replace the instances"

    type: Literal["autoscaling_group"]
    """Always `autoscaling_group`: selects this resource type."""
    facts: ClassVar[Facts] = subnet_service(
        service="Amazon EC2 Auto Scaling",
        tier="application",
        icon="aws/compute/ec2-instance.png",
        shape=Shape(name="instance2", fill="#ED7100", glyph=True),
        drawn="per_subnet",
        rationale="autoscaling_group",
    )
    subnets: Subnets
    """The subnets its network interfaces are in (ids of `subnet` resources)."""
    security_groups: SecurityGroups = ()
    """The security groups on its network interfaces; none: the VPC's default group."""
    min: Capacity = 1
    """The fewest instances it keeps."""
    desired: Capacity = 1
    """How many copies run normally."""
    max: Capacity = 1
    """The most instances it launches."""
    role: RoleRef | None = None
    """The IAM role it runs with (an `iam_role`); its `allows` lists what it may call."""

    def has_public_address(self, auto_assign: bool) -> bool:
        """Tell whether the subnet assigns one at launch: instances take what it gives."""
        return auto_assign


class Lambda(InSubnets, NeedsRole, HasSecurityGroups, ResourceBase):
    """A function; VPC-attached when it has subnets, else it runs in the Region."""

    type: Literal["lambda"]
    """Always `lambda`: selects this resource type."""
    facts: ClassVar[Facts] = regional_service(
        service="AWS Lambda",
        tier="application",
        icon="aws/compute/lambda.png",
        shape=Shape(name="lambda", fill="#ED7100"),
        rationale="lambda",
        endpoint="lambda",
        drawn="per_subnet",
    )
    role: RoleRef | None = None
    """The IAM role it runs with (an `iam_role`); its `allows` lists what it may call."""
    subnets: Annotated[tuple[SubnetRef, ...], Field(max_length=MAX_SUBNETS)] = ()
    """The subnets of a VPC-attached function; none: it runs outside any VPC."""
    security_groups: SecurityGroups = ()
    """The security groups on its network interfaces; none: the VPC's default group."""
    runtime: Annotated[str, Field(pattern=r"^[a-z][a-z0-9.]*$", max_length=40)] | None = None
    """The runtime, such as python3.12."""
    timeout: Annotated[Whole, Field(ge=1, le=900)] | None = None
    """Seconds; Lambda's own default is 3."""
    memory: Annotated[Whole, Field(ge=128, le=10_240)] | None = None
    """MiB; Lambda's own default is 128."""

    def placement(self) -> Placement:
        """Return "subnet" for a function with subnets: it moves into the VPC."""
        return "subnet" if self.subnets else self.facts.placement
