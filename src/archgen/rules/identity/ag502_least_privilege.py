"""AG502: a role allows nothing its holders never call."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.access import ends
from archgen.model.architecture import Architecture
from archgen.model.implied import implied_calls
from archgen.model.resources.services import IamRole
from archgen.rules.base import Rule


class LeastPrivilege(Rule):
    """AG502: permissions nobody uses only widen what a stolen credential can do."""

    id = "AG502"
    name = "least-privilege"
    title = "Roles allow only what their holders call"
    severity = Severity.WARNING
    rationale = (
        "An unused permission does nothing for the application and everything for an "
        "attacker who steals the role's credentials."
    )
    remediation = "Remove the target from `allows`, or declare the connection that needs it."
    mirrors = "AWS Well-Architected SEC03-BP02 (grant least privilege); IAM Access Analyzer"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Match each allowed target with a call one of the role's holders starts.

        A poll is started by its `to` end: a function fed by a queue uses the queue.
        A field may imply a call (a knowledge base reads its data source): it counts too.
        """
        callees: dict[str, set[str]] = {}
        for connection in arch.connections:
            caller, callee = ends(arch, connection)
            callees.setdefault(caller, set()).add(callee)
        for implied in implied_calls(arch):
            callees.setdefault(implied.caller, set()).add(implied.callee)
        for role in arch.resources_of(IamRole):
            holders = set(arch.holders_of(role.id))
            called = set().union(*(callees.get(holder, set()) for holder in holders))
            for index, target in enumerate(role.allows):
                if target not in called:
                    who = ", ".join(sorted(holders)) or "no resource"
                    yield self.issue(
                        role,
                        f"allows {target}, which its holders ({who}) never call",
                        "allows",
                        index,
                    )
