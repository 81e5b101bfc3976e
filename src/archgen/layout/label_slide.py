"""Spots for a label slid along its line until it just clears what it met.

graphviz gives a long straight run as one cubic piece, its points tens of
points apart, and a free window beside the run between two of them is never
tried by spots beside the points alone. Along each stretch between two points
a label slides, on each side and at each distance from the line; everything
near its sweep bounds a window. The search asks about each stretch at three
distances, so what lies near all the sweeps of a few neighbouring stretches
is asked of the grids once (`Slides`) and each sweep takes its own part of
it: exactly the items the grids would have given for that sweep alone.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

from archgen.layout.label_cost import Drawn, Found
from archgen.layout.label_gap import GAP
from archgen.layout.laid import Point, Rect, hull
from archgen.layout.nearby import MARGIN, Segment, segment_bounds

CLEAR = 0.01
"""Points a label slid along its line keeps from the edge of what it slid off: just enough
that the edge no longer counts as met. A window may be barely the label's height (the
three-AZ network view's, between two subnets, has 0.05 points to spare)."""


def beside(point: Point, width: float, height: float, gap: float) -> list[Point]:
    """Return the centres of a label `gap` points right of, left of, above and below a point."""
    x, y = point
    return [
        (x + width / 2 + gap, y),
        (x - width / 2 - gap, y),
        (x, y + height / 2 + gap),
        (x, y - height / 2 - gap),
    ]


class Slides:
    """The slid spots of one label along the stretches of one curve, at the given distances."""

    def __init__(
        self, drawn: Drawn, size: Point, gaps: tuple[float, ...], points: list[Point]
    ) -> None:
        self._drawn = drawn
        self._size = size
        self._gaps = gaps
        self._points = points
        self._runs: dict[int, _Around] = {}
        """Everything near any sweep of a run of `_RUN` stretches, by the run's number."""

    def spots(self, index: int, gap: float) -> Iterator[tuple[Point, Found]]:
        """Yield the spots from point `index` to the next where a label `gap` off the line is free.

        On each side the label slides from its spot at `start` to its spot at
        `end`; every icon, text, line or border near that sweep bounds a free
        window (if any) along it, so the spots `CLEAR` points past each one's
        near and far edge are the windows' ends. Each comes with what lies
        near its sweep: all that a label there can meet (`label_cost.weigh`).
        """
        width, height = self._size
        start, end = self._points[index], self._points[index + 1]
        boxes, lines, sides = self._run(index // _RUN)
        for first, last in zip(
            beside(start, width, height, gap), beside(end, width, height, gap), strict=True
        ):
            axis = 1 if abs(last[1] - first[1]) >= abs(last[0] - first[0]) else 0
            run = last[axis] - first[axis]
            if abs(run) < CLEAR:
                continue
            half = (height if axis else width) / 2 + CLEAR
            swept = _swept(centred(first, width, height), centred(last, width, height))
            picked = (_pick(boxes, swept), _pick(lines, swept), _pick(sides, swept))
            edges = sorted(
                {
                    v
                    for kind in picked
                    for b, _ in kind
                    for v in (b[axis] - half, b[axis + 2] + half)
                }
                | _past_texts(picked[0], axis, half)
            )
            found: Found | None = None
            for target in edges:
                share = (target - first[axis]) / run
                if 0 < share < 1:
                    found = found or _found(*picked)
                    spot = (
                        first[0] + share * (last[0] - first[0]),
                        first[1] + share * (last[1] - first[1]),
                    )
                    yield spot, found

    def _run(self, number: int) -> _Around:
        """Return every box, line piece and side near any sweep of a run of stretches.

        The hull of the label's spots at the ends of each stretch, on every
        side and at every distance, holds each sweep, so what lies near it
        holds what lies near any sweep; `_pick` then takes a sweep's own items.
        """
        found = self._runs.get(number)
        if found is None:
            last = min(len(self._points) - 1, (number + 1) * _RUN)
            reach = hull([self._reach(i) for i in range(number * _RUN, last)])
            drawn = self._drawn
            found = (
                [(b[0] - MARGIN, b[1] - MARGIN, b, b) for b in drawn.boxes.near(reach)],
                _bounded(drawn.lines.near(reach)),
                _bounded(drawn.sides.near(reach)),
            )
            self._runs[number] = found
        return found

    def _reach(self, index: int) -> Rect:
        """Return the hull of the label's spots at a stretch's ends, every side, every distance."""
        width, height = self._size
        ends = self._points[index : index + 2]
        spots = [c for p in ends for g in self._gaps for c in beside(p, width, height, g)]
        return hull([centred(c, width, height) for c in spots])


def _past_texts(boxes: list[tuple[Rect, Rect]], axis: int, half: float) -> set[float]:
    """Return the window ends `GAP` past each text a level slide meets: it reads apart there.

    A label slid along a level run just clear of a text stands on its baseline,
    a word's width from it (`label_gap`); `GAP` further it reads apart.
    """
    if axis:
        return set()
    return {v for b, _ in boxes for v in (b[0] - half - GAP, b[2] + half + GAP)}


_RUN = 4
"""Stretches whose neighbourhood the grids are asked for at once: a run of a curve is
compact, and one question for it costs less than four for its stretches."""

Item = TypeVar("Item")
_Near = tuple[float, float, Rect, Item]
"""An item with its bounds, after their left and bottom less `MARGIN`: `nearby.near`'s share."""
_Around = tuple[list[_Near[Rect]], list[_Near[Segment]], list[_Near[Segment]]]


def _bounded(pieces: Sequence[Segment]) -> list[_Near[Segment]]:
    bounds = map(segment_bounds, pieces)
    return [
        (b[0] - MARGIN, b[1] - MARGIN, b, piece) for b, piece in zip(bounds, pieces, strict=True)
    ]


def _pick(items: list[_Near[Item]], box: Rect) -> list[tuple[Rect, Item]]:
    """Return the items `nearby.near` finds near `box`, with their bounds, in the order given.

    The same comparisons of the same numbers, the item's side worked out
    once for every sweep of its stretch: this runs thousands of times a search.
    """
    left, bottom, right, top = box[0] - MARGIN, box[1] - MARGIN, box[2], box[3]
    return [
        (b, item)
        for low_x, low_y, b, item in items
        if low_x <= right and left <= b[2] and low_y <= top and bottom <= b[3]
    ]


def _found(
    boxes: list[tuple[Rect, Rect]],
    lines: list[tuple[Rect, Segment]],
    sides: list[tuple[Rect, Segment]],
) -> Found:
    return ([b for _, b in boxes], [s for _, s in lines], [s for _, s in sides])


def _swept(a: Rect, b: Rect) -> Rect:
    """Return `laid.hull` of two boxes, written out (`min(x, y)` is `y if y < x else x`).

    It runs for every sweep of a search.
    """
    return (
        b[0] if b[0] < a[0] else a[0],
        b[1] if b[1] < a[1] else a[1],
        b[2] if b[2] > a[2] else a[2],
        b[3] if b[3] > a[3] else a[3],
    )


def centred(centre: Point, width: float, height: float) -> Rect:
    """Return the box of a label `width` by `height` points round its centre."""
    x, y = centre
    return (x - width / 2, y - height / 2, x + width / 2, y + height / 2)
