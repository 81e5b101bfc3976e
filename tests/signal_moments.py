"""Run an archgen command, sending a signal to a copy of the run at each chosen moment of its start.

`python -m tests.signal_moments SPEC` reads a JSON SPEC: the folder to run
in, the command's arguments, a signal number and the moments to send it at.
A moment is the number of a Python function call from the start of the
command (console.Commands.invoke) to the end of its first design's loading
(loader.load_file), which holds pydantic's first validations: pydantic
builds its validators then, and calls back into Python from its compiled
core while it does, where a KeyboardInterrupt can land and come out as
another error.

The interpreter imports archgen once, builds no validator, then forks the
run, which numbers its calls from a profiling hook. At each moment the run
forks again and waits: the copy, exactly the run as it stands at that call,
sends the real signal to itself and goes on, so the signal is handled by
archgen's own handlers as one from outside would be, at a moment that can be
chosen and repeated. The run itself is sent nothing and ends at its last
moment, before it could write anything. (A copy forked at each moment costs
the run's start once, where a run per moment paid it up to that moment again,
numbered by a hook that slows every call.) A copy shares what the run has
open, so a moment at which the run has a file open that it had not at its
start is refused: the copy's reading would move the run's place in it.

With signal 0 nothing is sent: the run says how many calls it numbered,
and which of them were made while pydantic built a validator. The answer is
JSON on stdout.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import stat
import sys
import tempfile
import threading
from pathlib import Path
from types import CodeType, FrameType
from typing import Any

import archgen.cli
import archgen.commands.render
from archgen.console import Commands
from archgen.loader import load_file

BUILDING = "create_schema_validator"
"""The pydantic function that hands a schema to its core to build a validator."""


def _open_files() -> set[int]:
    """Return the descriptors of the regular files open now: a copy would share their offsets.

    A folder's descriptor, which a render holds open for its lock on the
    output folder, has no place in it to move.
    """
    found = set()
    for entry in Path("/proc/self/fd").iterdir():
        with contextlib.suppress(OSError):  # the listing's own descriptor, closed by now
            if stat.S_ISREG(os.fstat(int(entry.name)).st_mode):
                found.add(int(entry.name))
    return found


class _Watch:
    """A profiling hook that numbers the calls of a command's start and stops a copy at moments."""

    def __init__(self, signum: int, moments: list[int], report: int) -> None:
        assert moments == sorted(set(moments)), "the moments must rise, each once"
        self.signum = signum
        self.waiting = list(reversed(moments))
        self.report = report
        self.ended: list[tuple[int, str]] = []
        self.calls = 0
        self.building: list[int] = []
        self._inside = {Commands.invoke.__code__: 0, load_file.__code__: 0}
        self._building = 0
        self._open = _open_files()

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
        if self.waiting and self.calls == self.waiting[-1]:
            self.waiting.pop()
            self._stop_a_copy()

    def _stop_a_copy(self) -> None:
        """Fork; the copy sends itself the signal and goes on, the run waits for it to end.

        The copy's stderr is a file in memory: a file with a name would be
        removed by whatever cleanup at exit the copy inherited.
        """
        opened = _open_files() - self._open
        if opened or threading.active_count() > 1:
            self._end(f"moment {self.calls}: files {sorted(opened)} open, or a thread started")
        err = os.memfd_create("stderr")
        pid = os.fork()
        if pid == 0:
            sys.setprofile(None)
            os.dup2(err, 2)
            os.kill(os.getpid(), self.signum)
            return
        _, status = os.waitpid(pid, 0)
        os.lseek(err, 0, os.SEEK_SET)
        with os.fdopen(err, encoding="utf-8") as said:
            self.ended.append((os.waitstatus_to_exitcode(status), said.read()))
        if not self.waiting:
            self._end([[code, stderr] for code, stderr in self.ended])

    def _end(self, answer: object) -> None:
        """Report `answer` and end the run here, before it goes on to write anything."""
        self.tell(answer)
        os._exit(0)

    def tell(self, answer: object) -> None:
        os.write(self.report, json.dumps(answer).encode())

    def counted(self) -> None:
        """Report what the run counted: at its end, when it was sent no signal."""
        self.tell({"calls": self.calls, "building": self.building})


def _runner(spec: dict[str, Any], err: int, report: int) -> None:
    """Run the command with a `_Watch` set, stderr into `err`, what the watch saw into `report`."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    os.dup2(err, 2)
    watch = _Watch(spec["signum"], spec["moments"], report)
    if not watch.signum:
        atexit.register(watch.counted)
    sys.argv = ["archgen", *spec["argv"]]
    sys.setprofile(watch)
    try:
        archgen.cli.run()
    finally:
        os._exit(99)


def _run(spec: dict[str, Any]) -> tuple[int, str, object]:
    """Fork the run of the command; return its exit status (-N: killed by N), stderr, report."""
    with tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as report:
        pid = os.fork()
        if pid == 0:
            _runner(spec, err.fileno(), report.fileno())
        _, status = os.waitpid(pid, 0)
        err.seek(0)
        report.seek(0)
        said = report.read().decode()
        return os.waitstatus_to_exitcode(status), err.read().decode(), json.loads(said or "null")


def main() -> None:
    """Read the spec, run the command (stopping a copy at each moment), print what ended how."""
    spec = json.loads(sys.argv[1])
    os.chdir(spec["folder"])
    code, err, report = _run(spec)
    if not spec["signum"]:
        counted = report if isinstance(report, dict) else {"calls": 0, "building": []}
        answer: object = {"code": code, "stderr": err, **counted}
    elif isinstance(report, list) and len(report) == len(spec["moments"]):
        answer = report
    else:
        raise SystemExit(f"the run ended ({code}, {err!r}) before its last moment: {report}")
    sys.stdout.write(json.dumps(answer))


if __name__ == "__main__":
    main()
