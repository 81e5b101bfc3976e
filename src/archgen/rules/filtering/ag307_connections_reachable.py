"""AG307: every declared connection is reachable, request and reply."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.network.reach import network_of
from archgen.rules.base import Rule


class ConnectionsReachable(Rule):
    """AG307: a diagram arrow that the network would drop is a design that does not work."""

    id = "AG307"
    name = "connections-reachable"
    title = "Every declared connection is reachable both ways"
    severity = Severity.ERROR
    rationale = (
        "Each connection is checked the way AWS Reachability Analyzer checks a deployed path: "
        "routes, NACLs both ways, security groups and listeners, over every pair of subnets "
        "the traffic can use, including the database standby's. A path that holds only if a "
        "rule's public range contains an AWS service's addresses (which AWS publishes and "
        "changes, and archgen does not list) is reported as a note: unverified, not blocked."
    )
    remediation = (
        "Run `archgen trace FILE FROM TO` to see the path hop by hop, then open the component "
        "the finding names."
    )
    mirrors = "AWS Reachability Analyzer"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Report the first blocking component of every unreachable connection.

        A connection that passes only if a rule's public range holds an AWS
        service's addresses, which archgen cannot list, is neither proven nor
        refuted: a note says which rule it rests on.
        """
        reach = network_of(arch)
        for index, hop, pair, block in reach.failures():
            yield self.issue_at(
                ("connections", index),
                f"{hop.source} -> {hop.target} {hop.protocol}/{hop.port} blocked on the "
                f"{block.describe()}; pair {pair.source.label} -> {pair.target.label}",
                resource=hop.source,
            )
        for index, hop in reach.connections():
            found = hop.unverified if hop.reachable else None
            if found is not None:
                yield self.issue_at(
                    ("connections", index),
                    f"{hop.source} -> {hop.target} {hop.protocol}/{hop.port} cannot be verified: "
                    f"{found[1].unverified}; check it against AWS's published ranges "
                    "(ip-ranges.json) or name the service's prefix list instead",
                    resource=hop.source,
                    severity=Severity.NOTE,
                )
