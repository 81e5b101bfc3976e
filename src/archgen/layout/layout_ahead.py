"""dot started ahead of its source: it starts up while a render still loads its models.

A graphviz program takes about ten milliseconds to start (its libraries, its
plugins, the fonts it measures labels in), more than dot then takes to lay
the capstone out. A render knows it will lay a design out once no fingerprint
shows its outputs current, some forty milliseconds before the DOT source is
planned; it starts dot then, waiting on a pipe, and the first layout of the
same formats takes it (`layout.run.laying_out`). One no layout took is
stopped when the render ends.
"""

from __future__ import annotations

import contextlib
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from archgen.layout.graphviz_process import start_program, stop


class Ahead(NamedTuple):
    """A layout program waiting for its source, and the folder its outputs go to."""

    process: subprocess.Popen[bytes]
    outputs: dict[str, Path]
    errors: Path
    """The file the program says its errors into."""
    folder: tempfile.TemporaryDirectory[str]


_WAITING: dict[tuple[tuple[str, ...], tuple[str, ...]], Ahead] = {}


def start_ahead(command: list[str], formats: tuple[str, ...]) -> None:
    """Start `command` writing `formats`, to wait for the source of the next such layout.

    A program that cannot be started is left to the layout, which says why.
    """
    key = (tuple(command), formats)
    if key in _WAITING:
        return
    folder = tempfile.TemporaryDirectory(prefix="archgen-")
    outputs = {fmt: Path(folder.name) / f"out.{fmt}" for fmt in formats}
    options = [option for fmt, path in outputs.items() for option in (f"-T{fmt}", f"-o{path}")]
    errors = Path(folder.name) / "errors"
    try:
        with errors.open("w+b") as said:  # the program keeps its own copy of the file
            _WAITING[key] = Ahead(
                start_program(command, options, errors=said), outputs, errors, folder
            )
    except OSError:
        folder.cleanup()


@contextlib.contextmanager
def given(command: list[str], formats: tuple[str, ...], source: str) -> Iterator[Ahead | None]:
    """Take the program started ahead for `command` and `formats` (once) and give it `source`.

    None when there is none. The program is stopped and its folder removed
    when the block ends, however it ends.
    """
    ahead = None
    try:
        ahead = _WAITING.pop((tuple(command), formats), None)
        if ahead is not None:
            give_whole_source(ahead.process, source)
        yield ahead
    finally:
        if ahead is not None:
            release(ahead)


def give_whole_source(process: subprocess.Popen[bytes], source: str) -> None:
    """Give a waiting program its whole source and end its input: it lays out now.

    A program that has already stopped is told by its exit status when finished.
    """
    if process.stdin is not None:
        with contextlib.suppress(BrokenPipeError):
            process.stdin.write(source.encode("utf-8"))
        with contextlib.suppress(BrokenPipeError):
            process.stdin.close()
        process.stdin = None  # ended: nothing is left for `communicate` to give


def release(ahead: Ahead) -> None:
    """Stop a program started ahead (if it still runs) and remove its folder."""
    stop(ahead.process)
    ahead.folder.cleanup()


def stop_waiting() -> None:
    """Stop every program started ahead that no layout took."""
    while _WAITING:
        release(_WAITING.popitem()[1])
