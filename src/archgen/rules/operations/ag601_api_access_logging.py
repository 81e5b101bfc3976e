"""AG601: API Gateway writes access logs."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.model.resources.edge import ApiGateway
from archgen.rules.base import Rule


class ApiAccessLogging(Rule):
    """AG601: without access logs nobody can tell who called the API, or why it failed."""

    id = "AG601"
    name = "api-access-logging"
    title = "API Gateway access logging is on"
    severity = Severity.WARNING
    rationale = (
        "Access logs record every request: caller, path, status and latency. They are how "
        "errors are found and how an incident is investigated."
    )
    remediation = "Set `access_logging: true` and send the logs to CloudWatch Logs."
    mirrors = "AWS Security Hub APIGateway.1; checkov CKV_AWS_76"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Check each API's flag."""
        return self.flag_each(
            arch,
            ApiGateway,
            lambda api: not api.access_logging,
            "access logging is off",
            "access_logging",
        )
