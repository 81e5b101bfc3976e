"""AG602: a Lambda that reaches VPC resources is attached to the VPC."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.access import ends, verb
from archgen.model.architecture import Architecture
from archgen.model.resources.compute import Lambda
from archgen.rules.base import Rule


class LambdaInVpcForVpcResources(Rule):
    """AG602: a function outside the VPC can only reach private resources by making them public."""

    id = "AG602"
    name = "lambda-in-vpc-for-vpc-resources"
    title = "A Lambda that reaches VPC resources is VPC-attached"
    severity = Severity.WARNING
    rationale = (
        "A function outside the VPC has no route to private subnets: calling a database there "
        "works only if the database is made public."
    )
    remediation = "Give the function `subnets` (two zones) and `security_groups` in the VPC."
    mirrors = "AWS Lambda documentation, giving Lambda functions access to resources in a VPC"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Flag calls non-VPC functions start to subnet-placed resources, polls included."""
        outside = {function.id for function in arch.resources_of(Lambda) if not function.subnets}
        for index, connection in enumerate(arch.connections):
            caller, callee = ends(arch, connection)
            if caller not in outside or arch.placement_of(callee) != "subnet":
                continue
            end = "from" if callee == connection.source else "to"
            yield self.issue_at(
                ("connections", index, end),
                f"is not VPC-attached but {verb(arch, connection)} {callee}, "
                "which lives in the VPC",
                resource=caller,
            )
