"""Run an archgen command many times, each sent a signal at its own moment of its start.

`python -m tests.signal_moments SPEC` reads a JSON SPEC: the folder to run
in, the command's arguments, a signal number and the moments to send it at.
A moment is the number of a Python function call from the start of the
command (console.Commands.invoke) to the end of its first design's loading
(loader.load_file), which holds pydantic's first validations: pydantic
builds its validators then, and calls back into Python from its compiled
core while it does, where a KeyboardInterrupt can land and come out as
another error.

The interpreter imports archgen once, builds no validator, then forks one
run per moment (a fork starts in a millisecond, an interpreter in a tenth of
a second); the run sends the real signal to itself from a profiling hook
at its moment, so the signal is handled by archgen's own handlers as one
from outside would be, but at a moment that can be chosen and repeated.
With signal 0 nothing is sent: the run says how many calls it numbered,
and which of them were made while pydantic built a validator. The answer is
JSON on stdout.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from types import CodeType, FrameType
from typing import Any

import archgen.cli
import archgen.commands.render
from archgen.console import Commands
from archgen.loader import load_file

BUILDING = "create_schema_validator"
"""The pydantic function that hands a schema to its core to build a validator."""


class _Watch:
    """A profiling hook that numbers the calls of a command's start and acts at one of them."""

    def __init__(self, signum: int, moment: int) -> None:
        self.signum = signum
        self.moment = moment
        self.calls = 0
        self.building: list[int] = []
        self._inside = {Commands.invoke.__code__: 0, load_file.__code__: 0}
        self._building = 0

    def __call__(self, frame: FrameType, event: str, arg: Any) -> None:
        if event not in ("call", "return"):
            return
        code, step = frame.f_code, 1 if event == "call" else -1
        if code in self._inside:
            self._enter(code, step)
        elif code.co_name == BUILDING:
            self._building += step
        elif event == "call" and self._inside[Commands.invoke.__code__]:
            self._count()

    def _enter(self, code: CodeType, step: int) -> None:
        self._inside[code] += step
        if step < 0 and not self._inside[code]:  # the command or the first loading is over
            sys.setprofile(None)

    def _count(self) -> None:
        self.calls += 1
        if self._building:
            self.building.append(self.calls)
        if self.calls == self.moment:
            sys.setprofile(None)
            os.kill(os.getpid(), self.signum)


def _child(argv: list[str], watch: _Watch, err: int, report: int) -> None:
    """Run the command with `watch` set, stderr into `err`, what it counted into `report`."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    os.dup2(err, 2)
    if not watch.signum:
        import atexit

        atexit.register(
            lambda: os.write(report, json.dumps([watch.calls, watch.building]).encode())
        )
    sys.argv = ["archgen", *argv]
    sys.setprofile(watch)
    try:
        archgen.cli.run()
    finally:
        os._exit(99)


def _run(argv: list[str], signum: int, moment: int) -> tuple[int, str, str]:
    """Fork a run of the command; return its exit status (-N: killed by N), stderr and count."""
    with tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as report:
        pid = os.fork()
        if pid == 0:
            _child(argv, _Watch(signum, moment), err.fileno(), report.fileno())
        _, status = os.waitpid(pid, 0)
        err.seek(0)
        report.seek(0)
        return os.waitstatus_to_exitcode(status), err.read().decode(), report.read().decode()


def main() -> None:
    """Read the spec, run the command at each moment, print what each run ended with."""
    spec = json.loads(sys.argv[1])
    os.chdir(spec["folder"])
    if not spec["signum"]:
        code, err, report = _run(spec["argv"], 0, 0)
        calls, building = json.loads(report) if report else (0, [])
        answer: object = {"code": code, "stderr": err, "calls": calls, "building": building}
    else:
        ended = [_run(spec["argv"], spec["signum"], moment) for moment in spec["moments"]]
        answer = [[code, err] for code, err, _ in ended]
    sys.stdout.write(json.dumps(answer))


if __name__ == "__main__":
    main()
