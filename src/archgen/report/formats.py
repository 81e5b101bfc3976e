"""The report formats of `archgen check`: what each is called and which functions write it.

The command line takes its `--format` choices from here. Each entry imports
its formatter only when called, so a run loads the one format it writes;
the imports are plain ones inside functions, which import-linter and mypy see.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from archgen.errors import Problem
    from archgen.report.base import CheckResult


class ReportFormat(NamedTuple):
    """One report format: its report of a check, and its report of input it could not check."""

    name: str
    report: Callable[[CheckResult, bool], str]
    """Write the report of `result`; the flag says whether colour is wanted (text alone has it)."""
    errors: Callable[[tuple[Problem, ...]], str] | None
    """Write the problems of invalid input in the format, for the machine that parses it;
    None: the format has no such report, and the problems go to stderr alone."""


def _text(result: CheckResult, colour: bool) -> str:
    from archgen.report.text import format_text

    return format_text(result, colour=colour)


def _json(result: CheckResult, colour: bool) -> str:
    from archgen.report.json import format_json

    return format_json(result)


def _json_errors(problems: tuple[Problem, ...]) -> str:
    from archgen.report.json import format_json_errors

    return format_json_errors(problems)


def _sarif(result: CheckResult, colour: bool) -> str:
    from archgen.report.sarif import format_sarif

    return format_sarif(result)


def _sarif_errors(problems: tuple[Problem, ...]) -> str:
    from archgen.report.sarif import format_sarif_errors

    return format_sarif_errors(problems)


def _github(result: CheckResult, colour: bool) -> str:
    from archgen.report.github import format_github

    return format_github(result)


def _github_errors(problems: tuple[Problem, ...]) -> str:
    from archgen.report.github import format_github_errors

    return format_github_errors(problems)


def _junit(result: CheckResult, colour: bool) -> str:
    from archgen.report.junit import format_junit

    return format_junit(result)


def _junit_errors(problems: tuple[Problem, ...]) -> str:
    from archgen.report.junit import format_junit_errors

    return format_junit_errors(problems)


REPORT_FORMATS: dict[str, ReportFormat] = {
    entry.name: entry
    for entry in (
        ReportFormat("text", _text, None),
        ReportFormat("json", _json, _json_errors),
        ReportFormat("sarif", _sarif, _sarif_errors),
        ReportFormat("github", _github, _github_errors),
        ReportFormat("junit", _junit, _junit_errors),
    )
}
"""Every report format, in the order `--help` lists them."""
