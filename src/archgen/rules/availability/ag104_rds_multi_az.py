"""AG104: RDS is Multi-AZ, Aurora has a reader (a one-zone subnet group is AG004)."""

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
        "automatically; without it a zone failure stops the database until a restore. "
        "Aurora has no standby: its storage spans three zones, and its readers in other "
        "zones serve reads and are the failover targets, so a reader is what keeps it up."
    )
    remediation = (
        "Set `multi_az: true` (its subnets in two zones: AG004 checks them); for Aurora, "
        "`replicas: 1` or more."
    )
    mirrors = "AWS Security Hub RDS.5 and RDS.15; cfn-lint/checkov CKV_AWS_157"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Check the failover target; the subnet group's zones are AG004's (AWS refuses one)."""
        for db in arch.resources_of(Rds):
            if db.survives_zone_loss():
                continue
            if db.aurora:
                yield self.issue(db, _aurora_message(db), "replicas")
            else:
                yield self.issue(
                    db,
                    "not Multi-AZ: losing its zone loses the database until a restore",
                    "multi_az",
                )


def _aurora_message(db: Rds) -> str:
    """Say why an Aurora cluster without readers stops with its writer's zone."""
    text = (
        "Aurora cluster with no reader: losing the writer's zone leaves no failover target, "
        "and the database is down until Aurora recreates the writer (its storage survives "
        "across three zones)"
    )
    return text + ("; `multi_az` does not apply to Aurora" if db.multi_az else "")
