"""Run the rules over an architecture, apply the run's settings and the suppressions.

Rules yield issues located by key path; the engine places them in the source
file, applies severity overrides, and marks as suppressed the issues a live
suppression on their resource covers. Meta rules then judge the suppressions.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from archgen.findings import Finding, Issue
from archgen.model.architecture import Architecture
from archgen.rules.base import MetaRule, Rule
from archgen.rules.config import RunConfig
from archgen.rules.integrity.unsuppressible import UNSUPPRESSIBLE
from archgen.rules.registry import ALL_RULES


def run_rules(
    arch: Architecture,
    rules: Iterable[type[Rule]] = ALL_RULES,
    config: RunConfig | None = None,
    today: datetime.date | None = None,
) -> list[Finding]:
    """Return every finding of the selected `rules` on `arch`, in file order."""
    config = config or RunConfig()
    today = today or datetime.date.today()
    chosen = [rule() for rule in rules if config.selects(rule)]
    issues = [issue for rule in chosen for issue in rule.check(arch)]
    for rule in chosen:
        if isinstance(rule, MetaRule):
            issues.extend(rule.review(arch, list(issues), today))
    titles = {rule.id: rule.title for rule in chosen}
    findings = {
        _place(arch, issue, config, _is_suppressed(arch, issue, today), titles) for issue in issues
    }
    return sorted(findings)


def _is_suppressed(arch: Architecture, issue: Issue, today: datetime.date) -> bool:
    if issue.resource is None or issue.rule in UNSUPPRESSIBLE:
        return False
    for entry in arch.resource(issue.resource).suppress:
        if entry.rule == issue.rule and not entry.lapsed(today):
            return True
    return False


def _place(
    arch: Architecture,
    issue: Issue,
    config: RunConfig,
    suppressed: bool,
    titles: dict[str, str],
) -> Finding:
    severity = config.severity_of(issue.rule, issue.severity)
    return Finding(
        span=arch.source.span(issue.path),
        rule=issue.rule,
        severity=severity,
        resource=issue.resource,
        message=issue.message,
        suppressed=suppressed,
        field=str(issue.path[2])
        if issue.path[:1] == ("resources",) and len(issue.path) > 2
        else "",
        title=titles.get(issue.rule, ""),
    )
