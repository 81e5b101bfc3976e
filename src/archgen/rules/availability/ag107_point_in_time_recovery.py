"""AG107: DynamoDB tables keep point-in-time recovery."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.model.resources.data import Dynamodb
from archgen.rules.base import Rule


class PointInTimeRecovery(Rule):
    """AG107: a table without continuous backups cannot be rewound after a bad write.

    A note, not a warning: recovery costs storage, and a table whose data can be
    rebuilt from elsewhere (a cache, a projection) may rightly go without it.
    """

    id = "AG107"
    name = "point-in-time-recovery"
    title = "DynamoDB point-in-time recovery is on"
    severity = Severity.NOTE
    rationale = (
        "Replication across zones protects a table from losing a zone, not from a faulty "
        "deployment or a mistaken delete, which replicate too. Point-in-time recovery restores "
        "the table to any second of the last 35 days."
    )
    remediation = "Set `point_in_time_recovery: true` on tables whose data exists nowhere else."
    mirrors = "AWS Security Hub DynamoDB.2; AWS Well-Architected REL09-BP01 (back up data)"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Check each table's flag."""
        return self.flag_each(
            arch,
            Dynamodb,
            lambda table: not table.point_in_time_recovery,
            "point-in-time recovery is off: a bad write or delete cannot be undone",
            "point_in_time_recovery",
        )
