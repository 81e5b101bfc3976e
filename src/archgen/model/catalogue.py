"""One entry per resource type: its class, service name, default tier and placement.

Everything that varies by type and is not a field lives here, so adding a type
is one class and one entry, and the renderers and rules ask the same table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import Field

from archgen.model.resources.base import ResourceBase
from archgen.model.resources.compute import AutoscalingGroup, Client, Ec2, Lambda
from archgen.model.resources.data import (
    EFS_PORT,
    S3,
    Dynamodb,
    Efs,
    Elasticache,
    Rds,
)
from archgen.model.resources.edge import Alb, ApiGateway, CloudFront, Route53, Waf
from archgen.model.resources.network import (
    InternetGateway,
    NatGateway,
    NetworkAcl,
    RouteTable,
    SecurityGroup,
    Subnet,
    Vpc,
    VpcEndpoint,
)
from archgen.model.resources.services import (
    Bedrock,
    Cloudwatch,
    Cognito,
    IamRole,
    Sns,
    Sqs,
)
from archgen.model.types import Tier

Placement = Literal["outside", "global", "regional", "vpc", "subnet"]
"""Where a resource is drawn: outside the AWS Cloud, in it, in the Region, in a VPC, in subnets."""

Resource = Annotated[
    Client
    | Vpc
    | Subnet
    | RouteTable
    | InternetGateway
    | NatGateway
    | VpcEndpoint
    | NetworkAcl
    | SecurityGroup
    | Route53
    | CloudFront
    | ApiGateway
    | Alb
    | Waf
    | Ec2
    | AutoscalingGroup
    | Lambda
    | Rds
    | Dynamodb
    | S3
    | Elasticache
    | Efs
    | IamRole
    | Cognito
    | Sqs
    | Sns
    | Bedrock
    | Cloudwatch,
    Field(discriminator="type"),
]


@dataclass(frozen=True)
class Entry:
    """What archgen knows of one resource type beyond its fields."""

    cls: type[ResourceBase]
    service: str
    tier: Tier
    placement: Placement


CATALOGUE: dict[str, Entry] = {
    "client": Entry(Client, "Users", "external", "outside"),
    "vpc": Entry(Vpc, "Amazon VPC", "network", "regional"),
    "subnet": Entry(Subnet, "Subnet", "network", "vpc"),
    "route_table": Entry(RouteTable, "Route table", "network", "vpc"),
    "internet_gateway": Entry(InternetGateway, "Internet gateway", "network", "vpc"),
    "nat_gateway": Entry(NatGateway, "NAT gateway", "network", "subnet"),
    "vpc_endpoint": Entry(VpcEndpoint, "VPC endpoint", "network", "vpc"),
    "network_acl": Entry(NetworkAcl, "Network ACL", "network", "vpc"),
    "security_group": Entry(SecurityGroup, "Security group", "network", "vpc"),
    "route53": Entry(Route53, "Amazon Route 53", "edge", "global"),
    "cloudfront": Entry(CloudFront, "Amazon CloudFront", "edge", "global"),
    "api_gateway": Entry(ApiGateway, "Amazon API Gateway", "edge", "regional"),
    "alb": Entry(Alb, "Application Load Balancer", "edge", "subnet"),
    "waf": Entry(Waf, "AWS WAF", "edge", "global"),
    "ec2": Entry(Ec2, "Amazon EC2", "application", "subnet"),
    "autoscaling_group": Entry(
        AutoscalingGroup, "Amazon EC2 Auto Scaling", "application", "subnet"
    ),
    "lambda": Entry(Lambda, "AWS Lambda", "application", "regional"),
    "rds": Entry(Rds, "Amazon RDS", "data", "subnet"),
    "dynamodb": Entry(Dynamodb, "Amazon DynamoDB", "data", "regional"),
    "s3": Entry(S3, "Amazon S3", "data", "regional"),
    "elasticache": Entry(Elasticache, "Amazon ElastiCache", "data", "subnet"),
    "efs": Entry(Efs, "Amazon EFS", "data", "subnet"),
    "iam_role": Entry(IamRole, "AWS IAM", "identity", "global"),
    "cognito": Entry(Cognito, "Amazon Cognito", "identity", "regional"),
    "sqs": Entry(Sqs, "Amazon SQS", "application", "regional"),
    "sns": Entry(Sns, "Amazon SNS", "application", "regional"),
    "bedrock": Entry(Bedrock, "Amazon Bedrock", "application", "regional"),
    "cloudwatch": Entry(Cloudwatch, "Amazon CloudWatch", "application", "regional"),
}

_TYPE_NAMES: dict[type[ResourceBase], str] = {entry.cls: name for name, entry in CATALOGUE.items()}


def type_name(resource: ResourceBase) -> str:
    """Return the catalogue type name (the YAML `type`) of a resource."""
    return _TYPE_NAMES[type(resource)]


COMPUTE_TYPES = frozenset({"ec2", "autoscaling_group", "lambda"})
"""Where application code runs; what IAM roles are for."""

SERVICE_API_TYPES = frozenset(
    {"s3", "dynamodb", "sqs", "sns", "bedrock", "cloudwatch", "cognito", "lambda"}
)
"""Services reached through the signed AWS API, so only with IAM permissions."""

PROTOCOL_PORTS: dict[str, int] = {
    "https": 443,
    "http": 80,
    "dns": 53,
    "mysql": 3306,
    "postgresql": 5432,
    "redis": 6379,
}
"""Default ports of the connection protocols; tcp and udp have none."""


def default_tiers(resource: ResourceBase, type_name: str) -> tuple[Tier, ...]:
    """Return the tiers a resource serves when its `tier` is omitted."""
    if isinstance(resource, S3) and resource.website:
        return ("presentation",)
    return (CATALOGUE[type_name].tier,)


def placement(resource: ResourceBase, type_name: str) -> Placement:
    """Return where a resource sits; a Lambda with subnets moves into the VPC."""
    if isinstance(resource, Lambda) and resource.subnets:
        return "subnet"
    return CATALOGUE[type_name].placement


def service_port(resource: ResourceBase) -> int | None:
    """Return the port a resource serves on by default, where its type fixes one."""
    if isinstance(resource, Rds | Elasticache):
        return resource.effective_port
    if isinstance(resource, Efs):
        return EFS_PORT
    if isinstance(resource, Alb) and resource.listeners:
        return resource.listeners[0].port
    return None
