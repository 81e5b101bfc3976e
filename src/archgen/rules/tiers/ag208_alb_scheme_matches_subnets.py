"""AG208: internet-facing ALBs sit in public subnets, internal ones in private subnets."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.model.resources.edge import LoadBalancer
from archgen.rules.base import Rule


class AlbSchemeMatchesSubnets(Rule):
    """AG208: an ALB's scheme and its subnets must tell the same story."""

    id = "AG208"
    name = "alb-scheme-matches-subnets"
    title = "Internet-facing ALBs in public subnets, internal ALBs in private subnets"
    severity = Severity.ERROR
    rationale = (
        "An internet-facing ALB in private subnets cannot be reached from the internet; an "
        "internal ALB in public subnets sits where only internet-facing things belong."
    )
    remediation = "Match the subnets to the scheme, or the scheme to the subnets."
    mirrors = "AWS Elastic Load Balancing documentation, load balancer scheme"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Compare each load balancer's scheme (ALB or NLB) with each of its subnets."""
        for alb in arch.resources.values():
            if not isinstance(alb, LoadBalancer):
                continue
            want_public = alb.scheme == "internet-facing"
            for index, subnet in enumerate(alb.subnets):
                if arch.is_public(subnet) != want_public:
                    kind = "public" if arch.is_public(subnet) else "private"
                    yield self.issue(
                        alb, f"{alb.scheme}, but subnet {subnet} is {kind}", "subnets", index
                    )
