"""AG401: stored data is encrypted at rest."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.model.resources.analytics import KinesisStream, Opensearch
from archgen.model.resources.data import S3, Efs, Rds
from archgen.rules.base import Rule


class EncryptionAtRest(Rule):
    """AG401: encryption at rest is free to turn on and protects disks, snapshots and backups."""

    id = "AG401"
    name = "encryption-at-rest"
    title = "Data is encrypted at rest"
    severity = Severity.WARNING
    rationale = (
        "Encryption at rest protects data on disks, in snapshots and in backups. RDS and EFS "
        "can only turn it on when the store is created."
    )
    remediation = (
        "Set `storage_encrypted: true` on RDS and `encrypted: true` on S3, EFS, OpenSearch "
        "and Kinesis streams."
    )
    mirrors = "AWS Security Hub RDS.3, S3.17, EFS.1, Opensearch.1, Kinesis.1; checkov CKV_AWS_16"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Check each store's encryption flag."""
        for db in arch.resources_of(Rds):
            if not db.storage_encrypted:
                yield self.issue(db, "storage is not encrypted", "storage_encrypted")
        stores: list[S3 | Efs | Opensearch | KinesisStream] = [
            *arch.resources_of(S3),
            *arch.resources_of(Efs),
            *arch.resources_of(Opensearch),
            *arch.resources_of(KinesisStream),
        ]
        for store in stores:
            if not store.encrypted:
                yield self.issue(store, "is not encrypted at rest", "encrypted")
