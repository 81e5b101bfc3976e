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
        "automatically; without it a zone failure stops the database until a restore."
    )
    remediation = "Set `multi_az: true` (its subnets in two zones: AG004 checks them)."
    mirrors = "AWS Security Hub RDS.5; cfn-lint/checkov CKV_AWS_157"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Check the flag; the subnet group's zones are AG004's, since AWS refuses one zone."""
        for db in arch.resources_of(Rds):
            if not db.multi_az:
                yield self.issue(
                    db,
                    "not Multi-AZ: losing its zone loses the database until a restore",
                    "multi_az",
                )
