"""AG203: the data tier is private and not publicly accessible."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.model.resources.data import Rds
from archgen.rules.base import Rule


class PrivateData(Rule):
    """AG203: a database with a public endpoint is one password away from the internet."""

    id = "AG203"
    name = "private-data"
    title = "The data tier is private and not publicly accessible"
    severity = Severity.ERROR
    rationale = (
        "Databases, caches and file systems in public subnets, or RDS instances that are "
        "publicly accessible, get public endpoints that anyone can try to log in to."
    )
    remediation = (
        "Put data stores in private subnets without a route to an internet gateway and set "
        "`publicly_accessible: false`."
    )
    mirrors = "AWS Security Hub RDS.2; checkov CKV_AWS_17"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Check every subnet-placed data resource."""
        for resource_id, resource in arch.resources.items():
            if "data" not in arch.tiers_of(resource_id):
                continue
            if isinstance(resource, Rds) and resource.publicly_accessible:
                yield self.issue(resource, "is publicly accessible", "publicly_accessible")
            for index, subnet in enumerate(arch.subnets_of(resource_id)):
                if arch.is_public(subnet):
                    yield self.issue(
                        resource,
                        f"uses public subnet {subnet}: the data tier belongs in private subnets",
                        "subnets",
                        index,
                    )
