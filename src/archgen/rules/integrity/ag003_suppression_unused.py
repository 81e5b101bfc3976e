"""AG003: a suppression that matches no finding is dead weight, or a typo."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.rules.base import MetaRule
from archgen.rules.integrity.unsuppressible import UNSUPPRESSIBLE


class SuppressionUnused(MetaRule):
    """AG003: suppressions should shrink as findings are fixed."""

    id = "AG003"
    name = "suppression-unused"
    title = "Every suppression matches a finding"
    severity = Severity.NOTE
    rationale = (
        "A suppression that matches nothing either outlived the finding it hid or names the "
        "wrong rule or resource; left in place, it would silently hide a future finding."
    )
    remediation = "Remove the suppression, or correct its rule id."
    mirrors = "ruff RUF100 (unused noqa)"

    def review(
        self, arch: Architecture, issues: Sequence[Issue], today: datetime.date
    ) -> Iterator[Issue]:
        """Flag live suppressions that no issue of their rule on their resource matches."""
        matched = {(issue.resource, issue.rule) for issue in issues}
        for resource, index, entry in self.suppressions(arch):
            if entry.lapsed(today):
                continue
            if entry.rule in UNSUPPRESSIBLE:
                message = f"{entry.rule} cannot be suppressed: fix the design instead"
            elif (resource.id, entry.rule) not in matched:
                message = f"suppression of {entry.rule} matches no finding on {resource.id}"
            else:
                continue
            yield self.issue(resource, message, "suppress", index, "rule")
