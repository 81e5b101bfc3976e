"""AG205: the internet reaches application and data resources only through a front door."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.network.exposure import exposures
from archgen.rules.base import Rule


class NoDirectInternetPath(Rule):
    """AG205: a server or database that the internet can reach directly is one bug away."""

    id = "AG205"
    name = "no-direct-internet-path"
    title = "No internet path to application or data resources except through a front door"
    severity = Severity.ERROR
    rationale = (
        "Application and data resources must be reached only through an ALB, API Gateway or "
        "CloudFront, which terminate TLS, filter requests and hide the servers. A direct path "
        "from the internet (public address, public route, NACL and security group all open) "
        "bypasses all of that."
    )
    remediation = (
        "Remove the public address (public_ip, publicly_accessible, public_ip_on_launch), move "
        "the resource to a private subnet, or close its security group to the internet."
    )
    mirrors = "AWS Reachability Analyzer / Network Access Analyzer; Security Hub EC2.19"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Search from the internet over all ports to every application and data resource."""
        for exposure in exposures(arch):
            yield self.issue(
                arch.resource(exposure.resource),
                f"reachable from the internet in {exposure.subnet} on {exposure.what}, "
                "without an ALB, API Gateway or CloudFront in front",
            )
