"""Every kind of bad input exits 2 with `file:line:col: message`, never a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from archgen.cli import main
from tests.case_files import read_cases

HEAD = "archgen: 1\nname: t\ntitle: T\nregion: us-east-1\nresources:\n"
CASE_FILES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))
"""Each case: a file's `text` (written in `encoding`, UTF-8 unless said), the line:column of
its problem (`at`) and what the message there says (`message`); or `problems`, the whole list
of "line:column: message" a single run must report."""


def _cases() -> list[Any]:
    return [
        pytest.param(item.case, id=f"{item.path.stem}-{item.name}")
        for item in read_cases(CASE_FILES)
    ]


@pytest.mark.parametrize("case", _cases())
def test_bad_input_exits_2_at_its_place(tmp_path: Path, case: dict[str, Any]) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(case["text"].encode(case.get("encoding", "utf-8")))
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    if "problems" in case:
        assert result.stderr.splitlines() == [f"{path}:{line}" for line in case["problems"]]
        return
    lines = [line for line in result.stderr.splitlines() if case["message"] in line]
    assert lines, result.stderr
    assert lines[0].startswith(f"{path}:{case['at']}: "), result.stderr


def _refused(path: Path, text: str) -> list[str]:
    """Write `text` to `path`, check it, and return the lines of a refusal (exit 2)."""
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2, result.output
    return result.stderr.splitlines()


def test_every_problem_is_reported_not_only_the_first(tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    assert _refused(
        path,
        "archgen: 1\nname: t\ntitle: T\nregion: us-east-1\nresources:\n"
        "  a:\n    type: vpc\n    cidr: nope\n  b:\n    type: vpcc\n  c:\n    type: s3\n    x: 1\n",
    ) == [
        f"{path}:8:11: cidr: 'nope' is not an IPv4 CIDR block such as 10.0.0.0/16",
        f"{path}:10:11: unknown resource type 'vpcc' (did you mean 'vpc'?)",
        f"{path}:13:5: unknown key 'x' in s3 'c' (expected one of: label, tier, why, "
        "suppress, type, website, block_public_access, encrypted, versioning, storage_class)",
    ]


def test_problems_of_every_file_are_reported(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("archgen: 3\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{tmp_path / 'a.yaml'}:1:10: unsupported format version 3: this archgen reads version 1",
        f"{tmp_path / 'b.yaml'}:1:1: the file is empty",
    ]


def test_two_files_with_one_name_are_refused(tmp_path: Path) -> None:
    text = "archgen: 1\nname: same\ntitle: T\nregion: us-east-1\nresources: {}\n"
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"{tmp_path / 'b.yaml'}:2:7: name 'same' is already used by {tmp_path / 'a.yaml'}: "
        "outputs would overwrite each other"
    )


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"# padding\n" * 300_000)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{path}:1:1: file is larger than")


def test_a_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{tmp_path / 'nope.yaml'}: no such file or folder"


def test_invalid_input_as_json(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("archgen: 2\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--format", "json", str(path)])
    assert result.exit_code == 2
    assert result.stdout == (
        '{\n  "errors": [\n    {\n      "file": "' + str(path) + '",\n      "line": 1,\n'
        '      "column": 10,\n      "message": "unsupported format version 2: '
        'this archgen reads version 1"\n    }\n  ]\n}\n'
    )


def test_references_are_checked_even_when_other_parts_are_invalid(tmp_path: Path) -> None:
    path = tmp_path / "mixed.yaml"
    assert _refused(
        path,
        "archgen: 1\nname: t\ntitle: T\nregion: us-east-1\nresources:\n"
        "  vpc: {type: vpc, cidr: 10.0.0.0/16, colour: red}\n"
        "  s: {type: subnet, vpc: vpcc, zone: us-east-1a, cidr: 10.0.1.0/24}\n"
        "  u: {type: client}\n"
        "connections:\n  - {from: u, to: nowhere, protocol: https}\n",
    ) == [
        f"{path}:6:39: unknown key 'colour' in vpc 'vpc' "
        "(expected one of: label, tier, why, suppress, type, cidr)",
        f"{path}:7:26: vpc: 'vpcc' names no resource (did you mean 'vpc'?)",
        f"{path}:10:19: to: 'nowhere' names no resource",
    ]


def test_control_characters_in_the_input_are_shown_as_escapes(tmp_path: Path) -> None:
    """A message quoting a hostile name, key or flow must not move the cursor or fake a line."""
    path = tmp_path / "evil.yaml"
    assert _refused(
        path,
        'archgen: 1\nname: "a\\e[2Jb\\nc"\ntitle: T\nregion: us-east-1\nresources:\n'
        '  "u\\u202ex": {type: client}\n  v: {type: client, "k\\r": 1}\n',
    ) == [
        f"{path}:2:7: name 'a\\x1b[2Jb\\nc' must be a slug of lowercase letters, digits and "
        "hyphens (it names the output files)",
        f"{path}:6:3: resource id 'u\\u202ex' must start with a lowercase letter and hold only "
        "lowercase letters, digits and hyphens",
        f"{path}:7:21: unknown key 'k\\r' in client 'v' (expected one of: label, tier, why, "
        "suppress, type, cidrs)",
    ]


def test_a_flow_name_is_quoted_with_escapes(tmp_path: Path) -> None:
    path = tmp_path / "flows.yaml"
    assert _refused(
        path,
        HEAD + "  u: {type: client}\n  d: {type: dynamodb}\n"
        'flows:\n  - {name: "f\\e]0;x\\a", steps: [u, d]}\n',
    ) == [f"{path}:9:36: flow 'f\\x1b]0;x\\x07': no connection from 'u' to 'd' is declared"]
