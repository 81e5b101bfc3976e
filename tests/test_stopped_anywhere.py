"""A run sent SIGINT or SIGTERM ends as interrupted, wherever the signal lands.

archgen raises its interruption from the signal handler, at whatever Python
code runs then, and some of that code is a library's. pydantic builds its
validators on their first use and calls back into Python from its compiled
core while it does: an interruption raised there came out as a SchemaError,
and the run ended as a bug in archgen (exit 3) instead of as interrupted
(130 or 143), about once in ten runs of test_interrupts under load.

tests/signal_moments.py sends the real signal at chosen moments of a run
(to a copy of the run forked at each): every call pydantic's core makes
into Python while it builds a validator, and moments spread over the whole
command.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from archgen.commands.atomic import Interrupted, SignalGuard, stage_then_place
from tests.conftest import ARCHITECTURES, ROOT

SPREAD = 12
"""Moments spread evenly over the whole command, besides those inside pydantic's core."""
RENDER = ["render", "capstone.yaml", "--out", "out", "--format", "md"]
NEW_RESOURCE = "resources:\n  auditors: {type: client, label: Auditors}\n"


def _driver(folder: Path, argv: list[str], signum: int, moments: list[int]) -> object:
    spec = {"folder": str(folder), "argv": argv, "signum": signum, "moments": moments}
    done = subprocess.run(
        [sys.executable, "-m", "tests.signal_moments", json.dumps(spec)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    return json.loads(done.stdout)


def _moments(folder: Callable[[], Path], argv: list[str]) -> list[int]:
    """Return the moments to stop `argv` at: each call into Python while pydantic builds, and more.

    Counted in two runs of the command sent no signal, each in a `folder()`
    as the runs to stop will find theirs, which must end well (0, or 1 for
    findings) and number their calls alike: the first may warm a cache, and
    a moment must mean the same code in every run.
    """
    first, counted = (_driver(folder(), argv, 0, []) for _ in range(2))
    assert isinstance(first, dict)
    assert isinstance(counted, dict)
    assert counted["code"] in (0, 1), counted["stderr"]
    assert (first["calls"], first["building"]) == (counted["calls"], counted["building"])
    building: list[int] = counted["building"]
    assert building, "pydantic built no validator during the command: the test aims at nothing"
    spread = range(1, counted["calls"], counted["calls"] // SPREAD)
    return sorted({*building, *spread})


def _folder(tmp_path: Path, name: str, design: str) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "capstone.yaml").write_text(design, encoding="utf-8")
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def render_moments(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[int], Path]:
    """Return a folder whose design changed since its outputs, the moments, and the outputs.

    The moments are counted in copies of the folder: a run that is not
    stopped writes the new outputs.
    """
    tmp_path = tmp_path_factory.mktemp("stopped")
    old = (ARCHITECTURES / "capstone.yaml").read_text(encoding="utf-8")
    project = _folder(tmp_path, "project", old)
    _driver(project, RENDER, 0, [])  # the old outputs, which a stopped run must leave alone
    saved = tmp_path / "old-out"
    shutil.copytree(project / "out", saved)
    (project / "capstone.yaml").write_text(old.replace("resources:\n", NEW_RESOURCE, 1), "utf-8")
    copies = (shutil.copytree(project, tmp_path / f"counting-{n}") for n in itertools.count())
    moments = _moments(lambda: next(copies), RENDER)
    return project, moments, saved


@pytest.mark.parametrize(
    ("signum", "half"), [(signal.SIGINT, 0), (signal.SIGTERM, 1)], ids=["int", "term"]
)
def test_a_render_stopped_anywhere_ends_as_interrupted_and_writes_nothing(
    render_moments: tuple[Path, list[int], Path], signum: int, half: int
) -> None:
    """Each signal at every other moment: between them they are sent at every one."""
    project, moments, saved = render_moments
    old = _files(saved)
    ended = _driver(project, RENDER, signum, moments[half::2])
    assert isinstance(ended, list)
    wrong = [
        (moment, code, stderr)
        for moment, (code, stderr) in zip(moments[half::2], ended, strict=True)
        if (code, stderr) not in _interrupted(signum)
    ]
    assert not wrong, f"{len(wrong)} of {len(ended)} runs did not end as interrupted: {wrong[:3]}"
    assert _files(project / "out") == old


def _interrupted(signum: int) -> list[tuple[int, str]]:
    """Return how a run stopped by `signum` may end: as archgen tells, or ended by the signal.

    Before a render takes over SIGTERM (its first steps), SIGTERM ends the
    process outright, which a shell shows as 143 too; SIGINT before then is
    Python's KeyboardInterrupt, which the command group tells.
    """
    return [
        (128 + signum, "interrupted: no output was changed\n"),
        (128 + signum, "archgen: interrupted\n"),
        (-signum, ""),
    ]


def test_a_check_stopped_by_ctrl_c_anywhere_ends_as_interrupted(tmp_path: Path) -> None:
    design = (ARCHITECTURES / "capstone.yaml").read_text(encoding="utf-8")
    folder = _folder(tmp_path, "project", design)
    argv = ["check", "capstone.yaml"]
    moments = _moments(lambda: folder, argv)[1::2]  # every other one: the render tests send all
    ended = _driver(folder, argv, signal.SIGINT, moments)
    assert isinstance(ended, list)
    wrong = [
        (moment, code, stderr)
        for moment, (code, stderr) in zip(moments, ended, strict=True)
        if (code, stderr) != (130, "archgen: interrupted\n")
    ]
    assert not wrong, f"{len(wrong)} of {len(ended)} runs did not end as interrupted: {wrong[:3]}"


# --- what the guard makes of a stop that library code swallowed or wrapped -----------------


def _signal_swallowed() -> None:
    """Be sent SIGTERM while in code that catches the interruption and goes on, as some do."""
    with contextlib.suppress(KeyboardInterrupt):
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(1)


def _signal_wrapped() -> None:
    """Be sent SIGTERM while in code that turns any failure into its own error, as pydantic does."""
    try:
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(1)
    except BaseException as error:
        raise ValueError("Error building validator") from error


def _guarded(done: list[str], *steps: Callable[[], None] | None) -> None:
    """Run each step under one signal guard; None writes (staging then placing, told in `done`)."""
    with SignalGuard() as guard:
        for step in steps:
            if step is not None:
                step()
                continue
            stage_then_place(
                guard,
                lambda: done.append("staged"),
                lambda _: done.append("discarded"),
                lambda _: done.append("placed"),
                Path("out"),
            )


def test_a_stop_that_library_code_swallowed_still_stops_the_run_and_places_nothing() -> None:
    done: list[str] = []
    with pytest.raises(Interrupted) as stopped:
        _guarded(done, _signal_swallowed, None)
    assert done == ["staged", "discarded"]
    assert (stopped.value.signum, stopped.value.after_commit) == (signal.SIGTERM, False)


def test_a_stop_that_library_code_wrapped_in_its_error_comes_out_as_the_stop() -> None:
    with pytest.raises(Interrupted) as stopped:
        _guarded([], _signal_wrapped)
    assert stopped.value.signum == signal.SIGTERM
    assert isinstance(stopped.value.__cause__, ValueError)


def test_a_stop_after_the_outputs_were_placed_says_they_were() -> None:
    done: list[str] = []
    with pytest.raises(Interrupted) as stopped:
        _guarded(done, None, _signal_wrapped)
    assert done == ["staged", "placed"]
    assert stopped.value.after_commit


def test_a_stop_ends_with_its_run_and_never_stops_the_next() -> None:
    done: list[str] = []
    with pytest.raises(Interrupted):
        _guarded(done, _signal_swallowed)
    _guarded(done, None)
    assert done == ["staged", "placed"]


class _Finalized:
    """An object whose finalizer runs when it is let go: `signal` is sent then, else it fails."""

    def __init__(self, signum: int | None) -> None:
        self.signum = signum

    def __del__(self) -> None:
        if self.signum is None:
            raise ValueError("a finalizer that fails")
        os.kill(os.getpid(), self.signum)
        time.sleep(1)


def _let_go(signum: int | None) -> None:
    _Finalized(signum)  # no name holds it: CPython finalizes it at once


def test_an_interruption_python_swallowed_in_a_finalizer_is_not_told_yet_stops_the_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Python prints what a finalizer raises as "Exception ignored": not an interruption's."""
    told: list[type[BaseException]] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda swallowed: told.append(swallowed.exc_type))
    done: list[str] = []
    with pytest.raises(Interrupted):
        _guarded(done, lambda: _let_go(signal.SIGTERM), None)
    _guarded(done, lambda: _let_go(None))
    assert (told, done) == ([ValueError], ["staged", "discarded"])
