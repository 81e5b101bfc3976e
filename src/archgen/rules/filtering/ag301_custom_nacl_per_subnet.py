"""AG301: every subnet has an explicitly associated custom NACL."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.model.resources.network import Subnet
from archgen.rules.base import Rule


class CustomNaclPerSubnet(Rule):
    """AG301: the default NACL allows everything, so it adds no layer of defence."""

    id = "AG301"
    name = "custom-nacl-per-subnet"
    title = "Every subnet has a custom network ACL"
    severity = Severity.WARNING
    rationale = (
        "A subnet without an explicit NACL uses the VPC's default ACL, which allows all "
        "traffic both ways: only the security groups stand between tiers."
    )
    remediation = "Give each tier's subnets a custom `nacl` that admits only that tier's traffic."
    mirrors = "AWS Security Hub EC2.21; Well-Architected SEC05-BP02"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Flag subnets without `nacl`."""
        return self.flag_each(
            arch,
            Subnet,
            lambda subnet: subnet.nacl is None,
            "has no custom NACL: the VPC's default ACL allows all traffic",
        )
