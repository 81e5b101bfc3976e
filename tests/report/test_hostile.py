"""Every report over hostile text: nothing a user wrote may act on a terminal, a log or a parser.

Architecture files come from strangers' pull requests. GitHub's runner reads a
line whose first non-blank characters are `::` as a workflow command, and
`##[` anywhere in a line as a legacy one; a terminal obeys ESC sequences; XML
1.0 forbids most control characters even as references. The fixtures put such
text in keys, values, source lines and file names; these tests run the real CLI
over them and read its output the way the runner, a parser or a terminal would.
"""

from __future__ import annotations

import contextlib
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest
from click.testing import CliRunner, Result

from archgen.cli import main
from archgen.errors import Problem
from archgen.findings import Finding, Severity
from archgen.report.base import CheckResult
from archgen.report.github import format_github, format_github_errors, format_summary
from archgen.report.json import format_json
from archgen.report.junit import format_junit, format_junit_errors
from archgen.report.sarif import format_sarif
from archgen.report.text import format_text
from archgen.report.trace import format_trace
from archgen.safe_text import has_invisible, log_line, visible
from archgen.source import Span
from tests.conftest import ROOT
from tests.explain.hostile import PAYLOADS, assert_safe_html, block_structure, to_html
from tests.golden import Goldens
from tests.report.hostile import (
    HOSTILE,
    HOSTILE_NAMES,
    annotated,
    hostile_result,
    parse_annotation,
    workflow_commands,
)

HERE = Path(__file__).parent
VALID = HERE / "hostile.yaml"
INVALID = HERE / "hostile-invalid.yaml"
GOLDEN = Goldens(HERE / "golden")
SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
FORMATS = ["text", "json", "sarif", "github", "junit"]


def _check(*args: str, cwd: Path = ROOT) -> Result:
    with contextlib.chdir(cwd):
        return CliRunner().invoke(main, ["check", *args], env={"GITHUB_STEP_SUMMARY": ""})


def _hostile_names(folder: Path) -> None:
    """Copy the hostile fixture under every hostile name, each with a name of its own."""
    text = VALID.read_text(encoding="utf-8")
    for number, name in enumerate(HOSTILE_NAMES):
        own = text.replace("name: hostile-fixture", f"name: hostile-{number}")
        (folder / name).write_text(own, encoding="utf-8")


# --- the acceptance test of the issue: no workflow command but our own annotations -------------


@pytest.mark.parametrize("output_format", FORMATS)
@pytest.mark.parametrize("fixture", [VALID, INVALID], ids=["findings", "invalid"])
def test_no_user_text_becomes_a_workflow_command(output_format: str, fixture: Path) -> None:
    result = _check("--format", output_format, str(fixture.relative_to(ROOT)))
    assert result.exit_code in (1, 2)
    commands = workflow_commands(result.stdout + result.stderr)
    if output_format != "github":
        assert commands == []
        return
    expected = 4 if fixture == VALID else 8  # active findings, or problems of the input
    assert len(commands) == expected
    for line in commands:
        kind, properties, data = parse_annotation(line)
        assert kind in ("error", "warning", "notice")
        assert properties["file"] == str(fixture.relative_to(ROOT))
        assert not has_invisible(data)


@pytest.mark.parametrize("output_format", FORMATS)
def test_hostile_file_names_stay_inert(tmp_path: Path, output_format: str) -> None:
    _hostile_names(tmp_path)
    result = _check("--format", output_format, ".", cwd=tmp_path)
    assert result.exit_code == 1
    output = result.stdout + result.stderr
    commands = workflow_commands(output)
    if output_format == "github":
        files = sorted(parse_annotation(line)[1]["file"] for line in commands)
        assert files == sorted(annotated(name) for name in HOSTILE_NAMES for _ in range(4))
    else:
        assert commands == []
    assert "\x1b" not in output
    assert "\u202e" not in output


def test_sarif_step_stderr_quotes_no_command_on_invalid_input(tmp_path: Path) -> None:
    """The Action writes SARIF with --output: the problems then go to stderr, into the log."""
    result = _check("--format", "sarif", "--output", str(tmp_path / "a.sarif"), str(INVALID))
    assert result.exit_code == 2
    assert workflow_commands(result.stderr) == []
    assert "unknown key 'k\\n::add-mask::KEY\\x1b[2J' in s3 'a'" in result.stderr


