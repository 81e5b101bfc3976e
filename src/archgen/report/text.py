"""The report for people: compiler-style lines with the source and a caret.

Everything the user wrote (file names, resources, messages, the quoted source
line) is shown through `visible` and every line through `log_line`, so the
report reaches a terminal or a CI log as text that is read, never obeyed.
"""

from __future__ import annotations

from archgen.findings import Finding, Severity
from archgen.report.base import CheckResult
from archgen.safe_text import log_line, visible, without_legacy_commands

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.NOTE: "36"}


def format_text(result: CheckResult, *, colour: bool = False) -> str:
    """Return the findings file by file, each with its source line, then a summary."""
    blocks = [_finding(f, result.lines.get(f.span.file, ()), colour) for f in result.findings]
    blocks.append(summary(result))
    return "".join(log_line(line) + "\n" for line in "\n".join(blocks).split("\n"))


def _finding(finding: Finding, lines: tuple[str, ...], colour: bool) -> str:
    severity = finding.severity.value
    if finding.suppressed:
        severity = f"{severity} (suppressed)"
    if colour:
        severity = f"\x1b[{_COLOURS[finding.severity]}m{severity}\x1b[0m"
    subject = f" {visible(finding.resource)}:" if finding.resource else ""
    where = f"{visible(finding.span.file)}:{finding.span.line}:{finding.span.column}"
    head = f"{where}: {severity} {finding.rule}{subject} {visible(finding.message)}"
    line = finding.span.line
    if not 1 <= line <= len(lines):
        return head
    return f"{head}\n{_quote(lines[line - 1], line, finding.span.column)}"


def _quote(source: str, line: int, column: int) -> str:
    """Return the source line and a caret under `column`, counted in the escaped line.

    An escape is wider than the character it shows, so the caret is placed
    after the escaped text before the column, not after `column - 1` spaces.
    """
    gutter = " " * len(str(line))
    caret = " " * len(without_legacy_commands(visible(source[: column - 1]))) + "^"
    return f" {line} | {visible(source)}\n {gutter} | {caret}"


def summary(result: CheckResult) -> str:
    """Return the one-line summary that closes every text report."""
    counts = result.counts()
    files = len(result.files)
    checked = f"{files} file{'s' if files != 1 else ''} checked"
    if not any(counts[s.value] for s in Severity) and not counts["suppressed"]:
        return f"{checked}: no findings{result.rules_note()}"
    parts = [
        f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in ("error", "warning", "note")
    ]
    if counts["suppressed"]:
        parts.append(f"{counts['suppressed']} suppressed")
    return f"{checked}: {', '.join(parts)}{result.rules_note()}"
