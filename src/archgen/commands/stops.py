"""Remembering that a run was asked to stop, wherever the signal landed.

archgen stops a run by raising from the signal handler, at whatever Python
code runs at that moment, and some of it is a library's. pydantic builds its
validators on their first use and calls back into Python from its compiled
core, which wraps an exception raised there in its own SchemaError: the
interruption came out as a bug in archgen (exit 3). Other code may swallow
it. So each handler notes the signal here first, and whoever decides how a
run ends (the signal guard of commands.atomic, before it places an output
and as it lets an error through; the command line, before it calls an
error a bug) asks.

A run is the outermost `watched` block: the command line's, or a signal
guard's when archgen is used as a library. It starts with nothing noted, so
a signal that stopped one run in a process never stops the next.

An interruption raised in a finalizer (an object's `__del__`, a weakref
callback) cannot leave it: Python swallows it and prints "Exception ignored"
with a traceback. The run stops all the same, since the signal was noted,
so during a run such a report of an interruption is not printed.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from types import FrameType


class _Run:
    """The signals of the run under way: `depth` watched blocks deep, `signum` the first."""

    def __init__(self) -> None:
        self.depth = 0
        self.signum: int | None = None
        self.unraisable: Callable[[sys.UnraisableHookArgs], object] = sys.unraisablehook
        """Who reports an exception Python swallowed, outside a run (or not an interruption)."""


_RUN = _Run()


def note(signum: int) -> None:
    """Remember that `signum` asked the run to stop; the first one is what it ends with."""
    if _RUN.signum is None:
        _RUN.signum = signum


def received() -> int | None:
    """Return the first SIGINT or SIGTERM the run under way was sent, or None."""
    return _RUN.signum


@contextlib.contextmanager
def watched(*, ctrl_c: bool = False) -> Iterator[None]:
    """Remember the stop signals of the block; the outermost block is the run.

    With `ctrl_c`, Ctrl-C is noted too where no archgen handler has taken it
    over, by a handler that does what Python's own does: raise
    KeyboardInterrupt. Only Python's own is replaced: a SIGINT that the
    user's shell told the process to ignore stays ignored.
    """
    previous = _take_ctrl_c() if ctrl_c else None
    if not _RUN.depth:
        _RUN.signum = None
        _RUN.unraisable, sys.unraisablehook = sys.unraisablehook, _unraisable
    _RUN.depth += 1
    try:
        yield
    finally:
        _RUN.depth -= 1
        if not _RUN.depth:
            _RUN.signum = None
            sys.unraisablehook = _RUN.unraisable
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


def _unraisable(unraisable: sys.UnraisableHookArgs) -> None:
    """Say nothing of an interruption Python swallowed in a finalizer: the run stops anyway."""
    if not (issubclass(unraisable.exc_type, KeyboardInterrupt) and received() is not None):
        _RUN.unraisable(unraisable)


def _take_ctrl_c() -> Callable[[int, FrameType | None], object] | None:
    """Set `_ctrl_c` for SIGINT in place of Python's handler; return what to put back, if set."""
    if threading.current_thread() is not threading.main_thread():
        return None  # only the main thread may set handlers, and only it receives signals
    if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        return None
    signal.signal(signal.SIGINT, _ctrl_c)
    return signal.default_int_handler


def _ctrl_c(signum: int, frame: FrameType | None) -> None:
    note(signum)
    raise KeyboardInterrupt
