"""AG106: regional services keep their redundancy: VPC Lambdas in two AZs, S3 multi-AZ."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.model.resources.compute import Lambda
from archgen.model.resources.data import S3
from archgen.rules.base import Rule


class RegionalRedundancy(Rule):
    """AG106: a VPC Lambda runs only in its subnets' zones; One Zone S3 lives in one zone."""

    id = "AG106"
    name = "regional-redundancy"
    title = "VPC-attached Lambda spans two AZs and S3 keeps multi-AZ storage"
    severity = Severity.WARNING
    rationale = (
        "Lambda and S3 are multi-AZ by default, but a VPC-attached function runs only in its "
        "subnets' zones and the One Zone-IA storage class keeps data in a single zone."
    )
    remediation = (
        "Attach functions to subnets in at least two zones; use a multi-AZ S3 storage class "
        "(Standard, Intelligent-Tiering, Standard-IA, Glacier)."
    )
    mirrors = "AWS Security Hub Lambda.5; Well-Architected REL10-BP01"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Check each VPC Lambda's zones and each bucket's storage class."""
        for function in arch.resources_of(Lambda):
            zones = arch.zones_of(function.id)
            if function.subnets and len(zones) < 2:
                yield self.issue(
                    function,
                    f"VPC-attached in {', '.join(zones)} only: it stops if that zone fails",
                    "subnets",
                )
        for bucket in arch.resources_of(S3):
            if bucket.storage_class == "one_zone_ia":
                yield self.issue(
                    bucket,
                    "One Zone-IA keeps the objects in a single zone: losing it loses them",
                    "storage_class",
                )
