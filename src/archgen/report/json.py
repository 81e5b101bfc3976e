"""The machine report of DESIGN.md §3: findings and a summary, as JSON."""

from __future__ import annotations

from archgen.errors import Problem
from archgen.report.base import CheckResult, json_document


def format_json(result: CheckResult) -> str:
    """Return the contract JSON for a check run."""
    findings = [
        {
            "rule": f.rule,
            "severity": f.severity.value,
            "file": f.span.file,
            "line": f.span.line,
            "column": f.span.column,
            "resource": f.resource,
            "message": f.message,
            "suppressed": f.suppressed,
        }
        for f in result.findings
    ]
    summary = {"files": len(result.files), **result.counts()}
    return json_document({"findings": findings, "summary": summary})


def format_json_errors(problems: tuple[Problem, ...]) -> str:
    """Return the contract JSON for invalid input."""
    errors = [
        {
            "file": p.span.file,
            "line": p.span.line,
            "column": p.span.column,
            "message": p.message,
        }
        for p in problems
    ]
    return json_document({"errors": errors})
