"""AG304: the stateless return path (ephemeral ports) is open for every connection."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.network.reach import network_of
from archgen.rules.base import Rule


class StatelessReturnPath(Rule):
    """AG304: NACLs forget the request; the reply needs its own rules."""

    id = "AG304"
    name = "stateless-return-path"
    title = "NACLs let replies back on the ephemeral ports"
    severity = Severity.ERROR
    rationale = (
        "NACLs are stateless: the reply to an admitted request is judged again, on the "
        "client's ephemeral port (1024-65535 behind a load balancer, NAT or Lambda; "
        "32768-65535 for a connection an instance opens itself, which covers Linux and "
        "Windows). Without "
        "those rules the request arrives and the answer is dropped."
    )
    remediation = (
        "Allow tcp 1024-65535 outbound from the server's subnet to the client's, and inbound "
        "to the client's subnet from the server's."
    )
    mirrors = "AWS VPC documentation, network ACLs: ephemeral ports"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Flag connections whose reply a NACL refuses."""
        for index, hop, pair, block in network_of(arch).failures():
            if block.direction == "return" and block.kind == "network_acl":
                yield self.issue_at(
                    ("connections", index),
                    f"replies to {hop.target} are refused at {block.component} "
                    f"({block.detail}), between {pair.source.label} and {pair.target.label}",
                    resource=hop.source,
                )
