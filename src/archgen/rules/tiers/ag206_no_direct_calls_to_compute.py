"""AG206: clients and static sites reach compute only through API Gateway or a load balancer."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.model.catalogue import COMPUTE_TYPES
from archgen.rules.base import Rule

_CALLERS = ("external", "presentation")


class NoDirectCallsToCompute(Rule):
    """AG206: the presentation layer never calls the application servers directly."""

    id = "AG206"
    name = "no-direct-calls-to-compute"
    title = "No direct presentation to application calls"
    severity = Severity.ERROR
    rationale = (
        "A front door (API Gateway or a load balancer) authenticates, throttles and spreads "
        "requests, and lets the servers behind it change. Calling compute directly exposes "
        "each server and ties clients to it."
    )
    remediation = "Route the call through API Gateway or an Application Load Balancer."
    mirrors = "AWS Well-Architected SEC05-BP02 (control traffic at all layers)"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Flag connections from clients or the presentation tier to compute."""
        for index, connection in enumerate(arch.connections):
            source_tiers = arch.tiers_of(connection.source)
            if arch.type_of(connection.target) not in COMPUTE_TYPES:
                continue
            if any(tier in _CALLERS for tier in source_tiers):
                yield self.issue_at(
                    ("connections", index),
                    f"calls {connection.target} directly: put API Gateway or a load "
                    "balancer in front of it",
                    resource=connection.source,
                )
