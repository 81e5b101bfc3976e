"""AG204: private subnets do not auto-assign public IP addresses."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.model.resources.network import Subnet
from archgen.rules.base import Rule


class NoAutoPublicIp(Rule):
    """AG204: a public address on a private instance is a latent exposure."""

    id = "AG204"
    name = "no-auto-public-ip"
    title = "Private subnets do not auto-assign public IPs"
    severity = Severity.WARNING
    rationale = (
        "An instance in a private subnet cannot use a public address, but it keeps it: one "
        "route table change later, the instance is on the internet."
    )
    remediation = "Set `public_ip_on_launch: false` on private subnets."
    mirrors = "AWS Security Hub EC2.15"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Check the flag on every private subnet."""
        return self.flag_each(
            arch,
            Subnet,
            lambda subnet: subnet.public_ip_on_launch and not arch.is_public(subnet.id),
            "private, yet assigns public IPs at launch",
            "public_ip_on_launch",
        )
