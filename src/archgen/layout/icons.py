"""The AWS Architecture Icons that the `diagrams` package ships, by archgen type.

Only this module knows where `diagrams` keeps its icons; it is imported when a
picture is drawn, never by `import archgen` or `archgen check`.
"""

from __future__ import annotations

import functools
import importlib
from pathlib import Path

from archgen.errors import RenderError

_NODE_CLASSES = {
    "client": "diagrams.aws.general.Users",
    "internet_gateway": "diagrams.aws.network.InternetGateway",
    "nat_gateway": "diagrams.aws.network.NATGateway",
    "vpc_endpoint": "diagrams.aws.network.Endpoint",
    "route53": "diagrams.aws.network.Route53",
    "cloudfront": "diagrams.aws.network.CloudFront",
    "api_gateway": "diagrams.aws.network.APIGateway",
    "alb": "diagrams.aws.network.ElbApplicationLoadBalancer",
    "waf": "diagrams.aws.security.WAF",
    "ec2": "diagrams.aws.compute.EC2",
    "autoscaling_group": "diagrams.aws.compute.EC2Instance",
    "lambda": "diagrams.aws.compute.Lambda",
    "rds": "diagrams.aws.database.RDS",
    "dynamodb": "diagrams.aws.database.Dynamodb",
    "s3": "diagrams.aws.storage.SimpleStorageServiceS3",
    "elasticache": "diagrams.aws.database.ElastiCache",
    "efs": "diagrams.aws.storage.ElasticFileSystemEFS",
    "iam_role": "diagrams.aws.security.IAMRole",
    "cognito": "diagrams.aws.security.Cognito",
    "sqs": "diagrams.aws.integration.SimpleQueueServiceSqs",
    "sns": "diagrams.aws.integration.SimpleNotificationServiceSns",
    "bedrock": "diagrams.aws.ml.Bedrock",
    "cloudwatch": "diagrams.aws.management.Cloudwatch",
}

_GROUP_ICONS = {
    "cloud": "aws/general/general.png",
    "vpc": "aws/network/vpc.png",
    "subnet-public": "aws/network/public-subnet.png",
    "subnet-private": "aws/network/private-subnet.png",
    "asg": "aws/compute/ec2-auto-scaling.png",
}


@functools.cache
def _resources() -> Path:
    try:
        import diagrams
    except ImportError:  # pragma: no cover (a dependency of archgen)
        raise RenderError("the diagrams package is missing: reinstall archgen") from None
    return Path(diagrams.__file__).resolve().parent.parent / "resources"


def icon_root() -> Path:
    """Return the folder the icons live in (it differs from one install to another)."""
    return _resources()


def node_icon(type_name: str) -> Path:
    """Return the icon file of a resource type."""
    module_name, class_name = _NODE_CLASSES[type_name].rsplit(".", 1)
    node_class = getattr(importlib.import_module(module_name), class_name)
    folder: str = node_class._icon_dir.removeprefix("resources/")
    icon: str = node_class._icon
    return _resources() / folder / icon


def group_icon(kind: str) -> Path | None:
    """Return the tab icon of a group kind, if the AWS conventions give it one."""
    relative = _GROUP_ICONS.get(kind)
    return _resources() / relative if relative else None
