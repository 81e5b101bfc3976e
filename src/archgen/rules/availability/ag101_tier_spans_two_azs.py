"""AG101: every tier placed in subnets spans at least two Availability Zones."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.model.resources.facts import InSubnet
from archgen.model.types import TIERS
from archgen.rules.base import Rule


class TierSpansTwoAzs(Rule):
    """AG101: a tier in one AZ goes down with that AZ."""

    id = "AG101"
    name = "tier-spans-two-azs"
    title = "Each tier's subnets span at least two Availability Zones"
    severity = Severity.ERROR
    rationale = (
        "An Availability Zone can fail as a whole. A tier whose subnets are all in one zone "
        "stops with it, and the whole application stops with the tier."
    )
    remediation = (
        "Add a subnet in a second Availability Zone for the tier and place its resources in both."
    )
    mirrors = "AWS Well-Architected REL10-BP01 (deploy the workload to multiple locations)"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Group the subnet-placed resources by tier and count each tier's zones."""
        members: dict[str, list[str]] = {}
        for resource_id in arch.resources:
            if arch.placement_of(resource_id) != "subnet":
                continue
            for tier in arch.tiers_of(resource_id):
                members.setdefault(tier, []).append(resource_id)
        for tier in TIERS:
            ids = members.get(tier, [])
            zones = {zone for rid in ids for zone in arch.zones_of(rid)}
            if ids and len(zones) < 2:
                first = arch.resource(ids[0])
                where = ", ".join(sorted(zones)) or "no zone"
                yield self.issue(
                    first,
                    f"the {tier} tier ({', '.join(ids)}) runs only in {where}: "
                    "losing that zone stops the tier",
                    first.subnet_field if isinstance(first, InSubnet) else "subnets",
                )
