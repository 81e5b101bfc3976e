"""What AWS requires of VPC endpoints, prefix lists and peering beyond each field alone.

A gateway endpoint exists for S3 and DynamoDB only and is a route; an
interface endpoint is network interfaces, so it needs subnets and security
groups. A prefix list is either AWS's (`service`) or the author's (`cidrs`).
"""

from __future__ import annotations

from collections.abc import Iterator

from archgen.closest import closest
from archgen.model.catalogue import TYPES
from archgen.model.resources.links import PrefixList, VpcPeering
from archgen.model.resources.network import GATEWAY_SERVICES, VpcEndpoint
from archgen.source import KeyPath

Finding = tuple[KeyPath, str]


def check(resource: VpcEndpoint | PrefixList | VpcPeering, path: KeyPath) -> Iterator[Finding]:
    """Yield each requirement the endpoint, prefix list or peering breaks, at the key to fix."""
    if isinstance(resource, VpcPeering):
        if resource.vpcs[0] == resource.vpcs[1]:
            yield (*path, "vpcs"), "a peering connection joins two different VPCs"
    elif isinstance(resource, PrefixList):
        yield from _prefix_list(resource, path)
    elif resource.endpoint_kind() == "gateway":
        yield from _gateway(resource, path)
    else:
        yield from _interface(resource, path)


def _gateway(endpoint: VpcEndpoint, path: KeyPath) -> Iterator[Finding]:
    if endpoint.service not in GATEWAY_SERVICES:
        where = (*path, "kind") if endpoint.kind else (*path, "service")
        yield (
            where,
            f"AWS offers gateway endpoints for s3 and dynamodb only, not {endpoint.service}",
        )
    for key in ("subnets", "security_groups"):
        if getattr(endpoint, key):
            yield (*path, key), f"a gateway endpoint is a route and has no {key}"


def _interface(endpoint: VpcEndpoint, path: KeyPath) -> Iterator[Finding]:
    yield from _service_name(endpoint, path)
    if endpoint.route_tables:
        message = "an interface endpoint has network interfaces, not route_tables"
        yield (*path, "route_tables"), message
    for key in ("subnets", "security_groups"):
        if not getattr(endpoint, key):
            yield path, f"an interface endpoint needs {key}"


def _prefix_list(prefix_list: PrefixList, path: KeyPath) -> Iterator[Finding]:
    if (prefix_list.service is None) == (prefix_list.cidrs is None):
        yield path, "a prefix list takes one of service (AWS-managed) or cidrs"


KNOWN_SERVICES = frozenset(
    {name for cls in TYPES for name in cls.facts.endpoints}
    | {
        "ec2",
        "ecs",
        "ecs-agent",
        "ecs-telemetry",
        "ecr.api",
        "ecr.dkr",
        "logs",
        "monitoring",
        "events",
        "states",
        "sts",
        "kms",
        "sns",
        "sqs",
        "lambda",
        "execute-api",
        "elasticache",
        "rds",
        "kinesis-streams",
        "kinesis-firehose",
        "elasticloadbalancing",
        "autoscaling",
        "secretsmanager",
        "ssm",
        "ssmmessages",
        "ec2messages",
        "bedrock",
        "bedrock-runtime",
        "bedrock-agent",
        "bedrock-agent-runtime",
        "sagemaker.api",
        "sagemaker.runtime",
        "codebuild",
        "codecommit",
        "git-codecommit",
        "cloudformation",
        "athena",
        "glue",
        "elasticfilesystem",
        "es",
        "aoss",
        "xray",
        "appconfig",
        "acm-pca",
        "cloudtrail",
    }
)
"""Endpoint service names archgen knows: its types' and the usual AWS ones. Another name is
accepted (AWS offers hundreds) unless it looks like a typo of one of these."""


def _service_name(endpoint: VpcEndpoint, path: KeyPath) -> Iterator[Finding]:
    """Refuse a service name that is one letter or two away from a known one: a typo.

    A mistyped name would load, match no service, and leave every call
    going the long way round with nothing to say why.
    """
    if endpoint.service in KNOWN_SERVICES:
        return
    close = closest(endpoint.service, sorted(KNOWN_SERVICES), cutoff=0.8)
    if close:
        yield (
            (*path, "service"),
            f"unknown endpoint service '{endpoint.service}' (did you mean '{close}'?)",
        )