def test_trace_quotes_no_command(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["trace", str(VALID), "users", "api\n::error::ARG\x1b[2J"])
    assert result.exit_code == 2
    assert workflow_commands(result.stdout + result.stderr) == []
    assert "'api\\n::error::ARG\\x1b[2J'" in result.stderr  # shown on one line, escaped


def test_rules_listing_is_line_safe() -> None:
    result = CliRunner().invoke(main, ["rules"])
    assert result.exit_code == 0
    assert workflow_commands(result.stdout) == []
    assert not any(has_invisible(line) for line in result.stdout.splitlines())


# --- each format keeps hostile text inert and its own syntax intact ------------------------------


def test_github_annotation_data_cannot_end_early() -> None:
    result = hostile_result()
    lines = format_github(result).splitlines()
    assert len(lines) == 2  # the suppressed finding is not annotated
    for line in lines:
        _, properties, data = parse_annotation(line)
        assert properties["file"] == annotated(result.files[0])
        assert properties["line"] in ("1", "2")
        assert data.endswith(annotated(HOSTILE))
    problems = (Problem(Span("a,b:c%.yaml", 1, 1), HOSTILE),)
    (error,) = format_github_errors(problems).splitlines()
    _, properties, data = parse_annotation(error)
    assert properties == {
        "file": "a,b:c%.yaml",
        "line": "1",
        "col": "1",
        "title": "archgen: invalid input",
    }
    assert data == annotated(HOSTILE)


def test_github_escapes_percent_before_its_own_escapes() -> None:
    problems = (Problem(Span("f.yaml", 1, 1), "100%0A sure"),)
    (line,) = format_github_errors(problems).splitlines()
    assert line.endswith("::100%250A sure")
    assert parse_annotation(line)[2] == "100%0A sure"


def test_job_summary_keeps_one_table_row_per_finding() -> None:
    summary = format_summary(hostile_result())
    rows = [line for line in summary.splitlines() if line.startswith("| ")]
    assert len(rows) == 4  # the header and three findings
    assert all(not has_invisible(row) for row in rows)
    assert [len(re.findall(r"(?<!\\)\|", row)) for row in rows] == [6, 6, 6, 6]


SUMMARY_NAMES = ("x`<img src=x onerror=alert(1)>`.yaml", "[x](javascript:alert(1)).yaml")
"""File names that close the code span around a location, or make a link of it."""


def _summary_of(text: str, file: str) -> str:
    """Return the job summary of one finding with `text` as its resource and message."""
    finding = Finding(Span(file, 1, 1), "AG403", Severity.ERROR, text, text)
    return format_summary(CheckResult(files=(file,), findings=(finding,), lines={}))


@pytest.mark.parametrize("file", SUMMARY_NAMES)
@pytest.mark.parametrize("payload", PAYLOADS)
def test_job_summary_shows_user_text_as_text(payload: str, file: str) -> None:
    summary = _summary_of(payload, file)
    for renderer, page in to_html(summary).items():
        assert_safe_html(page)
        tags = set(re.findall(r"<([a-z0-9]+)", page))
        assert tags <= {"h2", "p", "table", "thead", "tbody", "tr", "th", "td", "code"}, renderer
    assert block_structure(summary) == block_structure(_summary_of("plain", "plain.yaml"))


@pytest.mark.parametrize("colour", [False, True], ids=["plain", "colour"])
def test_text_shows_escapes_instead_of_obeying_them(colour: bool) -> None:
    text = format_text(hostile_result(), colour=colour)
    assert ("\x1b[31m" in text) is colour
    shown = re.sub(r"\x1b\[(31|33|36|0)m", "", text)  # only archgen's own colours are obeyed
    assert not any(has_invisible(line) for line in shown.splitlines())
    assert workflow_commands(text) == []
    assert log_line(visible(HOSTILE)) in text


def test_text_caret_points_under_the_escaped_column() -> None:
    file = "f.yaml"
    finding = Finding(Span(file, 1, 5), "AG403", Severity.ERROR, "p", "m")
    result = CheckResult(files=(file,), findings=(finding,), lines={file: ("\x1b\u202eab:x",)})
    _, quoted, caret = format_text(result).splitlines()[:3]
    assert quoted == " 1 | \\x1b\\u202eab:x"
    assert caret.index("^") == quoted.index(":x")


