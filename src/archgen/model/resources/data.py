"""Where data is kept."""

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from archgen.model.resources.base import ResourceBase
from archgen.model.resources.facts import (
    Facts,
    HasSecurityGroups,
    InManagedPrefixList,
    InSubnets,
    MayBePublic,
    Shape,
    regional_service,
    subnet_service,
)
from archgen.model.resources.network import SecurityGroups, Subnets
from archgen.model.types import Port, Tier, Whole

RdsEngine = Literal[
    "mysql", "mariadb", "postgres", "aurora-mysql", "aurora-postgresql", "oracle", "sqlserver"
]
RDS_DEFAULT_PORTS: dict[str, int] = {
    "mysql": 3306,
    "mariadb": 3306,
    "aurora-mysql": 3306,
    "postgres": 5432,
    "aurora-postgresql": 5432,
    "oracle": 1521,
    "sqlserver": 1433,
}
CACHE_DEFAULT_PORTS: dict[str, int] = {"redis": 6379, "valkey": 6379, "memcached": 11211}
EFS_PORT = 2049


class Rds(InSubnets, MayBePublic, HasSecurityGroups, ResourceBase):
    """A managed relational database; Multi-AZ keeps a standby in a second AZ."""

    type: Literal["rds"]
    """Always `rds`: selects this resource type."""
    facts: ClassVar[Facts] = subnet_service(
        service="Amazon RDS",
        tier="data",
        icon="aws/database/rds.png",
        shape=Shape(name="rds", fill="#C925D1"),
        drawn="primary_standby",
        rationale="rds",
    )
    engine: RdsEngine
    """mysql, postgres, mariadb, oracle, sqlserver, or aurora-mysql / aurora-postgresql (Aurora)."""
    subnets: Subnets
    """The subnets its network interfaces are in (ids of `subnet` resources)."""
    security_groups: SecurityGroups = ()
    """The security groups on its network interfaces; none: the VPC's default group."""
    multi_az: bool = False
    """Keep a synchronous standby in a second zone (not for Aurora, whose readers are the failover
    targets)."""
    publicly_accessible: bool = False
    """Give the database a public address."""
    storage_encrypted: bool = False
    """Encrypt its storage at rest."""
    port: Port | None = None
    """The port; defaults to the engine's."""
    replicas: Annotated[Whole, Field(ge=0, le=15)] = 0
    """Aurora readers: they serve reads and are the failover targets (aurora-* engines)."""

    @property
    def aurora(self) -> bool:
        """Tell whether this is an Aurora cluster: a writer and readers, storage over 3 AZs."""
        return self.engine.startswith("aurora-")

    def survives_zone_loss(self) -> bool:
        """Tell whether a second zone takes over when the writer's (or primary's) zone fails.

        Aurora has no standby: its readers are the failover targets, so one
        reader (AWS spreads them over the subnet group's zones) is what counts,
        and `multi_az` means nothing. Other engines fail over to the Multi-AZ standby.
        """
        return self.replicas >= 1 if self.aurora else self.multi_az

    def serving_zones(self, zones: tuple[str, ...]) -> tuple[str, ...]:
        """Return its zones if it fails over, else the first alone: where the database runs."""
        return zones if self.survives_zone_loss() else zones[:1]

    def failover(self) -> str:
        """Return what holds it in its other zones: Aurora readers or the Multi-AZ standby."""
        if self.aurora:
            return "Aurora readers, its failover targets"
        return "a Multi-AZ standby"

    @property
    def effective_port(self) -> int:
        """The declared port, else the engine's default."""
        return self.port or RDS_DEFAULT_PORTS[self.engine]

    def own_port(self) -> int:
        """Return the engine's port (or the declared one): the engine decides, not the type."""
        return self.effective_port

    def has_public_address(self, auto_assign: bool) -> bool:
        """Tell whether it is declared publicly accessible, the only way it gets one."""
        return self.publicly_accessible


