"""SARIF 2.1.0 for GitHub code scanning: the rule catalogue and one result per finding.

Suppressed findings are left out: GitHub ignores SARIF suppressions and would
open them as alerts. They stay visible in the json, junit and text reports.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from archgen import __version__
from archgen.errors import Problem
from archgen.findings import Finding
from archgen.report.base import CheckResult, json_document
from archgen.rules.base import Rule
from archgen.rules.registry import ALL_RULES

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/archgen/archgen"


def format_sarif(result: CheckResult) -> str:
    """Return the SARIF log of a check run, byte-stable for the same findings."""
    index = {rule.id: position for position, rule in enumerate(ALL_RULES)}
    return _log(results=[_result(f, index[f.rule]) for f in result.findings if not f.suppressed])


def format_sarif_errors(problems: tuple[Problem, ...]) -> str:
    """Return the SARIF log of a run that could not check its input: no results, and why.

    Code scanning must see a failed run, not a clean one: the invocation says
    it did not succeed and carries one error notification per problem, at its
    file:line:col, so the upload shows what to fix.
    """
    notifications = [
        {
            "level": "error",
            "message": {"text": problem.message},
            "locations": [_location(problem.span.file, problem.span.line, problem.span.column)],
        }
        for problem in problems
    ]
    invocation = {"executionSuccessful": False, "toolExecutionNotifications": notifications}
    return _log(invocations=[invocation], results=[])


def _log(**run: Any) -> str:
    """Return a SARIF log of one run by archgen, with the `run` members after the tool's.

    A checked run and a run that could not check differ only in those members;
    the schema, the driver and the automation id must stay the same in both.
    """
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": _driver()}, "automationDetails": {"id": "archgen/"}, **run}],
    }
    return json_document(log, ascii_only=False)


def _driver() -> dict[str, Any]:
    return {
        "name": "archgen",
        "semanticVersion": __version__,
        "informationUri": INFORMATION_URI,
        "rules": [_rule(rule) for rule in ALL_RULES],
    }


def _location(file: str, line: int, column: int) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": _uri(file)},
            "region": {"startLine": line, "startColumn": column},
        }
    }


def _rule(rule: type[Rule]) -> dict[str, Any]:
    help_text = f"{rule.remediation} Mirrors: {rule.mirrors}."
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.rationale},
        "help": {"text": help_text, "markdown": f"{rule.remediation}\n\n*Mirrors:* {rule.mirrors}"},
        "defaultConfiguration": {"level": rule.severity.value},
        "properties": {"tags": ["aws", "architecture", _family(rule.id)]},
    }


def _family(rule_id: str) -> str:
    return {
        "0": "integrity",
        "1": "reliability",
        "2": "security",
        "3": "security",
        "4": "security",
        "5": "security",
        "6": "operations",
    }[rule_id[2]]


def _result(finding: Finding, rule_index: int) -> dict[str, Any]:
    message = (
        finding.message if finding.resource is None else f"{finding.resource}: {finding.message}"
    )
    return {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": finding.severity.value,
        "message": {"text": message},
        "locations": [_location(finding.span.file, finding.span.line, finding.span.column)],
        "partialFingerprints": {"archgen/v1": f"{finding.rule}:{finding.resource or ''}"},
    }


def _uri(file: str) -> str:
    """Return a repository-relative URI; an absolute path becomes a file: URI.

    SARIF wants a URI, not a path: a space, `%`, `#` or control character in a
    file name is percent-encoded, as `as_uri` does for absolute paths.
    """
    path = PurePath(file)
    if path.is_absolute():
        return path.as_uri()
    return quote(path.as_posix(), safe="/")
