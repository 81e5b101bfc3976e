"""A failure of archgen itself exits 3 with one line, so CI never mistakes it for findings (1)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from archgen.cli import EXIT_INTERNAL, main
from archgen.commands import check
from archgen.report.base import CheckResult
from tests.conftest import ARCHITECTURES, run_console_script

CAPSTONE = str(ARCHITECTURES / "capstone.yaml")


def _crash(*_: object, **__: object) -> CheckResult:
    """Stand in for a bug: no real input can be made to crash archgen once the bug is fixed."""
    raise RuntimeError("index out of range\n::error::injected")


def test_a_bug_exits_3_with_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(check, "check", _crash)
    result = CliRunner().invoke(main, ["check", CAPSTONE])
    assert result.exit_code == EXIT_INTERNAL == 3
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith("archgen: internal error (RuntimeError: index out of range\\n::error")
    assert "please report it at https://" in line
    assert "--debug" in line


def test_debug_keeps_the_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(check, "check", _crash)
    result = CliRunner().invoke(main, ["--debug", "check", CAPSTONE])
    assert isinstance(result.exception, RuntimeError)


def test_the_console_script_exits_3_on_a_bug() -> None:
    done = run_console_script(
        "import archgen.commands.check\n"
        "def boom(*a, **k): raise ZeroDivisionError('bug')\n"
        "archgen.commands.check.check = boom",
        "check",
        CAPSTONE,
    )
    assert done.returncode == 3
    assert "Traceback" not in done.stderr
    assert "internal error (ZeroDivisionError: bug)" in done.stderr


def test_findings_and_invalid_input_keep_their_codes(tmp_path: object) -> None:
    clean = CliRunner().invoke(main, ["check", CAPSTONE])
    assert clean.exit_code == 0, clean.output
    invalid = CliRunner().invoke(main, ["check", str(ARCHITECTURES / "missing.yaml")])
    assert invalid.exit_code == 2
