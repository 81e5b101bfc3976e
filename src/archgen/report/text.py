"""The report for people: compiler-style lines with the source and a caret."""

from __future__ import annotations

from archgen.findings import Finding, Severity
from archgen.report.base import CheckResult

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.NOTE: "36"}


def format_text(result: CheckResult, *, colour: bool = False) -> str:
    """Return the findings file by file, each with its source line, then a summary."""
    blocks = [_finding(f, result.lines.get(f.span.file, ()), colour) for f in result.findings]
    blocks.append(summary(result))
    return "\n".join(blocks) + "\n"


def _finding(finding: Finding, lines: tuple[str, ...], colour: bool) -> str:
    severity = finding.severity.value
    if finding.suppressed:
        severity = f"{severity} (suppressed)"
    if colour:
        severity = f"\x1b[{_COLOURS[finding.severity]}m{severity}\x1b[0m"
    subject = f" {finding.resource}:" if finding.resource else ""
    head = f"{finding.span}: {severity} {finding.rule}{subject} {finding.message}"
    line = finding.span.line
    if not 1 <= line <= len(lines):
        return head
    gutter = " " * len(str(line))
    caret = " " * (finding.span.column - 1) + "^"
    return f"{head}\n {line} | {lines[line - 1]}\n {gutter} | {caret}"


def summary(result: CheckResult) -> str:
    """Return the one-line summary that closes every text report."""
    counts = result.counts()
    files = len(result.files)
    checked = f"{files} file{'s' if files != 1 else ''} checked"
    if not any(counts[s.value] for s in Severity) and not counts["suppressed"]:
        return f"{checked}: no findings"
    parts = [
        f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in ("error", "warning", "note")
    ]
    if counts["suppressed"]:
        parts.append(f"{counts['suppressed']} suppressed")
    return f"{checked}: {', '.join(parts)}"
