"""Run-wide settings from .archgen.yaml or [tool.archgen]: select, ignore, severity, fail-on."""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path

import pytest
import yaml
from _pytest.tmpdir import TempPathFactory
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

from archgen.cli import main
from archgen.commands.settings import load_config
from archgen.errors import InvalidInput
from archgen.rules.config import RunConfig
from archgen.rules.registry import ALL_RULES

DESIGN = (
    "archgen: 1\nname: t\ntitle: T\nregion: us-east-1\nresources:\n"
    "  api: {type: api_gateway}\n"
    "  photos: {type: s3, block_public_access: false}\n"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "architectures").mkdir()
    (tmp_path / "architectures" / "t.yaml").write_text(DESIGN, encoding="utf-8")
    return tmp_path


def _run_in(project: Path, *args: str) -> Result:
    """Run archgen from the project's folder, where it looks for its settings."""
    with contextlib.chdir(project):
        return CliRunner().invoke(main, list(args))


def _check(project: Path, *args: str) -> tuple[int, list[tuple[str, str]], str]:
    result = _run_in(project, "check", "--format", "json", *args)
    if result.exit_code == 2:
        errors = json.loads(result.stdout)["errors"] if result.stdout else []
        located = [f"{e['file']}:{e['line']}:{e['column']}: {e['message']}" for e in errors]
        return 2, [], "\n".join(located) or result.stderr
    findings = json.loads(result.stdout)["findings"]
    return result.exit_code, [(f["rule"], f["severity"]) for f in findings], result.stderr


def _refused(project: Path, *args: str) -> str:
    """Run check where the settings are bad: it must exit 2 with no traceback; return why."""
    code, _, stderr = _check(project, *args)
    assert code == 2
    assert "Traceback" not in stderr
    return stderr


def test_without_settings_every_rule_runs(project: Path) -> None:
    assert _check(project)[:2] == (1, [("AG601", "warning"), ("AG403", "error")])


def test_yaml_settings_ignore_and_change_severity(project: Path) -> None:
    (project / ".archgen.yaml").write_text(
        "ignore: [AG403]\nseverity: {AG601: error}\n", encoding="utf-8"
    )
    assert _check(project)[:2] == (1, [("AG601", "error")])


def test_a_settings_file_of_comments_means_the_defaults(project: Path) -> None:
    (project / ".archgen.yaml").write_text("# ignore: [AG403]\n", encoding="utf-8")
    assert _check(project)[:2] == (1, [("AG601", "warning"), ("AG403", "error")])


def test_select_by_family_prefix(project: Path) -> None:
    (project / ".archgen.yaml").write_text("select: [AG4]\n", encoding="utf-8")
    assert _check(project)[:2] == (1, [("AG403", "error")])


def test_pyproject_table_and_fail_on(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.archgen]\nignore = ["AG403"]\nfail-on = "warning"\n',
        encoding="utf-8",
    )
    assert _check(project)[:2] == (1, [("AG601", "warning")])
    assert _check(project, "--fail-on", "error")[:2] == (0, [("AG601", "warning")])


def test_bad_yaml_setting_is_invalid_input_at_its_place(project: Path) -> None:
    (project / ".archgen.yaml").write_text(
        "ignore: [AG403]\nfail_on: sometimes\n", encoding="utf-8"
    )
    assert _refused(project).startswith(
        ".archgen.yaml:2:1: unknown key 'fail_on' (did you mean 'fail-on'?)"
    )


def test_bad_pyproject_setting_points_at_its_line(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.archgen]\nselect = ["AG9999"]\n', encoding="utf-8"
    )
    assert _refused(project).startswith("pyproject.toml:5:1: select: string should match pattern")


def test_explicit_config_file(project: Path) -> None:
    (project / "strict.yaml").write_text("select: [AG6]\n", encoding="utf-8")
    assert _check(project, "--config", "strict.yaml")[:2] == (0, [("AG601", "warning")])


def test_integrity_cannot_be_ignored(tmp_path: Path) -> None:
    (tmp_path / ".archgen.yaml").write_text("ignore: [AG0, AG3]\n", encoding="utf-8")
    (tmp_path / "t.yaml").write_text(
        "archgen: 1\nname: t\ntitle: T\nregion: us-east-1\nresources:\n"
        "  vpc: {type: vpc, cidr: 10.0.0.0/16}\n"
        "  s: {type: subnet, vpc: vpc, zone: us-east-1a, cidr: 10.1.0.0/24}\n",
        encoding="utf-8",
    )
    code, findings, _ = _check(tmp_path, "t.yaml")
    assert (code, findings) == (1, [("AG001", "error")])


def _render(project: Path, *args: str) -> tuple[int, str]:
    result = _run_in(project, "render", "--format", "md,svg", *args)
    return result.exit_code, result.stdout


def test_settings_that_change_the_checks_make_the_explanation_stale(project: Path) -> None:
    assert _render(project)[0] == 0
    assert _render(project, "--check") == (0, "2 outputs checked: up to date\n")
    (project / ".archgen.yaml").write_text("# reviewed\n", encoding="utf-8")
    assert _render(project, "--check") == (0, "2 outputs checked: up to date\n")
    (project / ".archgen.yaml").write_text("ignore: [AG403]\n", encoding="utf-8")
    assert _render(project, "--check") == (1, "2 outputs checked: 1 stale\n")
    assert _render(project) == (0, "wrote diagrams_out/t.md\n1 written, 1 unchanged\n")
    explanation = (project / "diagrams_out" / "t.md").read_text(encoding="utf-8")
    assert "AG403" not in explanation
    assert "AG601" in explanation