class Dynamodb(InManagedPrefixList, ResourceBase):
    """A managed key-value table, regional and replicated across AZs by AWS."""

    type: Literal["dynamodb"]
    """Always `dynamodb`: selects this resource type."""
    managed_list: ClassVar[str] = "dynamodb"
    facts: ClassVar[Facts] = regional_service(
        service="Amazon DynamoDB",
        tier="data",
        icon="aws/database/dynamodb.png",
        shape=Shape(name="dynamodb", fill="#C925D1"),
        rationale="dynamodb",
        endpoint="dynamodb",
    )
    point_in_time_recovery: bool = False
    """Continuous backups, restorable to any second of the last 35 days."""
    encrypted: bool = True
    """Always true in AWS (an AWS-owned key at least); written false it is a finding."""


StorageClass = Literal[
    "standard",
    "intelligent_tiering",
    "standard_ia",
    "one_zone_ia",
    "glacier_ir",
    "glacier",
    "deep_archive",
]


class S3(InManagedPrefixList, ResourceBase):
    """An object bucket; a website bucket is the presentation tier of a static site."""

    type: Literal["s3"]
    """Always `s3`: selects this resource type."""
    managed_list: ClassVar[str] = "s3"
    facts: ClassVar[Facts] = regional_service(
        service="Amazon S3",
        tier="data",
        icon="aws/storage/simple-storage-service-s3.png",
        shape=Shape(name="s3", fill="#7AA116"),
        rationale="s3",
        endpoint="s3",
    )
    website: bool = False
    """Serve the bucket as a static website endpoint."""
    block_public_access: bool = True
    """S3 Block Public Access is on."""
    encrypted: bool = True
    """Encrypted at rest; S3 always is, so `false` is refused (AG004)."""
    versioning: bool = False
    """Keep every version of every object."""
    storage_class: StorageClass = "standard"
    """The storage class; a one-zone class is lost with its zone (AG106)."""

    def default_tiers(self) -> tuple[Tier, ...]:
        """Return presentation for a website bucket: it serves a static site."""
        return ("presentation",) if self.website else (self.facts.tier,)


class Elasticache(InSubnets, HasSecurityGroups, ResourceBase):
    """An in-memory cache cluster in the VPC."""

    type: Literal["elasticache"]
    """Always `elasticache`: selects this resource type."""
    facts: ClassVar[Facts] = subnet_service(
        service="Amazon ElastiCache",
        tier="data",
        icon="aws/database/elasticache.png",
        shape=Shape(name="elasticache", fill="#C925D1"),
        drawn="per_subnet",
        rationale="elasticache",
    )
    engine: Literal["redis", "valkey", "memcached"] = "redis"
    """The database or cache engine."""
    subnets: Subnets
    """The subnets its network interfaces are in (ids of `subnet` resources)."""
    security_groups: SecurityGroups = ()
    """The security groups on its network interfaces; none: the VPC's default group."""
    multi_az: bool = False
    """Keep a standby in a second Availability Zone with automatic failover."""
    port: Port | None = None
    """The port; defaults to the engine's."""
    encrypted_at_rest: bool = False
    """Encrypt the cache's data at rest."""
    encrypted_in_transit: bool = False
    """Clients talk to it over TLS."""
    replicas: Annotated[Whole, Field(ge=0, le=5)] = 0
    """Read replicas per shard, 0..5."""

    @property
    def effective_port(self) -> int:
        """The declared port, else the engine's default."""
        return self.port or CACHE_DEFAULT_PORTS[self.engine]

    def own_port(self) -> int:
        """Return the engine's port (or the declared one): the engine decides, not the type."""
        return self.effective_port


class Efs(InSubnets, HasSecurityGroups, ResourceBase):
    """A shared file system with one mount target per subnet.

    The file system is one resource of the Region, its data stored across
    zones; only the mount targets (network interfaces) live in the subnets.
    """

    type: Literal["efs"]
    """Always `efs`: selects this resource type."""
    facts: ClassVar[Facts] = subnet_service(
        service="Amazon EFS",
        tier="data",
        icon="aws/storage/elastic-file-system-efs.png",
        shape=Shape(name="elastic_file_system", fill="#7AA116"),
        drawn="interfaces",
        rationale="efs",
        port=EFS_PORT,
    )
    interface_name: ClassVar[str] = "Mount target"
    subnets: Subnets
    """The subnets its network interfaces are in (ids of `subnet` resources)."""
    security_groups: SecurityGroups = ()
    """The security groups on its network interfaces; none: the VPC's default group."""
    encrypted: bool = False
    """Encrypted at rest."""
