"""AG104: RDS is Multi-AZ (a one-zone subnet group, which AWS refuses, is AG004)."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.model.resources.data import Rds
from archgen.rules.base import Rule


class RdsMultiAz(Rule):
    """AG104: a single-AZ database is lost with its zone."""

    id = "AG104"
    name = "rds-multi-az"
    title = "RDS is Multi-AZ"
    severity = Severity.ERROR
    rationale = (
        "Multi-AZ keeps a synchronous standby in a second zone and fails over to it "
        "automatically; without it a zone failure stops the database until a restore. An "
        "Aurora cluster keeps its storage in three zones whatever it has, but fails over "
        "only to a reader: with none, a new writer must be created first."
    )
    remediation = (
        "Set `multi_az: true` (its subnets in two zones: AG004 checks them); for Aurora, "
        "add at least one reader (`replicas: 1`): readers are the failover targets."
    )
    mirrors = "AWS Security Hub RDS.5; cfn-lint/checkov CKV_AWS_157"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Check the flag; the subnet group's zones are AG004's, since AWS refuses one zone."""
        for db in arch.resources_of(Rds):
            if db.aurora:
                yield from self._aurora(db)
            elif not db.multi_az:
                yield self.issue(
                    db,
                    "not Multi-AZ: losing its zone loses the database until a restore",
                    "multi_az",
                )

    def _aurora(self, db: Rds) -> Iterator[Issue]:
        """Aurora fails over to a reader (placed in another zone of its subnet group)."""
        if db.replicas == 0:
            yield self.issue(
                db,
                "Aurora cluster without readers: losing the writer's zone stops the database "
                "until Aurora creates a new writer (typically under 10 minutes)",
                "replicas",
            )
