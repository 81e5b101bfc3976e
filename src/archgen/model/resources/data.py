"""Where data is kept."""

from __future__ import annotations

from typing import Literal

from archgen.model.resources.base import ResourceBase
from archgen.model.resources.network import SecurityGroups, Subnets
from archgen.model.types import Port

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


class Rds(ResourceBase):
    """A managed relational database; Multi-AZ keeps a standby in a second AZ."""

    type: Literal["rds"]
    engine: RdsEngine
    subnets: Subnets
    security_groups: SecurityGroups = ()
    multi_az: bool = False
    publicly_accessible: bool = False
    storage_encrypted: bool = False
    port: Port | None = None

    @property
    def effective_port(self) -> int:
        """The declared port, else the engine's default."""
        return self.port or RDS_DEFAULT_PORTS[self.engine]


class Dynamodb(ResourceBase):
    """A managed key-value table, regional and replicated across AZs by AWS."""

    type: Literal["dynamodb"]


StorageClass = Literal[
    "standard",
    "intelligent_tiering",
    "standard_ia",
    "one_zone_ia",
    "glacier_ir",
    "glacier",
    "deep_archive",
]


class S3(ResourceBase):
    """An object bucket; a website bucket is the presentation tier of a static site."""

    type: Literal["s3"]
    website: bool = False
    block_public_access: bool = True
    encrypted: bool = True
    versioning: bool = False
    storage_class: StorageClass = "standard"


class Elasticache(ResourceBase):
    """An in-memory cache cluster in the VPC."""

    type: Literal["elasticache"]
    engine: Literal["redis", "valkey", "memcached"] = "redis"
    subnets: Subnets
    security_groups: SecurityGroups = ()
    multi_az: bool = False
    port: Port | None = None

    @property
    def effective_port(self) -> int:
        """The declared port, else the engine's default."""
        return self.port or CACHE_DEFAULT_PORTS[self.engine]


class Efs(ResourceBase):
    """A shared file system with one mount target per subnet."""

    type: Literal["efs"]
    subnets: Subnets
    security_groups: SecurityGroups = ()
    encrypted: bool = False
