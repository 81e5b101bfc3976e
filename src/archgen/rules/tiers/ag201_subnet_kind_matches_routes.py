"""AG201: a subnet's declared kind agrees with its routing."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.model.resources.network import Subnet
from archgen.rules.base import Rule


class SubnetKindMatchesRoutes(Rule):
    """AG201: a subnet is public because of its route table, not because of its name."""

    id = "AG201"
    name = "subnet-kind-matches-routes"
    title = "A subnet's declared kind agrees with its routing"
    severity = Severity.ERROR
    rationale = (
        "AWS makes a subnet public exactly when its route table has a route to an internet "
        "gateway. A 'private' subnet that routes to one exposes what the author meant to hide."
    )
    remediation = (
        "Associate the subnet with a route table that matches its purpose: an internet "
        "gateway route for public subnets, a NAT gateway route or none for private ones."
    )
    mirrors = "AWS VPC documentation, subnet types"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Compare each declared kind with the kind the routes give."""
        for subnet in arch.resources_of(Subnet):
            if subnet.kind is None:
                continue
            actual = "public" if arch.is_public(subnet.id) else "private"
            if actual != subnet.kind:
                table = arch.route_table_of(subnet.id)
                via = f"route table {table.id}" if table else "the VPC's implicit main table"
                reason = (
                    "routes to an internet gateway"
                    if actual == "public"
                    else "has no route to an internet gateway"
                )
                yield self.issue(
                    subnet, f"declared {subnet.kind}, but {via} {reason}: it is {actual}", "kind"
                )
