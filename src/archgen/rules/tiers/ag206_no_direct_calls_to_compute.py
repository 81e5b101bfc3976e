"""AG206: clients and static sites reach compute only through API Gateway or a load balancer."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.model.catalogue import COMPUTE_TYPES
from archgen.rules.base import Rule

_CALLERS = ("external", "presentation")

_REMOTE_ACCESS = {
    22: ("ssh", "AWS Systems Manager Session Manager or a bastion host"),
    3389: ("rdp", "AWS Systems Manager Session Manager (Fleet Manager) or a bastion host"),
}
"""Administration ports: a front door cannot carry them, so the advice differs."""


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
    remediation = (
        "Route requests through API Gateway or an Application Load Balancer; reach servers "
        "for administration (SSH, RDP) through Systems Manager Session Manager or a bastion."
    )
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
                    _advice(connection.target, arch.port_of(connection)),
                    resource=connection.source,
                )


def _advice(target: str, port: int) -> str:
    """Say what to put in front: a front door for requests, remote access for SSH and RDP."""
    remote = _REMOTE_ACCESS.get(port)
    if remote is None:
        return f"calls {target} directly: put API Gateway or a load balancer in front of it"
    name, way = remote
    return f"opens {name} to {target} directly: reach it through {way}"
