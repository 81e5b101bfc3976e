"""AG501: compute calls AWS service APIs through an IAM role that allows the target."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.model.catalogue import COMPUTE_TYPES, SERVICE_API_TYPES
from archgen.model.resources.facts import NeedsRole
from archgen.model.resources.services import IamRole
from archgen.rules.base import Rule


class ComputeUsesRoles(Rule):
    """AG501: service calls need temporary credentials from a role, never stored keys."""

    id = "AG501"
    name = "compute-uses-roles"
    title = "Compute calls AWS services through an IAM role that allows them"
    severity = Severity.ERROR
    rationale = (
        "AWS service APIs accept only signed requests. A role gives the code temporary, "
        "rotated credentials; without one, someone stores access keys on the server."
    )
    remediation = (
        "Give the compute a `role` whose `allows` lists every service it calls. Every Lambda, "
        "ECS service, EKS cluster, state machine and knowledge base needs a role."
    )
    mirrors = "AWS Well-Architected SEC02-BP02 (use temporary credentials); Security Hub IAM.1"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Check the role of everything AWS runs only under one, and every service call."""
        for resource in arch.resources.values():
            if isinstance(resource, NeedsRole) and not arch.roles_of(resource.id):
                yield self.issue(resource, f"has no {resource.role_kind}", "role")
        for index, connection in enumerate(arch.connections):
            source, target = connection.source, connection.target
            if arch.type_of(source) not in COMPUTE_TYPES:
                continue
            if arch.type_of(target) not in SERVICE_API_TYPES:
                continue
            roles = arch.roles_of(source)
            if not any(target in arch.get(role, IamRole).allows for role in roles):
                held = f"its role {', '.join(roles)} does not" if roles else "it holds no role to"
                yield self.issue_at(
                    ("connections", index),
                    f"calls {target}, but {held} allow {target}",
                    resource=source,
                )
