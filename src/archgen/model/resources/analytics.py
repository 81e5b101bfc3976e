"""Search, streams and retrieval: OpenSearch, Kinesis and Bedrock knowledge bases."""

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from archgen.model.resources.base import ResourceBase
from archgen.model.resources.compute import RoleRef
from archgen.model.resources.facts import (
    Facts,
    HasSecurityGroups,
    InSubnets,
    NeedsRole,
    Placement,
    Shape,
    SpansZones,
    regional_service,
)
from archgen.model.resources.network import SecurityGroups, SubnetRef
from archgen.model.types import Id, Whole, ref


class Opensearch(InSubnets, HasSecurityGroups, SpansZones, ResourceBase):
    """A search domain; a VPC domain when it has subnets, else a public regional endpoint.

    Zone awareness spreads its nodes and replicas over two or three zones;
    without it every node sits in one zone.
    """

    type: Literal["opensearch"]
    """Always `opensearch`: selects this resource type."""
    facts: ClassVar[Facts] = regional_service(
        service="Amazon OpenSearch Service",
        tier="data",
        icon="aws/analytics/amazon-opensearch-service.png",
        shape=Shape(name="elasticsearch_service", fill="#8C4FFF"),
        rationale="opensearch",
        endpoint=None,
        drawn="per_subnet",
    )
    zone_verb: ClassVar[str] = "keeps its nodes"
    zone_loss: ClassVar[str] = "losing that zone stops search"
    subnets: Annotated[tuple[SubnetRef, ...], Field(max_length=3)] = ()
    """The subnets of a VPC domain (up to three); none: a public domain."""
    security_groups: SecurityGroups = ()
    """The security groups on its network interfaces; none: the VPC's default group."""
    zone_awareness: bool = False
    """Spread nodes and replicas over two or three zones."""
    encrypted: bool = False
    """Encryption at rest, which can only be chosen when the domain is created."""

    def placement(self) -> Placement:
        """Return "subnet" for a VPC domain: its endpoint moves into the VPC."""
        return "subnet" if self.subnets else self.facts.placement

    def zone_gap(self, zones: tuple[str, ...]) -> tuple[str, str] | None:
        """Return the gap of a domain without zone awareness, or with it in too few subnets."""
        if not self.zone_awareness:
            return "zone awareness is off: every node sits in one zone", "zone_awareness"
        return super().zone_gap(zones) if self.subnets else None


class KinesisStream(ResourceBase):
    """An ordered, replayable stream of records, read by consumers at their own pace."""

    type: Literal["kinesis_stream"]
    """Always `kinesis_stream`: selects this resource type."""
    facts: ClassVar[Facts] = regional_service(
        service="Amazon Kinesis Data Streams",
        tier="application",
        icon="aws/analytics/kinesis-data-streams.png",
        shape=Shape(name="kinesis_data_streams", fill="#8C4FFF"),
        rationale="kinesis_stream",
        endpoint="kinesis-streams",
    )
    capacity_mode: Literal["on-demand", "provisioned"] = "on-demand"
    """on-demand or provisioned (with `shards`)."""
    shards: Annotated[Whole, Field(ge=1, le=10_000)] | None = None
    """The shard count of a provisioned stream."""
    retention_hours: Annotated[Whole, Field(ge=24, le=8_760)] = 24
    """How long records are kept, 24..8760 hours."""
    encrypted: bool = False
    """Encrypted at rest."""


VECTOR_STORES = ("opensearch", "rds", "s3")
"""Where a knowledge base keeps its vectors: an OpenSearch index, Aurora PostgreSQL, S3."""


class BedrockKnowledgeBase(NeedsRole, ResourceBase):
    """Documents split, embedded and indexed in a vector store, for retrieval by Bedrock."""

    type: Literal["bedrock_knowledge_base"]
    """Always `bedrock_knowledge_base`: selects this resource type."""
    facts: ClassVar[Facts] = regional_service(
        service="Amazon Bedrock Knowledge Bases",
        tier="application",
        icon="aws/ml/bedrock.png",
        shape=Shape(name="bedrock", fill="#01A88D"),
        rationale="bedrock_knowledge_base",
        endpoint="bedrock-agent-runtime",
    )
    role_kind: ClassVar[str] = "service role"
    model: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    """The embedding model that turns documents and questions into vectors."""
    vector_store: Annotated[Id, ref(*VECTOR_STORES)]
    """The store that holds the vectors (an opensearch domain or another store); its role must allow
    it."""
    data_source: Annotated[Id, ref("s3")] | None = None
    """The S3 bucket of the documents; its role must allow it."""
    role: RoleRef | None = None
    """The service role the knowledge base reads, embeds and stores with."""
