"""AG004: settings AWS cannot create: encryption that cannot be off, a one-zone DB subnet group."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.model.resources.data import S3, Dynamodb, Rds
from archgen.rules.base import Rule
from archgen.rules.integrity.network_refusals import network_refusals as _network_refusals

_ALWAYS_ENCRYPTED: tuple[tuple[type[S3 | Dynamodb], str], ...] = (
    (S3, "S3 encrypts every new object (SSE-S3) since January 2023"),
    (Dynamodb, "DynamoDB encrypts every table at rest, with an AWS owned key at least"),
)
"""Stores whose encryption at rest AWS turns on by itself and lets nobody turn off."""


class SettingsAwsRefuses(Rule):
    """AG004: a design that asks for what AWS refuses describes a system that cannot exist.

    These were loadable in format v1 (and AG401 or AG104 reported them as weaknesses),
    so they stay loadable: they are errors that cannot be suppressed, not invalid input,
    and every v1 file keeps loading.
    """

    id = "AG004"
    name = "settings-aws-refuses"
    title = "No setting AWS refuses to create"
    severity = Severity.ERROR
    rationale = (
        "AWS no longer lets S3 objects or DynamoDB tables go unencrypted at rest, and refuses "
        "a DB subnet group that covers fewer than two Availability Zones. A design that asks "
        "for them cannot be built as drawn, and what it teaches is out of date. AWS also "
        "refuses to peer VPCs whose CIDR blocks overlap, and a route to the VPC's own CIDR "
        "block, which the local route holds."
    )
    remediation = (
        "Drop `encrypted: false` from S3 buckets and DynamoDB tables (choose the key instead, "
        "if it matters), give every RDS database subnets in at least two zones, peer only "
        "VPCs with distinct CIDR blocks, and drop routes to the VPC's own CIDR block."
    )
    mirrors = (
        "Amazon S3 default encryption (2023); DynamoDB encryption at rest; RDS API "
        "DBSubnetGroupDoesNotCoverEnoughAZs; EC2 API CreateVpcPeeringConnection and CreateRoute"
    )
    suppressible = False

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Check the stores that are always encrypted and every RDS subnet group."""
        for kind, reason in _ALWAYS_ENCRYPTED:
            yield from self.flag_each(
                arch,
                kind,
                lambda store: not store.encrypted,
                f"`encrypted: false` cannot be built: {reason}",
                "encrypted",
            )
        yield from _network_refusals(self, arch)
        for db in arch.resources_of(Rds):
            zones = arch.zones_of(db.id)
            if len(zones) < 2:
                yield self.issue(
                    db,
                    f"subnet group covers only {', '.join(zones) or 'no zone'}: AWS refuses a "
                    "DB subnet group in fewer than two zones",
                    "subnets",
                )
