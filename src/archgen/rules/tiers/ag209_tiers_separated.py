"""AG209: presentation and application are served by different resources."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.rules.base import Rule


class TiersSeparated(Rule):
    """AG209: one fleet serving pages and running the API cannot scale either alone."""

    id = "AG209"
    name = "tiers-separated"
    title = "Presentation and application are separate resources"
    severity = Severity.WARNING
    rationale = (
        "When the same servers render the site and run the application logic, a spike in "
        "either takes both down, and neither can be scaled, secured or released alone."
    )
    remediation = (
        "Serve the static presentation layer from S3 through CloudFront and run the "
        "application behind API Gateway or a load balancer."
    )
    mirrors = "AWS Well-Architected PERF/REL: decouple tiers; three-tier reference architecture"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Flag resources declared in both tiers."""
        for resource_id, resource in arch.resources.items():
            tiers = arch.tiers_of(resource_id)
            if "presentation" in tiers and "application" in tiers:
                yield self.issue(
                    resource,
                    "serves both the presentation and the application tier: they cannot "
                    "scale or change separately",
                    "tier",
                )
