"""What a report formats: the outcome of checking some files."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from archgen.findings import Finding, Severity


@dataclass(frozen=True)
class CheckResult:
    """The findings of one `archgen check` run, with the lines needed to show them."""

    files: tuple[str, ...]
    findings: tuple[Finding, ...]
    lines: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        """Return the number of active findings per severity, and of suppressed ones."""
        active = Counter(f.severity for f in self.findings if not f.suppressed)
        counts = {severity.value: active.get(severity, 0) for severity in _DESCENDING}
        counts["suppressed"] = sum(1 for f in self.findings if f.suppressed)
        return counts

    def worst(self) -> Severity | None:
        """Return the highest severity among active findings, if there is any."""
        active = [f.severity for f in self.findings if not f.suppressed]
        return max(active, key=lambda severity: severity.rank) if active else None


_DESCENDING = (Severity.ERROR, Severity.WARNING, Severity.NOTE)
