"""AG305: security groups do not open administration or database ports to the internet."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.model.resources.network import SecurityGroup
from archgen.model.types import port_range
from archgen.network import ranges
from archgen.network.intervals import OPEN_INTERNET
from archgen.rules.base import Rule

SENSITIVE_PORTS = {
    22: "SSH",
    3389: "RDP",
    3306: "MySQL",
    5432: "PostgreSQL",
    1433: "SQL Server",
    1521: "Oracle",
    6379: "Redis",
    11211: "Memcached",
    27017: "MongoDB",
    2049: "NFS",
}


class SgSensitivePorts(Rule):
    """AG305: the security group is the last filter before the service listens."""

    id = "AG305"
    name = "sg-sensitive-ports"
    title = "Security groups do not open admin or database ports to 0.0.0.0/0"
    severity = Severity.ERROR
    rationale = (
        "A database or remote-login port open to the whole internet is found by scanners "
        "within minutes; only the password then stands in the way."
    )
    remediation = (
        "Admit these ports only from the security group of the tier that needs them "
        "(the application servers), never from a CIDR that covers the internet."
    )
    mirrors = "AWS Security Hub EC2.13, EC2.14, EC2.19; checkov CKV_AWS_24, CKV_AWS_25"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Check every ingress rule whose source covers public addresses."""
        for group in arch.resources_of(SecurityGroup):
            for index, rule in enumerate(group.ingress):
                if rule.protocol not in ("tcp", "all"):
                    continue
                addresses = ranges.named(arch, rule.source)  # a CIDR or a prefix list
                if addresses is None or not addresses & OPEN_INTERNET:
                    continue
                low, high = port_range(rule.ports)
                opened = [
                    f"{name} ({p})" for p, name in SENSITIVE_PORTS.items() if low <= p <= high
                ]
                if opened:
                    yield self.issue(
                        group,
                        f"ingress from {rule.source} opens {', '.join(opened[:3])}"
                        + (f" and {len(opened) - 3} more" if len(opened) > 3 else ""),
                        "ingress",
                        index,
                    )
