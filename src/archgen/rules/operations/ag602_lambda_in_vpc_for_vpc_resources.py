"""AG602: a Lambda that reaches VPC resources is attached to the VPC."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
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
        """Flag calls from non-VPC functions to subnet-placed resources."""
        for function in arch.resources_of(Lambda):
            if function.subnets:
                continue
            for index, connection in arch.connections_from(function.id):
                if arch.placement_of(connection.target) == "subnet":
                    yield self.issue_at(
                        ("connections", index, "to"),
                        f"is not VPC-attached but calls {connection.target}, "
                        "which lives in the VPC",
                        resource=function.id,
                    )
