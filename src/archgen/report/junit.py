"""JUnit XML for CI test views: per file a suite, per rule a test case.

A rule without findings on a file is a passing test case; each finding is a
failing one; a suppressed finding is skipped with its reason. No timestamps,
so the report is byte-stable.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from archgen.errors import Problem
from archgen.findings import Finding
from archgen.report.base import CheckResult
from archgen.rules.registry import ALL_RULES
from archgen.safe_text import visible, without_legacy_commands


def format_junit(result: CheckResult) -> str:
    """Return the JUnit XML of a check run."""
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        by_file[finding.span.file].append(finding)
    root = ET.Element("testsuites", name="archgen check")
    for file in result.files:
        shown = visible(file)
        suite = ET.SubElement(root, "testsuite", name=shown)
        for rule in ALL_RULES:
            found = [f for f in by_file.get(file, []) if f.rule == rule.id]
            if not found:
                ET.SubElement(
                    suite,
                    "testcase",
                    name=f"[{rule.severity.value.upper()}][{rule.id}] {rule.title}",
                    classname=shown,
                    file=shown,
                )
            for finding in found:
                _failed_case(suite, finding, rule.title, shown)
        _count(suite)
    _count(root)
    return _serialise(root)


def format_junit_errors(problems: tuple[Problem, ...]) -> str:
    """Return one erroring test case per file of invalid input."""
    root = ET.Element("testsuites", name="archgen check")
    by_file: dict[str, list[Problem]] = defaultdict(list)
    for problem in problems:
        by_file[problem.span.file].append(problem)
    for file, found in by_file.items():
        shown = visible(file)
        suite = ET.SubElement(root, "testsuite", name=shown)
        case = ET.SubElement(suite, "testcase", name="load", classname=shown, file=shown)
        error = ET.SubElement(case, "error", message=str(found[0]))
        error.text = "\n".join(str(problem) for problem in found)
        _count(suite)
    _count(root)
    return _serialise(root)


def _failed_case(suite: ET.Element, finding: Finding, title: str, shown_file: str) -> None:
    """Add a finding's test case; user text goes through `visible`, which XML 1.0 needs.

    XML 1.0 forbids most control characters even as character references, so a
    raw ESC would make the whole report unreadable to every JUnit consumer.
    """
    case = ET.SubElement(
        suite,
        "testcase",
        name=f"[{finding.severity.value.upper()}][{finding.rule}] {title}",
        classname=f"{shown_file}.{visible(finding.resource or 'architecture')}",
        file=shown_file,
    )
    message = visible(finding.message)
    if finding.suppressed:
        ET.SubElement(case, "skipped", message=f"suppressed: {message}")
        return
    failure = ET.SubElement(case, "failure", message=message, type=finding.rule)
    failure.text = f"{shown_file}:{finding.span.line}:{finding.span.column}: {message}"


def _count(element: ET.Element) -> None:
    cases = list(element.iter("testcase"))
    element.set("tests", str(len(cases)))
    element.set("failures", str(sum(1 for c in cases if c.find("failure") is not None)))
    element.set("errors", str(sum(1 for c in cases if c.find("error") is not None)))
    element.set("skipped", str(sum(1 for c in cases if c.find("skipped") is not None)))


def _serialise(root: ET.Element) -> str:
    """Return the document; `##[` becomes `##&#91;`, the same text to a parser, inert in a log.

    GitHub's runner obeys `##[` anywhere in a line of a printed report; in XML
    it can only occur in text or attribute values, where a reference means `[`.
    """
    ET.indent(root)
    text = without_legacy_commands(ET.tostring(root, encoding="unicode"), bracket="&#91;")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n"
