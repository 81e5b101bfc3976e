"""Reading one input file that a stranger may have committed, safely.

Both the loader and the commands' fast path (`render --check` decides from
the bytes alone) read input files; this is the one place that does, kept
below the model so that reading needs neither YAML nor pydantic.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from archgen.errors import InvalidInput, Problem
from archgen.safe_text import visible
from archgen.source import Span

MAX_BYTES = 2 * 1024 * 1024
"""The largest architecture file read; real ones are a few kilobytes."""


def read_input(path: Path, display: str | None = None) -> bytes:
    """Return the bytes of an input file: a regular file of at most MAX_BYTES, or InvalidInput.

    The file is opened without blocking and checked through its open handle,
    so a FIFO cannot hang the run, a device (`/dev/zero`) cannot fill memory,
    and what is checked is what is read.
    """
    name = display if display is not None else str(path)
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise _unreadable(name, f"cannot read the file: {error.strerror}") from None
    with os.fdopen(handle, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            raise _unreadable(name, "not a regular file: archgen reads only regular files")
        try:
            data = stream.read(MAX_BYTES + 1)
        except OSError as error:
            raise _unreadable(name, f"cannot read the file: {error.strerror}") from None
    if len(data) > MAX_BYTES:
        raise _unreadable(name, f"file is larger than {MAX_BYTES // 1024} KiB")
    return data


def _unreadable(name: str, message: str) -> InvalidInput:
    return InvalidInput([Problem(Span(visible(name), 1, 1), message)])
