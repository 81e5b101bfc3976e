"""Every report format over one fixture: goldens, schemas, and the formats' own rules.

Refresh the goldens with ARCHGEN_UPDATE_GOLDENS=1 (tests/golden.py) and review the diff like
code.
"""

from __future__ import annotations

import contextlib
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from archgen.cli import main
from archgen.rules.registry import ALL_RULES
from tests.conftest import ROOT
from tests.golden import Goldens

FIXTURE = "tests/report/findings.yaml"
GOLDEN = Goldens(Path(__file__).parent / "golden")
SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"


def _run(*args: str) -> tuple[int, str]:
    with contextlib.chdir(ROOT):
        result = CliRunner().invoke(main, ["check", *args], env={"GITHUB_STEP_SUMMARY": ""})
    return result.exit_code, result.stdout


@pytest.mark.parametrize(
    ("output_format", "golden"),
    [
        ("text", GOLDEN.file("findings.txt").name),
        ("json", GOLDEN.file("findings.json").name),
        ("sarif", GOLDEN.file("findings.sarif").name),
        ("github", GOLDEN.file("findings.github").name),
        ("junit", GOLDEN.file("findings.xml").name),
    ],
)
@pytest.mark.usefixtures("fixed_rules")
def test_report_matches_golden(output_format: str, golden: str) -> None:
    """Over the fixed rule set of conftest.py: a new rule must not rewrite these goldens."""
    code, output = _run("--format", output_format, FIXTURE)
    assert code == 1
    GOLDEN.check(golden, output)


def test_reruns_are_byte_identical() -> None:
    assert _run("--format", "sarif", FIXTURE) == _run("--format", "sarif", FIXTURE)


def test_sarif_validates_against_the_official_schema() -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    log = json.loads(_run("--format", "sarif", FIXTURE)[1])
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)


def test_sarif_meets_what_github_reads() -> None:
    log = json.loads(_run("--format", "sarif", FIXTURE)[1])
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == [rule.id for rule in ALL_RULES]
    for rule in rules:
        for key in ("shortDescription", "fullDescription", "help"):
            assert 0 < len(rule[key]["text"]) <= 1024
    assert {r["ruleId"] for r in run["results"]} == {"AG002", "AG003", "AG402", "AG403", "AG601"}
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == FIXTURE
        assert location["region"]["startLine"] >= 1
        assert location["region"]["startColumn"] >= 1


def test_sarif_leaves_suppressed_findings_out() -> None:
    results = json.loads(_run("--format", "sarif", FIXTURE)[1])["runs"][0]["results"]
    assert "AG501" not in {r["ruleId"] for r in results}
    assert "AG501" in {
        f["rule"] for f in json.loads(_run("--format", "json", FIXTURE)[1])["findings"]
    }


def test_junit_has_a_test_case_for_every_rule() -> None:
    root = ET.fromstring(_run("--format", "junit", FIXTURE)[1])  # noqa: S314 (our own output)
    names = {case.get("name", "") for case in root.iter("testcase")}
    assert {name.split("]", 2)[1][1:] for name in names} == {rule.id for rule in ALL_RULES}


def test_sarif_validation_catches_a_bad_level() -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    log = json.loads(_run("--format", "sarif", FIXTURE)[1])
    log["runs"][0]["results"][0]["level"] = "critical"
    with pytest.raises(jsonschema.ValidationError, match="critical"):
        jsonschema.Draft4Validator(schema).validate(log)


def test_github_annotations_put_errors_first_and_escape() -> None:
    lines = _run("--format", "github", FIXTURE)[1].splitlines()
    kinds = [line.split(" ", 1)[0] for line in lines]
    assert kinds == sorted(kinds, key=["::error", "::warning", "::notice"].index)
    assert all(line.count("::") == 2 for line in lines)
    notice = next(line for line in lines if line.startswith("::notice"))
    assert "title=AG003%3A Every suppression matches a finding::" in notice


def test_github_writes_the_job_summary(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    with contextlib.chdir(ROOT):
        result = CliRunner().invoke(
            main,
            ["check", "--format", "github", FIXTURE],
            env={"GITHUB_STEP_SUMMARY": str(summary)},
        )
    assert result.exit_code == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## archgen check\n")
    assert "| warning (suppressed) |" not in text
    assert "| error (suppressed) | AG501 | fn |" in text
    assert "1 files checked: 2 errors, 2 warnings, 1 notes, 1 suppressed." in text


def test_junit_counts_and_outcomes() -> None:
    root = ET.fromstring(_run("--format", "junit", FIXTURE)[1])  # noqa: S314 (our own output)
    suite = root.find("testsuite")
    assert suite is not None
    assert suite.get("name") == FIXTURE
    cases = suite.findall("testcase")
    failures = [c for c in cases if c.find("failure") is not None]
    skipped = [c for c in cases if c.find("skipped") is not None]
    assert (root.get("tests"), root.get("failures"), root.get("skipped")) == (
        str(len(cases)),
        "5",
        "1",
    )
    assert {c.find("failure").get("type") for c in failures} == {  # type: ignore[union-attr]
        "AG002",
        "AG003",
        "AG402",
        "AG403",
        "AG601",
    }
    assert skipped[0].get("classname") == f"{FIXTURE}.fn"


def test_junit_reports_invalid_input_as_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("archgen: 7\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--format", "junit", str(bad)])
    assert result.exit_code == 2
    root = ET.fromstring(result.stdout)  # noqa: S314 (our own output)
    error = root.find("testsuite/testcase/error")
    assert error is not None
    assert error.get("message") == (
        f"{bad}:1:10: unsupported format version 7: this archgen reads version 1"
    )


@pytest.mark.parametrize("to_file", [False, True])
def test_sarif_of_invalid_input_is_a_valid_failed_run(tmp_path: Path, to_file: bool) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "archgen: 1\nname: t\ntitle: T\nregion: us-east-1\nresources:\n  v: {type: vpcc}\n"
    )
    out = tmp_path / "out.sarif"
    args = ["check", "--format", "sarif", str(bad), *(["--output", str(out)] if to_file else [])]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    log = json.loads(out.read_text(encoding="utf-8") if to_file else result.stdout)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["message"]["text"] == "unknown resource type 'vpcc' (did you mean 'vpc'?)"
    region = note["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (6, 13)
    assert log["runs"][0]["results"] == []


@pytest.mark.parametrize("output_format", ["json", "junit"])
def test_other_machine_formats_of_invalid_input_also_go_to_the_output_file(
    tmp_path: Path, output_format: str
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "archgen: 1\nname: t\ntitle: T\nregion: us-east-1\nresources:\n  v: {type: vpcc}\n"
    )
    out = tmp_path / "out.report"
    result = CliRunner().invoke(
        main, ["check", "--format", output_format, str(bad), "--output", str(out)]
    )
    assert result.exit_code == 2
    assert "unknown resource type 'vpcc'" in out.read_text(encoding="utf-8")
    assert "bad.yaml:6:13: unknown resource type 'vpcc'" in result.stderr
