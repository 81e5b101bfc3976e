"""AG503: an API whose routes reach stored data has an authorizer."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.model.resources.edge import ApiGateway
from archgen.rules.base import Rule


class ApiAuthorizer(Rule):
    """AG503: an API without an authorizer lets anyone on the internet at the data behind it."""

    id = "AG503"
    name = "api-authorizer"
    title = "APIs that reach data have an authorizer"
    severity = Severity.WARNING
    rationale = (
        "API Gateway without an authorizer accepts every caller: whatever its functions can "
        "read or change in the data tier, anyone who finds the URL can too. An API that "
        "serves only public data may go without one; one that reaches stores rarely should."
    )
    remediation = (
        "Set `authorizer` to `cognito` (users signed in through a user pool), `jwt`, `iam` "
        "(signed AWS callers) or `lambda` (a custom check)."
    )
    mirrors = "AWS Security Hub APIGateway.8 (routes specify an authorization type); OWASP API2"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Follow each open API's requests until they reach the data tier."""
        for api in arch.resources_of(ApiGateway):
            if api.authorizer != "none":
                continue
            stores = _data_reached(arch, api.id)
            if stores:
                yield self.issue(
                    api,
                    f"has no authorizer and its routes reach {', '.join(stores)}: anyone on "
                    "the internet can use them",
                    "authorizer",
                )


def _data_reached(arch: Architecture, start: str) -> list[str]:
    """Return the data-tier resources that requests starting at `start` reach, in order."""
    reached: list[str] = []
    seen = {start}
    todo = [start]
    while todo:
        here = todo.pop(0)
        for _, connection in arch.connections_from(here):
            target = connection.target
            if arch.mode_of(connection) != "request" or target in seen:
                continue
            seen.add(target)
            if "data" in arch.tiers_of(target):
                reached.append(target)
            else:
                todo.append(target)
    return reached
