"""Drawing several designs at once: one graphviz process per design, a thread to wait on each."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

Progress = Callable[[int, int], None]
"""Told (done, total) after each design is drawn."""

T = TypeVar("T")
R = TypeVar("R")


def in_parallel(
    work: list[T], draw: Callable[[T], R], jobs: int, progress: Progress | None
) -> list[R]:
    """Return `draw` of each item of `work`, in order, drawing up to `jobs` at once.

    The threads only wait on graphviz, which does the work in its own process.
    """
    if len(work) <= 1 or jobs == 1:
        drawn = []
        for done, item in enumerate(work, 1):
            drawn.append(draw(item))
            if progress is not None:
                progress(done, len(work))
        return drawn
    import concurrent.futures  # only a run with several files draws in parallel

    results: dict[int, R] = {}
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs))
    try:
        futures = {pool.submit(draw, item): index for index, item in enumerate(work)}
        for done, future in enumerate(concurrent.futures.as_completed(futures), 1):
            results[futures[future]] = future.result()
            if progress is not None:
                progress(done, len(work))
    finally:  # interrupted or failed: files not started yet are not drawn
        pool.shutdown(cancel_futures=True)
    return [results[index] for index in range(len(work))]
