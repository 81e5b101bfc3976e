"""Containers: ECS services, EKS clusters and the registry their images come from."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from archgen.model.resources.base import ResourceBase
from archgen.model.resources.compute import Capacity, RoleRef
from archgen.model.resources.facts import (
    Facts,
    HasSecurityGroups,
    InSubnets,
    MayBePublic,
    NeedsRole,
    Shape,
    SpansZones,
)
from archgen.model.resources.network import SecurityGroups, Subnets


class EcsService(InSubnets, NeedsRole, MayBePublic, HasSecurityGroups, SpansZones, ResourceBase):
    """Copies of one task kept running in its subnets, each with its own network interface.

    Tasks use the awsvpc network mode (Fargate's only one), so each task sits
    in a subnet behind the service's security groups, like an instance.
    """

    type: Literal["ecs_service"]
    facts: ClassVar[Facts] = Facts(
        service="Amazon ECS",
        tier="application",
        placement="subnet",
        icon="diagrams.aws.compute.ElasticContainerService",
        shape=Shape(name="ecs", fill="#ED7100"),
        drawn="per_subnet",
        port=None,
        rationale="ecs_service",
        signed_api=False,
        endpoint=None,
    )
    role_kind: ClassVar[str] = "task role"
    zone_verb: ClassVar[str] = "runs tasks"
    zone_loss: ClassVar[str] = "a zone failure leaves nowhere to restart them"
    launch_type: Literal["fargate", "ec2"] = "fargate"
    cluster: Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]+$", max_length=255)] | None = None
    desired: Capacity = 1
    subnets: Subnets
    security_groups: SecurityGroups = ()
    public_ip: bool = False
    """Fargate's assignPublicIp: a task's own public address, whatever the subnet assigns."""
    role: RoleRef | None = None

    def has_public_address(self, auto_assign: bool) -> bool:
        """Tell whether its tasks get a public IP: only when asked, awsvpc ignores the subnet's."""
        return self.public_ip


class EksCluster(InSubnets, NeedsRole, HasSecurityGroups, SpansZones, ResourceBase):
    """A Kubernetes control plane run by AWS, with interfaces and worker nodes in its subnets."""

    type: Literal["eks_cluster"]
    facts: ClassVar[Facts] = Facts(
        service="Amazon EKS",
        tier="application",
        placement="subnet",
        icon="diagrams.aws.compute.ElasticKubernetesService",
        shape=Shape(name="eks", fill="#ED7100"),
        drawn="across_zones",
        port=None,
        rationale="eks_cluster",
        signed_api=False,
        endpoint=None,
    )
    role_kind: ClassVar[str] = "cluster role"
    zone_verb: ClassVar[str] = "has subnets"
    zone_loss: ClassVar[str] = "EKS requires subnets in two zones and its pods lose that zone"
    version: Annotated[str, Field(pattern=r"^\d+\.\d+$")] | None = None
    subnets: Subnets
    security_groups: SecurityGroups = ()
    role: RoleRef | None = None
    endpoint_public: bool = True
    """Whether the Kubernetes API answers on the internet (AWS's default) or only in the VPC."""


class Ecr(ResourceBase):
    """A private container image registry that ECS, EKS and Lambda pull images from."""

    type: Literal["ecr"]
    facts: ClassVar[Facts] = Facts(
        service="Amazon ECR",
        tier="application",
        placement="regional",
        icon="diagrams.aws.compute.EC2ContainerRegistry",
        shape=Shape(name="ecr", fill="#ED7100"),
        drawn="icon",
        port=None,
        rationale="ecr",
        signed_api=True,
        endpoint="ecr.api",
    )
    scan_on_push: bool = False
    immutable_tags: bool = False
