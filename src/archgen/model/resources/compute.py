"""Where the application code runs."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from archgen.model.resources.base import ResourceBase
from archgen.model.resources.network import (
    MAX_SUBNETS,
    SecurityGroups,
    SubnetRef,
    Subnets,
)
from archgen.model.types import Id, Whole, ref

RoleRef = Annotated[Id, ref("iam_role")]
Capacity = Annotated[Whole, Field(ge=0, le=10_000)]


class Client(ResourceBase):
    """Users and their browsers, on the internet."""

    type: Literal["client"]


class Ec2(ResourceBase):
    """One virtual machine in one subnet."""

    type: Literal["ec2"]
    subnet: SubnetRef
    security_groups: SecurityGroups = ()
    public_ip: bool = False
    role: RoleRef | None = None


class AutoscalingGroup(ResourceBase):
    """Identical instances kept between min and max across its subnets."""

    type: Literal["autoscaling_group"]
    subnets: Subnets
    security_groups: SecurityGroups = ()
    min: Capacity = 1
    desired: Capacity = 1
    max: Capacity = 1
    role: RoleRef | None = None


class Lambda(ResourceBase):
    """A function; VPC-attached when it has subnets, else it runs in the Region."""

    type: Literal["lambda"]
    role: RoleRef | None = None
    subnets: Annotated[tuple[SubnetRef, ...], Field(max_length=MAX_SUBNETS)] = ()
    security_groups: SecurityGroups = ()
