"""GitHub Actions workflow commands (annotations) and the job summary table."""

from __future__ import annotations

from archgen.errors import Problem
from archgen.findings import Finding, Severity
from archgen.report.base import CheckResult
from archgen.rules.registry import rule_by_id
from archgen.safe_markdown import code, text
from archgen.safe_text import visible, without_legacy_commands

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}


def format_github(result: CheckResult) -> str:
    """Return one annotation per active finding, errors first (GitHub shows ten of each)."""
    active = [f for f in result.findings if not f.suppressed]
    ordered = sorted(active, key=lambda f: (-f.severity.rank, f.span, f.rule))
    return "".join(_annotation(f) for f in ordered)


def format_github_errors(problems: tuple[Problem, ...]) -> str:
    """Return an error annotation for every problem of invalid input."""
    return "".join(
        f"::error file={_property(p.span.file)},line={p.span.line},col={p.span.column},"
        f"title={_property('archgen: invalid input')}::{_data(p.message)}\n"
        for p in problems
    )


def _annotation(finding: Finding) -> str:
    rule = rule_by_id(finding.rule)
    title = f"{finding.rule}: {rule.title}" if rule else finding.rule
    subject = f"{finding.resource}: " if finding.resource else ""
    return (
        f"::{_COMMANDS[finding.severity]} file={_property(finding.span.file)},"
        f"line={finding.span.line},col={finding.span.column},title={_property(title)}"
        f"::{_data(subject + finding.message)}\n"
    )


def _data(text: str) -> str:
    """Escape an annotation's message the way GitHub's runner unescapes it.

    The message runs to the end of the line, so only a line break could end it
    early: `visible` shows every line break and control character (a raw one
    would also reach the log viewer), then `%` is escaped first so the
    runner's own `%0A` and `%25` read back as the user's text. A legacy `##[`
    command is escaped too: the runner reads an annotation line as one command,
    but a log reader or another runner need not.
    """
    shown = without_legacy_commands(visible(text))
    return shown.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """Escape a property value: `,` would start the next property and `::` end the list."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def format_summary(result: CheckResult) -> str:
    """Return the Markdown job summary: every finding, suppressed ones marked."""
    lines = ["## archgen check", ""]
    counts = result.counts()
    lines.append(
        f"{len(result.files)} files checked: {counts['error']} errors, "
        f"{counts['warning']} warnings, {counts['note']} notes, {counts['suppressed']} suppressed"
        f"{result.rules_note()}."
    )
    if result.findings:
        lines += ["", "| severity | rule | resource | where | message |", "|---|---|---|---|---|"]
        lines += [_row(f) for f in result.findings]
    return "\n".join(lines) + "\n"


def _row(finding: Finding) -> str:
    """Return one finding as a table row whose every cell shows user text as written.

    GitHub renders the summary as Markdown with raw HTML: a file name or label
    could close a code span, open a link or image, or add a tag, and a line
    break or `|` would end the row. `text` escapes all of that (and shows
    control characters); `code` keeps a plain location in a code span.
    """
    severity = finding.severity.value + (" (suppressed)" if finding.suppressed else "")
    cells = (
        severity,
        text(finding.rule),
        text(finding.resource or ""),
        code(str(finding.span)),
        text(finding.message),
    )
    return "| " + " | ".join(cells) + " |"
