"""Regional managed services: identity, messaging, AI and monitoring."""

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from archgen.model.resources.base import ResourceBase
from archgen.model.resources.facts import AssumesRole, Facts, Shape, regional_service
from archgen.model.types import Id, ref


class IamRole(ResourceBase):
    """Permissions that a service assumes; `allows` lists what they reach."""

    type: Literal["iam_role"]
    """Always `iam_role`: selects this resource type."""
    facts: ClassVar[Facts] = Facts(
        service="AWS IAM",
        tier="identity",
        placement="global",
        icon="aws/security/identity-and-access-management-iam-role.png",
        shape=Shape(name="role", fill="#DD344C", glyph=True),
        drawn="icon",
        port=None,
        rationale="iam_role",
        signed_api=False,
        endpoint=None,
    )
    assumed_by: tuple[Annotated[Id, ref(trait=AssumesRole)], ...] = ()
    """The resources that run with this role."""
    allows: tuple[Annotated[Id, ref()], ...] = ()
    """The resources its holders may call."""


class Cognito(ResourceBase):
    """A user pool that signs users in and issues tokens."""

    type: Literal["cognito"]
    """Always `cognito`: selects this resource type."""
    facts: ClassVar[Facts] = regional_service(
        service="Amazon Cognito",
        tier="identity",
        icon="aws/security/cognito.png",
        shape=Shape(name="cognito", fill="#DD344C"),
        rationale="cognito",
        endpoint="cognito-idp",
    )


class Sqs(ResourceBase):
    """A managed message queue that decouples producers from consumers."""

    type: Literal["sqs"]
    """Always `sqs`: selects this resource type."""
    facts: ClassVar[Facts] = regional_service(
        service="Amazon SQS",
        tier="application",
        icon="aws/integration/simple-queue-service-sqs.png",
        shape=Shape(name="sqs", fill="#E7157B"),
        rationale="sqs",
        endpoint="sqs",
    )
    fifo: bool = False
    """A FIFO queue: ordered, exactly-once processing."""
    encrypted: bool = True
    """Encrypted at rest."""
    dead_letter_queue: Annotated[Id, ref("sqs")] | None = None
    """Where messages go after their last failed receive; without one they are lost."""


class Sns(ResourceBase):
    """A managed publish/subscribe topic."""

    type: Literal["sns"]
    """Always `sns`: selects this resource type."""
    facts: ClassVar[Facts] = regional_service(
        service="Amazon SNS",
        tier="application",
        icon="aws/integration/simple-notification-service-sns.png",
        shape=Shape(name="sns", fill="#E7157B"),
        rationale="sns",
        endpoint="sns",
    )


class Bedrock(ResourceBase):
    """Managed foundation models, called through the Bedrock API."""

    type: Literal["bedrock"]
    """Always `bedrock`: selects this resource type."""
    facts: ClassVar[Facts] = regional_service(
        service="Amazon Bedrock",
        tier="application",
        icon="aws/ml/bedrock.png",
        shape=Shape(name="bedrock", fill="#01A88D"),
        rationale="bedrock",
        endpoint="bedrock-runtime",
    )
    model: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    """The foundation model's id, such as anthropic.claude-3-5-sonnet."""


class Cloudwatch(ResourceBase):
    """Metrics, logs and alarms."""

    type: Literal["cloudwatch"]
    """Always `cloudwatch`: selects this resource type."""
    facts: ClassVar[Facts] = regional_service(
        service="Amazon CloudWatch",
        tier="application",
        icon="aws/management/cloudwatch.png",
        shape=Shape(name="cloudwatch_2", fill="#E7157B"),
        rationale="cloudwatch",
        endpoint="logs",
    )


class SecretsManager(ResourceBase):
    """Secrets (database passwords, API keys) that code fetches with its role, not from files."""

    type: Literal["secrets_manager"]
    """Always `secrets_manager`: selects this resource type."""
    facts: ClassVar[Facts] = regional_service(
        service="AWS Secrets Manager",
        tier="identity",
        icon="aws/security/secrets-manager.png",
        shape=Shape(name="secrets_manager", fill="#DD344C"),
        rationale="secrets_manager",
        endpoint="secretsmanager",
    )
