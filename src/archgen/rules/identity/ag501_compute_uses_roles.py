"""AG501: compute calls AWS service APIs through an IAM role that allows the target."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.access import access, ends, verb
from archgen.model.architecture import Architecture
from archgen.model.implied import implied_calls
from archgen.model.resources.facts import HoldsRole, NeedsRole
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
        "function polling a queue or stream reads it with its own role; a service that calls "
        "another is admitted by the callee's resource policy where it has one, else by a role."
    )
    remediation = (
        "Give the caller a `role` whose `allows` lists every service it calls or polls. Every "
        "Lambda, ECS service, EKS cluster, state machine and knowledge base needs a role. "
        "Users reach signed APIs through a front door."
    )
    mirrors = "AWS Well-Architected SEC02-BP02 (use temporary credentials); Security Hub IAM.1"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Check what runs only under a role has one, then each call identity refuses."""
        for resource in arch.resources.values():
            if isinstance(resource, NeedsRole) and not arch.roles_of(resource.id):
                yield self.issue(resource, f"has no {resource.role_kind}", "role")
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

        yield from self._implied(arch)

    def _implied(self, arch: Architecture) -> Iterator[Issue]:
        """Check the calls a field implies and no connection draws, at that field."""
        drawn = {ends(arch, connection) for connection in arch.connections}
        for implied in implied_calls(arch):
            if (implied.caller, implied.callee) in drawn or not arch.roles_of(implied.caller):
                continue  # drawn: judged above; no role: found once, as such, above
            decision = access(arch, implied.caller, implied.callee)
            if decision is not None and not decision.allowed:
                yield self.issue_at(
                    implied.path,
                    f"calls {implied.callee}, but {decision.reason}",
                    resource=implied.caller,
                )

    @staticmethod
    def _judged(arch: Architecture, caller: str, callee: str) -> bool:
        """Tell whether this rule owns the call rather than a more precise one.

        A user calling compute directly is AG206's finding; CloudFront reading a
        bucket without Origin Access Control is AG404's.
        """
        caller_type, callee_type = arch.type_of(caller), arch.type_of(callee)
        if caller_type == "client" and isinstance(arch.resource(callee), HoldsRole):
            return False
        return (caller_type, callee_type) != ("cloudfront", "s3")
