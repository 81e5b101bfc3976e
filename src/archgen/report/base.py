"""What a report formats: the outcome of checking some files."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from archgen.findings import Finding, Severity
from archgen.safe_text import has_invisible, without_legacy_commands


@dataclass(frozen=True)
class CheckResult:
    """The findings of one `archgen check` run, with the lines needed to show them."""

    files: tuple[str, ...]
    findings: tuple[Finding, ...]
    lines: dict[str, tuple[str, ...]] = field(default_factory=dict)
    rules_off: tuple[str, ...] = ()
    """The rules the run's settings turned off: a pull request can change the settings too."""

    def rules_note(self) -> str:
        """Return how many rules the settings turned off, to close a summary, or nothing."""
        count = len(self.rules_off)
        if not count:
            return ""
        return f" ({count} rule{'s' if count != 1 else ''} turned off by the settings)"

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


def json_document(value: object, *, ascii_only: bool = True) -> str:
    r"""Return `value` as indented JSON whose text shows nothing a terminal or CI log obeys.

    json.dumps escapes C0 controls but, without `ascii_only`, writes C1
    controls, bidi overrides and line separators as they are; GitHub's runner
    obeys `##[` anywhere in a line. Such characters only occur inside JSON
    strings (the layout is spaces and newlines), where a `\u` escape (`\u001b`) reads
    back as the same text, so the document means exactly what it meant. `<`
    is escaped the same way: SARIF viewers and dashboards put messages into web
    pages, and user text must not arrive there as a tag.
    """
    text = json.dumps(value, indent=2, ensure_ascii=ascii_only)
    text = without_legacy_commands(text, bracket="\\u005b").replace("<", "\\u003c")
    if has_invisible(text.replace("\n", "")):
        text = "".join(_json_escape(char) for char in text)
    return text + "\n"


def _json_escape(char: str) -> str:
    if char == "\n" or not has_invisible(char):
        return char
    return f"\\u{ord(char):04x}"
