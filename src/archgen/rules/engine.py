"""Run the rules over an architecture and place their issues in the source file."""

from __future__ import annotations

from collections.abc import Iterable

from archgen.findings import Finding, Issue
from archgen.model.architecture import Architecture
from archgen.rules.base import Rule
from archgen.rules.registry import ALL_RULES


def run_rules(arch: Architecture, rules: Iterable[type[Rule]] = ALL_RULES) -> list[Finding]:
    """Return every finding of `rules` on `arch`, in file order."""
    findings = [_place(arch, issue) for rule in rules for issue in rule().check(arch)]
    return sorted(set(findings))


def _place(arch: Architecture, issue: Issue) -> Finding:
    return Finding(
        span=arch.source.span(issue.path),
        rule=issue.rule,
        severity=issue.severity,
        resource=issue.resource,
        message=issue.message,
    )