@pytest.mark.parametrize(
    ("settings", "where", "message"),
    [
        ("select: [AG999]\n", "1:10", "select: no rule id starts with AG999"),
        ("select: [AG7]\n", "1:10", "select: no rule id starts with AG7"),
        ("ignore: [AG4, AG8]\n", "1:15", "ignore: no rule id starts with AG8"),
        ("severity: {AG999: error}\n", "1:12", "severity: no rule id starts with AG999"),
        ("severity:\n  AG101: warning\n  AG9: note\n", "3:3", "severity: string should match"),
    ],
)
def test_a_rule_id_that_names_no_rule_is_invalid_input(
    project: Path, settings: str, where: str, message: str
) -> None:
    """`select: [AG999]` used to run no rule at all, so every design passed."""
    (project / ".archgen.yaml").write_text(settings, encoding="utf-8")
    stderr = _refused(project)
    assert stderr.startswith(f".archgen.yaml:{where}: {message}"), stderr


@pytest.mark.parametrize(
    ("content", "where", "message"),
    [
        (b'[project]\nname = "caf\xe9"\n', "2:12", "not valid UTF-8"),
        (b"tool = 1\n", "1:1", "tool: expected a table such as [tool.archgen]"),
        (b'[project]\nname = "x"\n[tool]\narchgen = 5\n', "4:1", "[tool.archgen] must be a table"),
        (b'[tool.archgen]\nselect = ["AG1",,]\n', "2:17", "not valid TOML"),
        (b'[tool.archgen]\nfail-on = "error"\nignore = ["AG1", "AG0x"]\n', "3:1", "ignore:"),
    ],
)
def test_a_broken_pyproject_is_invalid_input_at_its_line(
    project: Path, content: bytes, where: str, message: str
) -> None:
    (project / "pyproject.toml").write_bytes(content)
    stderr = _refused(project)
    assert stderr.startswith(f"pyproject.toml:{where}: {message}"), stderr


@pytest.mark.skipif(not Path("/proc/self/mem").is_file(), reason="needs Linux's /proc")
@pytest.mark.parametrize("name", [".archgen.yaml", "pyproject.toml"])
def test_an_unreadable_settings_file_is_invalid_input(project: Path, name: str) -> None:
    """/proc/self/mem is a file that no one, root included, can read from its start.

    Found by itself, a settings file that links outside the folder is refused
    before it is read; named with --config, it is read and cannot be.
    """
    (project / name).symlink_to("/proc/self/mem")
    stderr = _refused(project)
    assert stderr.startswith(f"{name}: a symbolic link to something outside"), stderr
    stderr = _refused(project, "--config", name)
    assert re.match(rf"^(.*/)?{re.escape(name)}:1:1: cannot read the file: ", stderr), stderr


_setting_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.sampled_from(["AG1", "AG999", "error", ""]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=5,
)
_settings = st.dictionaries(
    st.sampled_from(["select", "ignore", "severity", "fail-on", "tool", "x"]), _setting_values
)


@given(st.one_of(st.text(max_size=200), _settings.map(yaml.safe_dump)))
def test_any_yaml_settings_load_or_are_invalid_input(
    tmp_path_factory: TempPathFactory, text: str
) -> None:
    _load_or_invalid(tmp_path_factory.mktemp("s") / ".archgen.yaml", text)


_TOML_KEYS = ["tool", "archgen", "tool.archgen", "select", "ignore", "severity", "fail-on", "AG101"]
_TOML_VALUES = ["1", '"AG1"', '["AG999"]', '["AG1", "AG2"]', '{AG101 = "note"}', '"error"', "[]"]
_toml_lines = st.lists(
    st.sampled_from(["[tool]", "[tool.archgen]", "[tool.archgen.severity]", "[project]"])
    | st.builds("{} = {}".format, st.sampled_from(_TOML_KEYS), st.sampled_from(_TOML_VALUES)),
    max_size=5,
).map("\n".join)


@given(_toml_lines | st.text(max_size=200))
def test_any_pyproject_loads_or_is_invalid_input(
    tmp_path_factory: TempPathFactory, text: str
) -> None:
    _load_or_invalid(tmp_path_factory.mktemp("p") / "pyproject.toml", text)


def _load_or_invalid(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    try:
        config = load_config(explicit=path)
    except InvalidInput as error:
        problems = error.problems
    else:
        assert isinstance(config, RunConfig)
        return
    assert problems
    for problem in problems:
        # an error at the end of the stream points just past the last line, as for designs
        assert 1 <= problem.span.line <= len(text.splitlines()) + 1, problem


def test_the_summary_says_how_many_rules_the_settings_turned_off(project: Path) -> None:
    """Settings arrive in pull requests like designs: turning rules off must show."""
    (project / ".archgen.yaml").write_text("ignore: [AG4, AG6]\n", encoding="utf-8")
    off = sum(1 for rule in ALL_RULES if rule.id.startswith(("AG4", "AG6")))
    note = f"({off} rules turned off by the settings)"
    result = _run_in(project, "check", "--fail-on", "never")
    assert result.stdout.splitlines()[-1] == f"1 file checked: no findings {note}"
    (project / ".archgen.yaml").unlink()
    assert "turned off" not in _run_in(project, "check", "--fail-on", "never").stdout
