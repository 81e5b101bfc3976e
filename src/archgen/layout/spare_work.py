"""A render's own work that needs no picture, done in pieces while graphviz works.

A render waits on graphviz: for dot's layout, then for the PNG's bands. The
stamps and the explanation need no picture, and once they ran while the bands
were drawn, where they took a core from the two programs drawing them. Now
they are a series of pieces (`Spare`): while dot lays out, pieces are done
one after another for as long as it runs, and what is left is done while the
picture is drawn. A piece is never cut short; a look at the program comes
between two pieces, so at most one piece outlasts the layout.
"""

from __future__ import annotations

import collections
import contextlib
import subprocess
import threading
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

_T = TypeVar("_T")

Spare = Iterator[object]
"""Work done a piece per step: each `next` does one piece; the end is the work's end."""

UNTIL_DRAWN = object()
"""Yielded before pieces too long to do while dot lays out: they wait for the drawing."""

_END = object()


def while_running(process: subprocess.Popen[bytes], spare: Spare | None) -> None:
    """Do pieces of `spare` for as long as `process` runs, up to `UNTIL_DRAWN` at most."""
    if spare is None:
        return
    while process.poll() is None:
        piece = next(spare, _END)
        if piece is _END or piece is UNTIL_DRAWN:
            return


def finish_spare(spare: Spare | None) -> None:
    """Do every piece of `spare` that is left."""
    if spare is not None:
        collections.deque(spare, maxlen=0)


class InThread(Generic[_T]):
    """A call run in a thread of its own: called, it waits for it and gives its result or error.

    A render waits on its graphviz programs this way while it does its own
    work; the same with `concurrent.futures` costs a render the import of
    that package, most of a hundredth of its time, for a thread and a join.
    """

    def __init__(self, call: Callable[[], _T]) -> None:
        self._call = call
        self._results: list[_T] = []
        self._errors: list[BaseException] = []
        self._thread = threading.Thread(target=self._run, name="archgen-wait", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._results.append(self._call())
        except BaseException as error:  # raised again where it is waited for
            self._errors.append(error)

    def __call__(self) -> _T:
        """Wait for the call; return what it returned, or raise what it raised."""
        self._thread.join()
        if self._errors:
            raise self._errors[0]
        return self._results[0]

    def settle(self) -> None:
        """Wait for the call to end, through any signal that comes meanwhile.

        Cleaning up after the call (stopping the programs it started, removing
        their folder) needs it ended; a second Ctrl-C must not cut that short.
        The call is one the caller has told to end soon.
        """
        while self._thread.is_alive():
            with contextlib.suppress(BaseException):
                self._thread.join()
