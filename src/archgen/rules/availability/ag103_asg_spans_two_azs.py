"""AG103: an Auto Scaling group spans at least two Availability Zones."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.model.resources.compute import AutoscalingGroup
from archgen.rules.base import Rule


class AsgSpansTwoAzs(Rule):
    """AG103: Auto Scaling can only replace capacity in the zones it may launch in."""

    id = "AG103"
    name = "asg-spans-two-azs"
    title = "Auto Scaling groups span at least two Availability Zones"
    severity = Severity.ERROR
    rationale = (
        "When a zone fails, Auto Scaling relaunches the lost instances in the group's other "
        "zones; a group with one zone has nowhere to go."
    )
    remediation = "List a subnet in a second Availability Zone in the group's `subnets`."
    mirrors = "AWS Security Hub AutoScaling.2"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Count each group's zones."""
        for group in arch.resources_of(AutoscalingGroup):
            zones = arch.zones_of(group.id)
            if len(zones) < 2:
                yield self.issue(
                    group,
                    f"launches only in {', '.join(zones) or 'no zone'}: "
                    "a zone failure leaves nowhere to replace the instances",
                    "subnets",
                )
