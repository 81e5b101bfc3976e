"""graphviz processes that can be started before their DOT source exists.

A graphviz program loads its libraries, plugins and configuration before it
reads a byte of its source: about 13 ms of CPU time for each process, as
much as the layout of a whole small design. A render knows which processes
a drawing runs (`layout.run.pipeline`) long before it has the DOT, so it
starts them first (`ahead`); their start-up then overlaps the loading of
the model on another core, and each run takes its waiting process (`take`)
or, when none waits, starts one. Nothing a process draws depends on when it
started: its arguments and its source are the same either way.
"""

from __future__ import annotations

import contextlib
import subprocess
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from archgen.errors import RenderError

Run = tuple[tuple[str, ...], tuple[str, ...]]
"""One graphviz process: its command (program and options) and the formats it writes."""


class Started:
    """A graphviz process waiting for its source, each format written to a file of its own."""

    def __init__(self, command: tuple[str, ...], formats: tuple[str, ...]) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="archgen-")
        self.paths = {fmt: Path(self._folder.name) / f"out.{fmt}" for fmt in formats}
        options = [
            option for fmt, path in self.paths.items() for option in (f"-T{fmt}", f"-o{path}")
        ]
        try:
            self._process = subprocess.Popen(  # noqa: S603 (a graphviz program on PATH, fixed options)
                [*command, *options],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
        except OSError as error:
            self._folder.cleanup()
            raise RenderError(f"could not start graphviz's `{command[0]}`: {error}") from error

    @property
    def pid(self) -> int:
        """The process's id."""
        return self._process.pid

    def communicate(self, source: str) -> tuple[int, bytes]:
        """Give the process its source; return its exit code and what it said on stderr."""
        _, stderr = self._process.communicate(source.encode("utf-8"))
        return self._process.returncode, stderr

    def outputs(self) -> dict[str, bytes]:
        """Return each format's bytes, as the finished process wrote them."""
        return {fmt: path.read_bytes() for fmt, path in self.paths.items()}

    def stop(self) -> None:
        """End the process if it still runs, and remove its files."""
        if self._process.returncode is None:
            self._process.kill()
            self._process.communicate()
        self._folder.cleanup()


_waiting: dict[Run, Started] = {}
_lock = threading.Lock()


def waiting() -> dict[Run, int]:
    """Return the process id of each process started ahead that no run has taken yet."""
    with _lock:
        return {run: started.pid for run, started in _waiting.items()}


def take(command: list[str], formats: tuple[str, ...]) -> Started:
    """Return the process started ahead for this command and these formats, or start one."""
    with _lock:
        started = _waiting.pop((tuple(command), formats), None)
    return started if started is not None else Started(tuple(command), formats)


@contextlib.contextmanager
def ahead(runs: Iterable[Run]) -> Iterator[None]:
    """Start `runs` now, for `take` to find; when the block ends, stop those none took.

    A process that cannot start now is left to start when taken, where its
    failure is reported for the file being drawn.
    """
    mine = []
    with _lock:
        for run in runs:
            if run not in _waiting:
                with contextlib.suppress(RenderError):
                    _waiting[run] = Started(*run)
                    mine.append(run)
    try:
        yield
    finally:
        with _lock:
            left = [_waiting.pop(run) for run in mine if run in _waiting]
        for started in left:
            started.stop()
