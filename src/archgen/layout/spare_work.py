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
import subprocess
import threading
from collections.abc import Callable, Iterator
from typing import TypeVar

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


def in_thread(call: Callable[[], _T]) -> Callable[[], _T]:
    """Start `call` in a thread; return what waits for it and gives its result, or raises its error.

    A render waits on its graphviz programs this way while it does its own
    work; the same with `concurrent.futures` costs a render the import of
    that package, most of a hundredth of its time, for a thread and a join.
    """
    results: list[_T] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            results.append(call())
        except BaseException as error:  # raised again where it is waited for
            errors.append(error)

    thread = threading.Thread(target=run, name="archgen-wait", daemon=True)
    thread.start()

    def result() -> _T:
        thread.join()
        if errors:
            raise errors[0]
        return results[0]

    return result
