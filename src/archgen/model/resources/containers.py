"""Containers: ECS services, EKS clusters and the registry their images come from."""

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from archgen.model.resources.base import ResourceBase
from archgen.model.resources.compute import Capacity, RoleRef
from archgen.model.resources.facts import (
    Boxed,
    Facts,
    HasSecurityGroups,
    InSubnets,
    MayBePublic,
    NeedsRole,
    Shape,
    SpansZones,
    regional_service,
    subnet_service,
)
from archgen.model.resources.network import SecurityGroups, Subnets


class EcsService(
    InSubnets, Boxed, NeedsRole, MayBePublic, HasSecurityGroups, SpansZones, ResourceBase
):
    """Copies of one task kept running in its subnets, each with its own network interface.

    Tasks use the awsvpc network mode (Fargate's only one), so each task sits
    in a subnet behind the service's security groups, like an instance.
    """

    type: Literal["ecs_service"]
    """Always `ecs_service`: selects this resource type."""
    facts: ClassVar[Facts] = subnet_service(
        service="Amazon ECS",
        tier="application",
        icon="aws/compute/elastic-container-service-task.png",
        shape=Shape(name="ecs_task", fill="#ED7100", glyph=True),
        drawn="per_subnet",
        rationale="ecs_service",
    )
    box: ClassVar[str] = "ecs-service"
    role_kind: ClassVar[str] = "task role"
    zone_verb: ClassVar[str] = "runs tasks"
    zone_loss: ClassVar[str] = "a zone failure leaves nowhere to restart them"
    launch_type: Literal["fargate", "ec2"] = "fargate"
    """`fargate` (AWS runs the tasks) or `ec2` (on the cluster's instances)."""
    cluster: Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]+$", max_length=255)] | None = None
    """The ECS cluster's name."""
    desired: Capacity = 1
    """How many copies run normally."""
    subnets: Subnets
    """The subnets its network interfaces are in (ids of `subnet` resources)."""
    security_groups: SecurityGroups = ()
    """The security groups on its network interfaces; none: the VPC's default group."""
    public_ip: bool = False
    """Fargate's assignPublicIp: a task's own public address, whatever the subnet assigns."""
    role: RoleRef | None = None
    """The task role its containers call AWS services with."""

    def has_public_address(self, auto_assign: bool) -> bool:
        """Tell whether its tasks get a public IP: only when asked, awsvpc ignores the subnet's."""
        return self.public_ip


class EksCluster(InSubnets, NeedsRole, HasSecurityGroups, SpansZones, ResourceBase):
    """A Kubernetes control plane run by AWS, with interfaces and worker nodes in its subnets."""

    type: Literal["eks_cluster"]
    """Always `eks_cluster`: selects this resource type."""
    facts: ClassVar[Facts] = subnet_service(
        service="Amazon EKS",
        tier="application",
        icon="aws/compute/elastic-kubernetes-service.png",
        shape=Shape(name="eks", fill="#ED7100"),
        drawn="across_zones",
        rationale="eks_cluster",
    )
    role_kind: ClassVar[str] = "cluster role"
    zone_verb: ClassVar[str] = "has subnets"
    zone_loss: ClassVar[str] = "EKS requires subnets in two zones and its pods lose that zone"
    version: Annotated[str, Field(pattern=r"^\d+\.\d+$")] | None = None
    """The Kubernetes version, such as 1.30."""
    subnets: Subnets
    """The subnets its network interfaces are in (ids of `subnet` resources)."""
    security_groups: SecurityGroups = ()
    """The security groups on its network interfaces; none: the VPC's default group."""
    role: RoleRef | None = None
    """The cluster role."""
    endpoint_public: bool = True
    """Whether the Kubernetes API answers on the internet (AWS's default) or only in the VPC."""


class Ecr(ResourceBase):
    """A private container image registry that ECS, EKS and Lambda pull images from."""

    type: Literal["ecr"]
    """Always `ecr`: selects this resource type."""
    facts: ClassVar[Facts] = regional_service(
        service="Amazon ECR",
        tier="application",
        icon="aws/compute/ec2-container-registry.png",
        shape=Shape(name="ecr", fill="#ED7100"),
        rationale="ecr",
        endpoint="ecr.api",
    )
    scan_on_push: bool = False
    """Scan each image for vulnerabilities when it is pushed."""
    immutable_tags: bool = False
    """A tag, once pushed, cannot be moved to another image."""
