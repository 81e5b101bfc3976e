"""Hostile text for the report tests, and how GitHub's runner reads what a report prints.

The runner reads a line whose first non-blank characters are `::` as a
workflow command and `##[` anywhere in a line as a legacy one, and splits an
annotation into its properties and data, undoing its own escapes.
"""

from __future__ import annotations

import re

from archgen.findings import Finding, Severity
from archgen.report.base import CheckResult
from archgen.safe_text import visible, without_legacy_commands
from archgen.source import Span

HOSTILE = "x\n::error::NL\r::add-mask::CR\x1b[2J\x1b]0;t\x07\u202ecba\x85::error::NEL ##[add-mask]m"
"""One string with every kind of trouble: line breaks, ESC sequences, a bidi override, `##[`."""

HOSTILE_NAMES = [
    "::error file=x::name.yaml",
    "  ::warning::indented.yaml",
    "##[add-mask]legacy.yaml",
    "line\n::error::break.yaml",
    "esc\x1b]0;title\x07\u202e.yaml",
]
"""File names a pull request can add; the folder walk reports them as they are."""

_ANNOTATION = re.compile(r"::(error|warning|notice) ([^:]*)::(.*)")


def workflow_commands(text: str) -> list[str]:
    """Return the lines GitHub's runner would read as workflow commands, new or legacy."""
    return [line for line in text.splitlines() if line.lstrip().startswith("::") or "##[" in line]


def _unescape(text: str, *, prop: bool) -> str:
    """Undo the runner's escapes the way the runner does (ActionCommand.Unescape*)."""
    for token, code in [("\r", "%0D"), ("\n", "%0A")] + ([(":", "%3A"), (",", "%2C")] * prop):
        text = text.replace(code, token)
    return text.replace("%25", "%")


def parse_annotation(line: str) -> tuple[str, dict[str, str], str]:
    """Split one annotation as the runner does: command, properties up to the next `::`, data."""
    match = _ANNOTATION.fullmatch(line)
    assert match is not None, line
    properties = dict(prop.split("=", 1) for prop in match.group(2).split(","))
    return (
        match.group(1),
        {key: _unescape(value, prop=True) for key, value in properties.items()},
        _unescape(match.group(3), prop=False),
    )


def hostile_result() -> CheckResult:
    """Return findings whose every user-supplied field is hostile, as a rule quoting text makes."""
    file = f"a|{HOSTILE}.yaml"
    findings = (
        Finding(Span(file, 1, 3), "AG403", Severity.ERROR, "photos", HOSTILE),
        Finding(Span(file, 2, 5), "AG601", Severity.WARNING, None, f"::{HOSTILE}"),
        Finding(Span(file, 1, 1), "AG501", Severity.ERROR, "fn", HOSTILE, suppressed=True),
    )
    lines = (f"  photos: {{why: '\u202e##[add-mask]x'}} {HOSTILE[:3]}", "::error::second")
    return CheckResult(files=(file,), findings=findings, lines={file: lines})


def annotated(text: str) -> str:
    """Return user text as an annotation shows it: one line, no legacy command."""
    return without_legacy_commands(visible(text))
