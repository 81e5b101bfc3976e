"""A signal that lands while archgen writes is held until the write is whole, and never lost.

A section that must not be cut defers SIGINT and SIGTERM to its end. The
moments that matter are exact (a temporary file created, a file renamed into
place, a disk found full), so an audit hook of the interpreter sends the real
signal at that moment of a real archgen run, which no delay can aim at.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from archgen.commands.atomic import Interrupted, SignalGuard


def _signal_inside(guard: SignalGuard, reached: list[str]) -> None:
    with guard.deferred():
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(0.01)
        reached.append("the end of the section")


def test_signals_wait_for_the_section_that_must_not_be_cut() -> None:
    reached: list[str] = []
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(Interrupted) as stopped, SignalGuard() as guard:
        _signal_inside(guard, reached)
    assert reached == ["the end of the section"]
    assert stopped.value.signum == signal.SIGTERM
    assert signal.getsignal(signal.SIGTERM) == before


TINY = "archgen: 1\nname: tiny\ntitle: T\nregion: us-east-1\nresources:\n  users: {type: client}\n"


def _archgen_with_hook(folder: Path, hook: str, *argv: str) -> subprocess.CompletedProcess[str]:
    """Run the archgen command in `folder`, in an interpreter whose audit hook is `hook`.

    Python raises an audit event as it creates a temporary file, opens a file
    or renames one; the hook sends the real signal at exactly that moment (and
    may fail the operation as a full disk would), which no delay can aim at.
    """
    code = (
        f"import errno, os, signal, sys\n{hook}\nsys.addaudithook(hook)\n"
        f"import archgen.cli\nsys.argv = ['archgen', *{list(argv)!r}]\narchgen.cli.run()\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _hook(event: str, test: str, then: str = "") -> str:
    """Return an audit hook that sends SIGNUM to the process on `event` when `test` holds."""
    return (
        "def hook(event, args):\n"
        f"    if event == {event!r} and {test}:\n"
        "        os.kill(os.getpid(), SIGNUM)\n"
        f"        {then or 'pass'}\n"
    )


def _report_folder(tmp_path: Path) -> Path:
    (tmp_path / "tiny.yaml").write_text(TINY, encoding="utf-8")
    return tmp_path


def _names(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir()]


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["int", "term"])
def test_a_signal_while_a_report_is_written_writes_nothing_and_exits_with_its_number(
    tmp_path: Path, signum: int
) -> None:
    hook = f"SIGNUM = {int(signum)}\n" + _hook("tempfile.mkstemp", "'.report.txt.' in args[0]")
    folder = _report_folder(tmp_path)
    done = _archgen_with_hook(folder, hook, "check", "tiny.yaml", "--output", "report.txt")
    assert (done.returncode, done.stderr) == (128 + signum, "interrupted: no output was changed\n")
    assert sorted(_names(folder)) == ["tiny.yaml"]


def test_a_signal_while_a_report_is_renamed_into_place_is_held_until_it_is_there(
    tmp_path: Path,
) -> None:
    folder = _report_folder(tmp_path)
    clean = _archgen_with_hook(folder, "def hook(event, args): pass", "check", "tiny.yaml")
    rename = _hook("os.rename", "str(args[0]).endswith('.tmp')")
    hook = f"SIGNUM = {int(signal.SIGTERM)}\n{rename}"
    done = _archgen_with_hook(folder, hook, "check", "tiny.yaml", "--output", "report.txt")
    assert (done.returncode, done.stderr) == (143, "interrupted after writing\n")
    assert sorted(_names(folder)) == ["report.txt", "tiny.yaml"]
    assert (folder / "report.txt").read_text(encoding="utf-8") == clean.stdout


def test_a_signal_held_while_staging_fails_is_not_lost(tmp_path: Path) -> None:
    """SIGTERM arrives, then the disk is full: the run stops as asked, not as for bad input."""
    folder = _report_folder(tmp_path)
    full = "raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))"
    creates = "'.archgen-staging-' in str(args[0]) and (args[2] or 0) & os.O_CREAT"
    opened = _hook("open", creates, then=full)
    hook = f"SIGNUM = {int(signal.SIGTERM)}\n{opened}"
    done = _archgen_with_hook(folder, hook, "render", "tiny.yaml", "--out", "out", "--format", "md")
    assert (done.returncode, done.stderr) == (143, "interrupted: no output was changed\n")
    assert sorted(_names(folder / "out")) == []


def test_a_signal_held_while_a_report_fails_to_be_written_is_not_lost(tmp_path: Path) -> None:
    folder = _report_folder(tmp_path)
    full = "raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))"
    rename = _hook("os.rename", "str(args[0]).endswith('.tmp')", then=full)
    hook = f"SIGNUM = {int(signal.SIGTERM)}\n{rename}"
    done = _archgen_with_hook(folder, hook, "check", "tiny.yaml", "--output", "report.txt")
    assert (done.returncode, done.stderr) == (143, "interrupted: no output was changed\n")
    assert sorted(_names(folder)) == ["tiny.yaml"]
