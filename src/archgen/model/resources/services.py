"""Regional managed services: identity, messaging, AI and monitoring."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from archgen.model.resources.base import ResourceBase
from archgen.model.types import Id, ref

ROLE_PRINCIPALS = ("ec2", "autoscaling_group", "lambda", "api_gateway", "cloudfront")
"""The types that can assume an IAM role in format v1."""


class IamRole(ResourceBase):
    """Permissions that a service assumes; `allows` lists what they reach."""

    type: Literal["iam_role"]
    assumed_by: tuple[Annotated[Id, ref(*ROLE_PRINCIPALS)], ...] = ()
    allows: tuple[Annotated[Id, ref()], ...] = ()


class Cognito(ResourceBase):
    """A user pool that signs users in and issues tokens."""

    type: Literal["cognito"]


class Sqs(ResourceBase):
    """A managed message queue that decouples producers from consumers."""

    type: Literal["sqs"]
    fifo: bool = False
    encrypted: bool = True


class Sns(ResourceBase):
    """A managed publish/subscribe topic."""

    type: Literal["sns"]


class Bedrock(ResourceBase):
    """Managed foundation models, called through the Bedrock API."""

    type: Literal["bedrock"]
    model: Annotated[str, Field(min_length=1, max_length=200)] | None = None


class Cloudwatch(ResourceBase):
    """Metrics, logs and alarms."""

    type: Literal["cloudwatch"]
