"""tools/beside.py: the checkers beside the tests, a checker's failure stopping them at once."""

from __future__ import annotations

import shlex
import sys
import time
from pathlib import Path

import pytest

from tools import beside


def python(code: str) -> list[str]:
    """Return the command line running `code` in this Python."""
    return [sys.executable, "-c", code]


def test_both_pass_and_the_checkers_say_so_in_one_line(capfd: pytest.CaptureFixture[str]) -> None:
    checks = shlex.join(python("print('Success: ' + 'no issues found')"))
    assert beside.run(checks, python("print('12 passed')")) == 0
    out = capfd.readouterr().out
    assert "12 passed" in out
    assert "Success: no issues found" not in out, "a passing checker's output is held back"
    assert out.endswith(f"checks passed beside the tests: {checks}\n")


def test_a_failing_test_run_fails_with_its_own_status() -> None:
    checks = shlex.join(python("pass"))
    assert beside.run(checks, python("raise SystemExit(1)")) == 1


def test_a_failing_checker_stops_the_tests_and_its_output_comes_last(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    finished, child = tmp_path / "finished", tmp_path / "child.pid"
    tests = python(
        "import pathlib, subprocess, sys, time\n"
        f"sleeper = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(120)'])\n"
        f"pathlib.Path({str(child)!r}).write_text(str(sleeper.pid))\n"
        "time.sleep(120)\n"
        f"pathlib.Path({str(finished)!r}).touch()\n"
    )
    checks = shlex.join(
        python(
            "import pathlib, time\n"
            f"while not pathlib.Path({str(child)!r}).exists(): time.sleep(0.05)\n"
            "print('src/x.py:3: error: Incompatible types'); raise SystemExit(3)"
        )
    )
    assert beside.run(checks, tests) == 3
    assert not finished.exists()
    assert _gone(int(child.read_text())), "the tests' own children are stopped with them"
    out = capfd.readouterr().out
    assert out.endswith(
        f"src/x.py:3: error: Incompatible types\nchecks failed (exit 3): {checks}\n"
    )


def _gone(pid: int) -> bool:
    """Return whether process `pid` has ended (or is a zombie) within ten seconds."""
    stat = Path(f"/proc/{pid}/stat")
    for _ in range(200):
        try:
            state = stat.read_text(encoding="utf-8").rpartition(")")[2].split()[0]
        except FileNotFoundError:
            return True
        if state in {"Z", "X"}:  # ended; only its parent's reaper has not looked yet
            return True
        time.sleep(0.05)
    return False
