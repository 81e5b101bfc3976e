"""AG002: a suppression past its expiry date no longer hides its finding."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.rules.base import MetaRule


class SuppressionExpired(MetaRule):
    """AG002: an accepted risk was accepted until a date; that date has passed."""

    id = "AG002"
    name = "suppression-expired"
    title = "Suppressions are renewed or removed when they expire"
    severity = Severity.WARNING
    rationale = (
        "A suppression with an expiry date records a risk accepted for a while. Once the date "
        "passes, the finding is active again and the decision needs a new look."
    )
    remediation = "Fix the finding and remove the suppression, or renew `expires` with a reason."
    mirrors = "checkov skip comments; cfn-lint Metadata rule suppression"

    def review(
        self, arch: Architecture, issues: Sequence[Issue], today: datetime.date
    ) -> Iterator[Issue]:
        """Flag every suppression whose `expires` lies before `today`."""
        for resource, index, entry in self.suppressions(arch):
            if entry.lapsed(today):
                yield self.issue(
                    resource,
                    f"suppression of {entry.rule} expired on {entry.expires}: "
                    "the finding is active again",
                    "suppress",
                    index,
                    "expires",
                )
