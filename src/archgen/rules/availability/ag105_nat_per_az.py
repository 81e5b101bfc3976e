"""AG105: private subnets use the NAT gateway of their own Availability Zone."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.model.resources.network import NatGateway, Subnet
from archgen.rules.base import Rule


class NatPerAz(Rule):
    """AG105: a shared NAT gateway is a single point of failure for outbound traffic."""

    id = "AG105"
    name = "nat-per-az"
    title = "Each AZ routes through its own NAT gateway"
    severity = Severity.WARNING
    rationale = (
        "A NAT gateway lives in one zone. Subnets in other zones that route through it lose "
        "internet access when that zone fails, and pay cross-zone data charges meanwhile."
    )
    remediation = (
        "Create a NAT gateway in every zone and give each zone's private subnets a route "
        "table whose default route targets the NAT gateway of the same zone."
    )
    mirrors = "AWS VPC documentation, NAT gateway basics; Well-Architected REL10-BP01"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Compare each subnet's zone with the zone of the NAT its default route uses."""
        for subnet in arch.resources_of(Subnet):
            table = arch.route_table_of(subnet.id)
            if table is None:
                continue
            for route in table.routes:
                target = arch.resource(route.target)
                if route.destination != "0.0.0.0/0" or not isinstance(target, NatGateway):
                    continue
                nat_zone = arch.get(target.subnet, Subnet).zone
                if nat_zone != subnet.zone:
                    yield self.issue(
                        subnet,
                        f"in {subnet.zone} but its default route uses {target.id} in "
                        f"{nat_zone}: losing {nat_zone} cuts this subnet off",
                        "route_table" if subnet.route_table else "zone",
                    )