def test_junit_parses_with_hostile_text() -> None:
    root = ET.fromstring(format_junit(hostile_result()))  # noqa: S314 (our own output)
    failures = [case.find("failure") for case in root.iter("testcase")]
    messages = [f.get("message") for f in failures if f is not None]
    assert messages == [visible(HOSTILE), visible(f"::{HOSTILE}")]
    skipped = root.find(".//skipped")
    assert skipped is not None
    assert skipped.get("message") == f"suppressed: {visible(HOSTILE)}"


def test_junit_errors_parse_with_hostile_text() -> None:
    problems = (Problem(Span(f"f{HOSTILE}.yaml", 1, 1), HOSTILE),)
    output = format_junit_errors(problems)
    root = ET.fromstring(output)  # noqa: S314 (our own output)
    error = root.find("testsuite/testcase/error")
    assert error is not None
    assert error.get("message") == str(problems[0])
    assert workflow_commands(output) == []


@pytest.mark.parametrize("fixture", [VALID, INVALID], ids=["findings", "invalid"])
def test_junit_of_the_hostile_fixtures_parses(fixture: Path) -> None:
    output = _check("--format", "junit", str(fixture)).stdout
    root = ET.fromstring(output)  # noqa: S314 (our own output)
    assert root.tag == "testsuites"


def test_sarif_with_hostile_text_validates_and_keeps_the_text() -> None:
    output = format_sarif(hostile_result())
    assert workflow_commands(output) == []
    assert not has_invisible(output.replace("\n", ""))
    log = json.loads(output)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)
    messages = [r["message"]["text"] for r in log["runs"][0]["results"]]
    assert messages == [f"photos: {HOSTILE}", f"::{HOSTILE}"]


def test_sarif_names_hostile_files_by_valid_uris(tmp_path: Path) -> None:
    _hostile_names(tmp_path)
    log = json.loads(_check("--format", "sarif", ".", cwd=tmp_path).stdout)
    uris = {
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for result in log["runs"][0]["results"]
    }
    assert {unquote(uri) for uri in uris} == set(HOSTILE_NAMES)
    for uri in uris:
        assert re.fullmatch(r"[A-Za-z0-9._~%!$&'()*+,;=:@/-]+", uri), uri  # RFC 3986 path


def test_json_with_hostile_text_parses_back_to_the_same_text() -> None:
    output = format_json(hostile_result())
    assert workflow_commands(output) == []
    assert not has_invisible(output.replace("\n", ""))
    assert [f["message"] for f in json.loads(output)["findings"]] == [
        HOSTILE,
        f"::{HOSTILE}",
        HOSTILE,
    ]


def test_problem_reads_as_one_inert_line() -> None:
    problem = Problem(Span("::error::f.yaml", 3, 4), HOSTILE)
    text = str(problem)
    assert text.splitlines() == [text]
    assert workflow_commands(text) == []
    assert not has_invisible(text)
    assert text.endswith(":3:4: " + visible(HOSTILE).replace("##[", "##\\x5b"))


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("::error::x", "\\x3a:error::x"),
        (" \t::error::x", " \t\\x3a:error::x"),
        ("a ##[add-mask]b ##[c", "a ##\\x5badd-mask]b ##\\x5bc"),
        ("IPv6 ::/0 stays", "IPv6 ::/0 stays"),
        ("#[x] and # [y]", "#[x] and # [y]"),
    ],
)
def test_log_line(line: str, shown: str) -> None:
    assert log_line(line) == shown


def test_trace_format_escapes_every_line() -> None:
    from archgen.commands import trace

    hop = trace.trace(str(VALID), "users", "api", None)
    text = format_trace(hop)
    assert workflow_commands(text) == []
    assert not any(has_invisible(line) for line in text.splitlines())


@pytest.mark.parametrize(
    ("fixture", "output_format", "golden"),
    [
        (VALID, "text", GOLDEN.file("hostile.txt").name),
        (INVALID, "text", GOLDEN.file("hostile-invalid.txt").name),
        (INVALID, "github", GOLDEN.file("hostile-invalid.github").name),
        (INVALID, "json", GOLDEN.file("hostile-invalid.json").name),
        (INVALID, "junit", GOLDEN.file("hostile-invalid.xml").name),
    ],
)
@pytest.mark.usefixtures("fixed_rules")
def test_hostile_report_matches_golden(fixture: Path, output_format: str, golden: str) -> None:
    """The reviewer reads what a user sees: the escapes, in every place user text appears."""
    output = _check("--format", output_format, str(fixture.relative_to(ROOT))).output
    GOLDEN.check(golden, output)
