"""AG207: only the application tier calls the data tier."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.rules.base import Rule


class NoTierSkipping(Rule):
    """AG207: a load balancer or a client talking to the database skips the application."""

    id = "AG207"
    name = "no-tier-skipping"
    title = "Only the application tier calls the data tier"
    severity = Severity.ERROR
    rationale = (
        "The application tier validates requests and holds the credentials to the data. "
        "Anything else that reaches the data tier bypasses that control."
    )
    remediation = (
        "Send the request through the application tier. CloudFront fetching objects from "
        "S3 is content delivery and is allowed."
    )
    mirrors = "AWS Well-Architected SEC05-BP01 (create network layers)"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Flag connections into the data tier from any tier but application."""
        for index, connection in enumerate(arch.connections):
            if "data" not in arch.tiers_of(connection.target):
                continue
            if "application" in arch.tiers_of(connection.source):
                continue
            if (arch.type_of(connection.source), arch.type_of(connection.target)) == (
                "cloudfront",
                "s3",
            ):
                continue
            tiers = "/".join(arch.tiers_of(connection.source))
            yield self.issue_at(
                ("connections", index),
                f"({tiers} tier) calls {connection.target} in the data tier directly, "
                "skipping the application tier",
                resource=connection.source,
            )
