"""AG103: an Auto Scaling group spans at least two Availability Zones."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.model.resources.facts import SpansZones
from archgen.rules.base import Rule


class AsgSpansTwoAzs(Rule):
    """AG103: Auto Scaling can only replace capacity in the zones it may launch in."""

    id = "AG103"
    name = "asg-spans-two-azs"
    title = "Auto Scaling groups, container services and clusters span two Availability Zones"
    severity = Severity.ERROR
    rationale = (
        "When a zone fails, Auto Scaling relaunches the lost instances in the group's other "
        "zones and ECS restarts tasks in the service's other subnets; with one zone there is "
        "nowhere to go. EKS refuses a cluster with one zone, and an OpenSearch domain without "
        "zone awareness keeps every node in one."
    )
    remediation = (
        "List a subnet in a second Availability Zone in `subnets`; turn on `zone_awareness` "
        "for OpenSearch."
    )
    mirrors = "AWS Security Hub AutoScaling.2, Opensearch.6"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Ask each group, service and cluster whether its zones leave it in one."""
        for resource in arch.resources.values():
            if not isinstance(resource, SpansZones):
                continue
            gap = resource.zone_gap(arch.zones_of(resource.id))
            if gap is not None:
                message, field = gap
                yield self.issue(resource, message, field)
