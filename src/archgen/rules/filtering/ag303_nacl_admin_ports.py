"""AG303: NACLs do not admit the internet to administration ports (22, 3389)."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.model.resources.network import NetworkAcl
from archgen.model.types import port_range
from archgen.rules.base import Rule

ADMIN_PORTS = (22, 3389)


class NaclAdminPorts(Rule):
    """AG303: SSH and RDP from anywhere invite brute-force attacks."""

    id = "AG303"
    name = "nacl-admin-ports"
    title = "NACLs do not admit 0.0.0.0/0 to SSH or RDP"
    severity = Severity.ERROR
    rationale = (
        "SSH (22) and RDP (3389) open to the internet are scanned within minutes. A "
        "return-traffic range (1024-65535) is exempt: NACLs are stateless and need it for "
        "replies, and security groups guard those ports (AG305)."
    )
    remediation = (
        "Use AWS Systems Manager Session Manager instead of SSH/RDP, or admit them only from "
        "an administration network's CIDR."
    )
    mirrors = "AWS Security Hub EC2.21; checkov CKV_AWS_229, CKV_AWS_231"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Find the first rule that decides tcp 22 and 3389 from anywhere, per ACL."""
        for acl in arch.resources_of(NetworkAcl):
            for port in ADMIN_PORTS:
                for index, rule in sorted(enumerate(acl.inbound), key=lambda item: item[1].rule):
                    if rule.protocol not in ("all", "tcp") or rule.cidr != "0.0.0.0/0":
                        continue
                    low, high = port_range(rule.ports)
                    if not low <= port <= high:
                        continue
                    if rule.action == "allow" and not (low >= 1024 and high == 65535):
                        yield self.issue(
                            acl,
                            f"inbound rule {rule.rule} admits port {port} from 0.0.0.0/0",
                            "inbound",
                            index,
                        )
                    break
