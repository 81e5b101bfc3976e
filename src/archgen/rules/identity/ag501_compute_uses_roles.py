"""AG501: compute calls AWS service APIs through an IAM role that allows the target."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.access import access, ends, verb
from archgen.model.architecture import Architecture
from archgen.model.resources.compute import Lambda
from archgen.model.resources.facts import HoldsRole
from archgen.rules.base import Rule


class ComputeUsesRoles(Rule):
    """AG501: service calls need temporary credentials from a role, never stored keys."""

    id = "AG501"
    name = "compute-uses-roles"
    title = "Compute calls AWS services through an IAM role that allows them"
    severity = Severity.ERROR
    rationale = (
        "AWS service APIs accept only signed requests. A role gives the code temporary, "
        "rotated credentials; without one, someone stores access keys on the server. A "
        "function polling a queue or stream reads it with its own role."
    )
    remediation = (
        "Give the compute a `role` whose `allows` lists every service it calls or polls. Every "
        "Lambda needs an execution role. Users reach signed APIs through a front door."
    )
    mirrors = "AWS Well-Architected SEC02-BP02 (use temporary credentials); Security Hub IAM.1"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Check every Lambda's role, then every call from compute or a client (model/access)."""
        for function in arch.resources_of(Lambda):
            if not arch.roles_of(function.id):
                yield self.issue(function, "has no execution role", "role")
        for index, connection in enumerate(arch.connections):
            caller, callee = ends(arch, connection)
            if not self._judged(arch, caller, callee):
                continue
            decision = access(arch, caller, callee)
            if decision is not None and not decision.allowed:
                yield self.issue_at(
                    ("connections", index),
                    f"{verb(arch, connection)} {callee}, but {decision.reason}",
                    resource=caller,
                )

    @staticmethod
    def _judged(arch: Architecture, caller: str, callee: str) -> bool:
        """Tell whether this rule owns the call: code signing it, or a user calling a service.

        A user calling compute directly is AG206's finding; a service's own calls
        (CloudFront to a bucket) are AG404's.
        """
        if isinstance(arch.resource(caller), HoldsRole):
            return True
        return arch.type_of(caller) == "client" and not isinstance(arch.resource(callee), HoldsRole)
