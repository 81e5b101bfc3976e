"""AG102: an ALB is enabled in two AZs and in every AZ that holds its targets."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.model.resources.edge import LoadBalancer
from archgen.rules.base import Rule


class AlbSpansTargetAzs(Rule):
    """AG102: an ALB sends no traffic to targets in zones it is not enabled in."""

    id = "AG102"
    name = "alb-spans-target-azs"
    title = "Load balancers are enabled in at least two AZs and in every AZ of their targets"
    severity = Severity.ERROR
    rationale = (
        "AWS requires an ALB in two zones, and an ALB only routes to targets in zones it is "
        "enabled in: targets elsewhere receive nothing and their capacity is lost."
    )
    remediation = "Give the ALB one subnet in every Availability Zone that holds its targets."
    mirrors = "AWS Security Hub ELB.13; ELB ELB_INSTALLED_AZ_RESTRICTION"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Compare each load balancer's zones (ALB or NLB) with its targets' zones."""
        for alb in arch.resources.values():
            if not isinstance(alb, LoadBalancer):
                continue
            zones = arch.zones_of(alb.id)
            if len(zones) < 2:
                yield self.issue(
                    alb,
                    f"enabled only in {', '.join(zones) or 'no zone'}: "
                    f"an {arch.type_of(alb.id).upper()} needs two zones",
                    "subnets",
                )
            for index, connection in arch.connections_from(alb.id):
                missing = [z for z in arch.zones_of(connection.target) if z not in zones]
                if missing:
                    yield self.issue_at(
                        ("connections", index, "to"),
                        f"target {connection.target} runs in {', '.join(missing)}, where "
                        f"{alb.id} has no subnet: those targets get no traffic",
                        resource=alb.id,
                    )
