"""One graphviz program as a process: started on a source it reads from standard input.

Shared by the runs of `layout.run` and the PNG's bands (`layout.png_bands`):
a program's exit tells apart a source graphviz refuses from a program stopped
from outside.
"""

from __future__ import annotations

import contextlib
import signal
import subprocess
from pathlib import Path
from typing import IO, NamedTuple

from archgen.errors import LayoutRefused, RenderError


def start_program(
    command: list[str],
    options: list[str],
    stdin: IO[bytes] | int = subprocess.PIPE,
    errors: IO[bytes] | None = None,
) -> subprocess.Popen[bytes]:
    """Start graphviz; it reads its DOT source from standard input (a pipe, once given).

    What it says goes to `errors`, a file, when given: a program given its
    source before anyone reads its pipes (`give_source`) can then never stop
    on a full error pipe while its source is still being written.
    """
    return subprocess.Popen(  # noqa: S603 (a graphviz program found on PATH, fixed arguments)
        [*command, *options],
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE if errors is None else errors,
    )


class Writing(NamedTuple):
    """A started program that writes its outputs to files, and says its errors into one."""

    process: subprocess.Popen[bytes]
    errors: Path


def start_writing(
    command: list[str], options: list[str], errors: Path, started: list[subprocess.Popen[bytes]]
) -> Writing:
    """Start a program that writes files (`options`), its errors into `errors`.

    The program is added to `started` as soon as it runs, for the caller to stop.
    """
    with errors.open("w+b") as said:  # the program keeps its own copy of the file
        process = start_program(command, options, errors=said)
    started.append(process)
    return Writing(process, errors)


def finish_writing(program: Writing) -> None:
    """Wait for a program started by `start_writing`; raise what graphviz said if it failed."""
    finish(program.process, None, program.errors)


def give_source(process: subprocess.Popen[bytes], source: str) -> None:
    """Write a started program's whole source now; it starts on it as `finish` closes its input.

    A program that has already stopped is told by its exit status when finished.
    """
    if process.stdin is not None:
        with contextlib.suppress(BrokenPipeError):
            process.stdin.write(source.encode("utf-8"))
            process.stdin.flush()


def finish(
    process: subprocess.Popen[bytes], source: str | None, errors: Path | None = None
) -> bytes:
    """Give a started program its source (None: it has it) and return its standard output.

    `errors` is the file the program was started to say its errors into, if any.
    """
    stdout, stderr = process.communicate(None if source is None else source.encode("utf-8"))
    if errors is not None:
        stderr = errors.read_bytes()
    code = process.returncode
    if code > 0 or -code in _CRASHES:  # what graphviz says of this source, on any machine
        raise LayoutRefused(stderr.decode("utf-8", "replace"))
    if code < 0:  # stopped from outside (out of memory, a signal): no fault of the source
        raise RenderError(f"graphviz was stopped by {signal.Signals(-code).name}")
    return stdout


def stop(process: subprocess.Popen[bytes] | None) -> None:
    """Stop a program that is still running (its drawing is no longer wanted) and reap it."""
    if process is not None and process.returncode is None:
        process.kill()
        process.communicate()


_CRASHES = frozenset({signal.SIGABRT, signal.SIGSEGV, signal.SIGBUS, signal.SIGFPE})
"""How graphviz itself ends on a layout it cannot make: a failed assertion or a fault.

Only these, and an error exit, are refusals that the layout ladder answers
with fewer constraints; a kill or a termination says nothing of the source,
and retrying on it would make the picture depend on the machine's state."""
