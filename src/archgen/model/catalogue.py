"""The resource catalogue: every type's class, by its YAML name.

What a type is (service, tier, placement, icon, shape, port, rationale) is
declared on its class as `facts`; this module only lists the classes, so
adding a type is one class and its name in the `Resource` union here.
"""

from __future__ import annotations

from typing import Annotated, get_args

from pydantic import Field

from archgen.model.resources.analytics import BedrockKnowledgeBase, KinesisStream, Opensearch
from archgen.model.resources.base import ResourceBase
from archgen.model.resources.compute import AutoscalingGroup, Client, Ec2, Lambda
from archgen.model.resources.containers import Ecr, EcsService, EksCluster
from archgen.model.resources.data import S3, Dynamodb, Efs, Elasticache, Rds
from archgen.model.resources.edge import Alb, ApiGateway, CloudFront, Nlb, Route53, Waf
from archgen.model.resources.facts import AssumesRole, Facts, HoldsRole
from archgen.model.resources.integration import Eventbridge, StepFunctions
from archgen.model.resources.links import PrefixList, TransitGateway, VpcPeering
from archgen.model.resources.management import SystemsManager
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
from archgen.model.resources.security import AcmCertificate, Cloudtrail, KmsKey
from archgen.model.resources.services import (
    Bedrock,
    Cloudwatch,
    Cognito,
    IamRole,
    SecretsManager,
    Sns,
    Sqs,
)

Resource = Annotated[
    Client
    | Vpc
    | Subnet
    | RouteTable
    | InternetGateway
    | NatGateway
    | VpcEndpoint
    | PrefixList
    | TransitGateway
    | VpcPeering
    | NetworkAcl
    | SecurityGroup
    | Route53
    | CloudFront
    | ApiGateway
    | Alb
    | Nlb
    | Waf
    | Ec2
    | AutoscalingGroup
    | Lambda
    | EcsService
    | EksCluster
    | Rds
    | Dynamodb
    | S3
    | Elasticache
    | Efs
    | Opensearch
    | IamRole
    | Cognito
    | Sqs
    | Sns
    | Eventbridge
    | KinesisStream
    | StepFunctions
    | Bedrock
    | BedrockKnowledgeBase
    | Ecr
    | Cloudwatch
    | Cloudtrail
    | SecretsManager
    | SystemsManager
    | KmsKey
    | AcmCertificate,
    Field(discriminator="type"),
]


TYPES: tuple[type[ResourceBase], ...] = get_args(get_args(Resource)[0])
"""Every resource class, in the order of the `Resource` union (read from it: one list)."""


def _yaml_name(cls: type[ResourceBase]) -> str:
    """Return the YAML `type` a class declares as its `Literal` type field."""
    (name,) = get_args(cls.model_fields["type"].annotation)
    return str(name)


CATALOGUE: dict[str, type[ResourceBase]] = {_yaml_name(cls): cls for cls in TYPES}
"""Each YAML type name with its class; the class's `facts` say what the type is."""

_TYPE_NAMES: dict[type[ResourceBase], str] = {cls: name for name, cls in CATALOGUE.items()}


def type_name(resource: ResourceBase) -> str:
    """Return the catalogue type name (the YAML `type`) of a resource."""
    return _TYPE_NAMES[type(resource)]


def facts_of(type_name: str) -> Facts:
    """Return what archgen knows of a type, by its YAML name."""
    return CATALOGUE[type_name].facts


ROLE_PRINCIPALS = tuple(name for name, cls in CATALOGUE.items() if issubclass(cls, AssumesRole))
"""The types an IAM role's `assumed_by` may name: each mixes in AssumesRole."""

COMPUTE_TYPES = frozenset(name for name, cls in CATALOGUE.items() if issubclass(cls, HoldsRole))
"""Where application code runs (the types that hold a role); what IAM roles are for."""

SERVICE_API_TYPES = frozenset(name for name, cls in CATALOGUE.items() if cls.facts.signed_api)
"""Services reached through the signed AWS API, so only with IAM permissions."""

PROTOCOL_PORTS: dict[str, int] = {
    "https": 443,
    "http": 80,
    "dns": 53,
    "mysql": 3306,
    "postgresql": 5432,
    "redis": 6379,
    "ssh": 22,
    "rdp": 3389,
    "nfs": 2049,
    "smtp": 587,
    "grpc": 443,
    "wss": 443,
    "mssql": 1433,
    "oracle": 1521,
    "memcached": 11211,
    "kafka": 9092,
}
"""Default ports of the connection protocols; tcp and udp have none."""
