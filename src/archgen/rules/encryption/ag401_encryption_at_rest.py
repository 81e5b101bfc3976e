"""AG401: stored data is encrypted at rest (and in transit, where the store has a switch)."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.model.catalogue import type_name
from archgen.model.resources.base import ResourceBase
from archgen.model.resources.data import S3, Dynamodb
from archgen.rules.base import Rule

_SWITCHES: tuple[tuple[str, str], ...] = (
    ("storage_encrypted", "storage is not encrypted"),
    ("encrypted", "is not encrypted at rest"),
    ("encrypted_at_rest", "is not encrypted at rest"),
    ("encrypted_in_transit", "does not encrypt in transit: clients talk to it in clear text"),
)
"""The encryption fields of the catalogue, by name: a new type that declares one is checked."""

_NOT_OFFERED: dict[str, tuple[tuple[str, str], ...]] = {
    "memcached": (("elasticache", "encrypted_at_rest"),),
}
"""Switches an engine does not have: node-based Memcached writes nothing to disk."""


def _engine(resource: ResourceBase) -> str:
    engine = getattr(resource, "engine", "")
    return engine if isinstance(engine, str) else ""


_CANNOT_BE_OFF: tuple[type[ResourceBase], ...] = (S3, Dynamodb)
"""Their `encrypted: false` cannot be built: AG004 reports it, as an error."""


class EncryptionAtRest(Rule):
    """AG401: encryption at rest is free to turn on and protects disks, snapshots and backups."""

    id = "AG401"
    name = "encryption-at-rest"
    title = "Data is encrypted at rest"
    severity = Severity.WARNING
    rationale = (
        "Encryption at rest protects data on disks, in snapshots and in backups. RDS (Aurora "
        "too), EFS and ElastiCache can only turn it on when the store is created; an SQS "
        "queue can have it turned off. ElastiCache also has its own switch for TLS between "
        "clients and the cache."
    )
    remediation = (
        "Set `storage_encrypted: true` on RDS, `encrypted: true` on EFS, SQS, OpenSearch and "
        "Kinesis streams, and `encrypted_at_rest: true` and `encrypted_in_transit: true` on "
        "ElastiCache."
    )
    mirrors = (
        "AWS Security Hub RDS.3, EFS.1, SQS.1, ElastiCache.4, ElastiCache.5, Opensearch.1, "
        "Kinesis.1; checkov CKV_AWS_16"
    )

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Check every encryption switch a resource declares, whatever its type."""
        for resource in arch.resources.values():
            if isinstance(resource, _CANNOT_BE_OFF):
                continue
            for field, message in _SWITCHES:
                if (type_name(resource), field) in _NOT_OFFERED.get(_engine(resource), ()):
                    continue
                if getattr(resource, field, None) is False:
                    yield self.issue(resource, message, field)
