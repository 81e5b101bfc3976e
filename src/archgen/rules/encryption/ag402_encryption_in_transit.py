"""AG402: every hop from the internet is encrypted.

Plain HTTP from a client to an instance is this rule, widened, rather than a new id:
the rule's title, rationale and contract ("encryption in transit on every hop from
the internet") always covered it; only the check stopped at front doors. A new id
would split one concern in two and let a suppression of one miss the other.
"""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.model.resources.edge import Alb, CloudFront
from archgen.model.resources.facts import FrontDoor
from archgen.rules.base import Rule

_ENCRYPTED = ("https", "wss", "grpc")
"""What a front door may be reached with: TLS on the wire (gRPC and WebSocket APIs run on 443)."""


class EncryptionInTransit(Rule):
    """AG402: plain HTTP on the internet can be read and changed on the way."""

    id = "AG402"
    name = "encryption-in-transit"
    title = "Traffic from the internet is HTTPS"
    severity = Severity.ERROR
    rationale = (
        "Requests and responses that cross the internet in plain HTTP can be read and altered "
        "by anyone on the path: passwords, session cookies, personal data."
    )
    remediation = (
        "Use HTTPS from clients to anything they reach (a front door, an instance), HTTPS "
        "listeners on internet-facing ALBs, and a CloudFront viewer policy of "
        "redirect-to-https or https-only."
    )
    mirrors = "AWS Security Hub ELB.1, CloudFront.3; checkov CKV_AWS_2, CKV_AWS_34"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Check client connections, ALB listeners and CloudFront viewer policies.

        Plain HTTP from a client is flagged whatever it reaches (an instance with a
        public address is as readable on the wire as a load balancer); a front door
        must moreover be reached over TLS.
        """
        for index, connection in enumerate(arch.connections):
            if "external" not in arch.tiers_of(connection.source):
                continue
            door = isinstance(arch.resource(connection.target), FrontDoor)
            plain = connection.protocol == "http"
            if plain or (door and connection.protocol not in _ENCRYPTED):
                yield self.issue_at(
                    ("connections", index, "protocol"),
                    f"reaches {connection.target} over {connection.protocol}, not https",
                    resource=connection.source,
                )
        for alb in arch.resources_of(Alb):
            if alb.scheme != "internet-facing":
                continue
            for index, listener in enumerate(alb.listeners):
                if listener.protocol != "https":
                    yield self.issue(
                        alb,
                        f"internet-facing listener on port {listener.port} is "
                        f"{listener.protocol}, not https",
                        "listeners",
                        index,
                    )
        for distribution in arch.resources_of(CloudFront):
            if distribution.viewer_protocol == "allow-all":
                yield self.issue(
                    distribution,
                    "viewer protocol policy allow-all serves plain HTTP",
                    "viewer_protocol",
                )
