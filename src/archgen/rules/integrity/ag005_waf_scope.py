"""AG005: a web ACL protects only what AWS WAF supports, and only in one scope."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.model.resources.edge import ApiGateway, Waf
from archgen.rules.base import Rule

_UNSUPPORTED_APIS = {"http": "an HTTP API", "websocket": "a WebSocket API"}
"""API Gateway kinds a web ACL cannot be associated with: WAF protects REST APIs only."""


class WafScope(Rule):
    """AG005: AWS refuses these associations, so the protection drawn does not exist."""

    id = "AG005"
    name = "waf-scope"
    title = "Each web ACL protects what AWS WAF supports, in one scope"
    severity = Severity.ERROR
    rationale = (
        "AWS WAF associates a web ACL with CloudFront (global scope) or with regional "
        "resources (REST APIs of API Gateway, Application Load Balancers, AppSync, Cognito "
        "user pools), never both at once, and never with an HTTP or WebSocket API. A design "
        "that draws one shows protection that AWS cannot give."
    )
    remediation = (
        "Use one web ACL for CloudFront and another for the regional resources; put an HTTP "
        "API behind CloudFront with a web ACL there, or make it a REST API."
    )
    mirrors = "AWS WAF API AssociateWebACL (WAFInvalidParameterException); WAF scopes"
    suppressible = False

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Check each web ACL's protected resources: their kind, then their scopes."""
        for waf in arch.resources_of(Waf):
            yield from self._unsupported(arch, waf)
            yield from self._mixed_scopes(arch, waf)

    def _unsupported(self, arch: Architecture, waf: Waf) -> Iterator[Issue]:
        """Flag API Gateway APIs of a kind WAF cannot be associated with."""
        for index, target in enumerate(waf.protects):
            api = arch.resource(target)
            if isinstance(api, ApiGateway) and api.kind in _UNSUPPORTED_APIS:
                yield self.issue(
                    waf,
                    f"protects {target}, {_UNSUPPORTED_APIS[api.kind]}: AWS WAF protects "
                    "only REST APIs of API Gateway",
                    "protects",
                    index,
                )

    def _mixed_scopes(self, arch: Architecture, waf: Waf) -> Iterator[Issue]:
        """Flag a web ACL that names both global (CloudFront) and regional resources."""
        scopes = {target: _scope(arch, target) for target in waf.protects}
        if len(set(scopes.values())) < 2:
            return
        global_ones = [target for target, scope in scopes.items() if scope == "CLOUDFRONT"]
        regional = [target for target, scope in scopes.items() if scope == "REGIONAL"]
        yield self.issue(
            waf,
            f"protects {', '.join(global_ones)} (CloudFront scope) and {', '.join(regional)} "
            "(regional scope): a web ACL has one scope; use one for each",
            "protects",
        )


def _scope(arch: Architecture, resource_id: str) -> str:
    """Return the web ACL scope a resource needs: CLOUDFRONT for global ones, else REGIONAL."""
    return "CLOUDFRONT" if arch.placement_of(resource_id) == "global" else "REGIONAL"
