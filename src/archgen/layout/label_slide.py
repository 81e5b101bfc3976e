"""Spots for a label slid along its line until it just clears what it met.

graphviz gives a long straight run as one cubic piece, its points tens of
points apart, and a free window beside the run between two of them is never
tried by spots beside the points alone. Along each stretch between two points
a label slides, on each side and at each distance from the line; everything
near its sweep bounds a window. The search asks about the same stretch at
three distances, so what lies near all of a stretch's sweeps is asked of the
grids once (`Slides`) and each sweep takes its own part of it, exactly the
items the grids would have given for that sweep alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from archgen.layout.label_cost import Drawn
from archgen.layout.laid import Point, Rect, hull
from archgen.layout.nearby import MARGIN, segment_bounds

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

    def __init__(self, drawn: Drawn, size: Point, gaps: tuple[float, ...]) -> None:
        self._drawn = drawn
        self._size = size
        self._gaps = gaps
        self._near: dict[tuple[Point, Point], list[_Item]] = {}
        """The bounds of everything near any sweep of a stretch, by the stretch's ends."""

    def spots(self, start: Point, end: Point, gap: float) -> Iterator[Point]:
        """Yield the spots between two points where a label `gap` beside the curve clears something.

        On each side the label slides from its spot at `start` to its spot at
        `end`; every icon, text, line or border near that sweep bounds a free
        window (if any) along it, so the spots `CLEAR` points past each one's
        near and far edge are the windows' ends.
        """
        width, height = self._size
        around = self._around(start, end)
        for first, last in zip(
            beside(start, width, height, gap), beside(end, width, height, gap), strict=True
        ):
            axis = 1 if abs(last[1] - first[1]) >= abs(last[0] - first[0]) else 0
            run = last[axis] - first[axis]
            if abs(run) < CLEAR:
                continue
            half = (height if axis else width) / 2 + CLEAR
            swept = hull([_centred(first, width, height), _centred(last, width, height)])
            edges = sorted(
                {v for b in _near(around, swept) for v in (b[axis] - half, b[axis + 2] + half)}
            )
            for target in edges:
                share = (target - first[axis]) / run
                if 0 < share < 1:
                    yield (
                        first[0] + share * (last[0] - first[0]),
                        first[1] + share * (last[1] - first[1]),
                    )

    def _around(self, start: Point, end: Point) -> list[_Item]:
        """Return the bounds of every box, line piece and side near any sweep of a stretch.

        The hull of the label's spots at both ends, on every side and at every
        distance, holds each sweep, so what the grids give for it holds what
        they give for any sweep; `near` then picks a sweep's own items.
        """
        found = self._near.get((start, end))
        if found is None:
            width, height = self._size
            spots = [
                c for p in (start, end) for g in self._gaps for c in beside(p, width, height, g)
            ]
            reach = hull([_centred(c, width, height) for c in spots])
            drawn = self._drawn
            bounds = [
                *drawn.boxes.near(reach),
                *map(segment_bounds, [*drawn.lines.near(reach), *drawn.sides.near(reach)]),
            ]
            found = [(b[0] - MARGIN, b[1] - MARGIN, b) for b in bounds]
            self._near[(start, end)] = found
        return found


_Item = tuple[float, float, Rect]
"""An item's bounds, after its left and bottom less `MARGIN`: `nearby.near`'s share of it."""


def _near(items: list[_Item], box: Rect) -> list[Rect]:
    """Return the bounds of the items `nearby.near` finds near `box`, in the order given.

    The same comparisons of the same numbers, the item's side worked out
    once for every sweep of its stretch: this runs thousands of times a search.
    """
    left, bottom, right, top = box[0] - MARGIN, box[1] - MARGIN, box[2], box[3]
    return [
        b
        for low_x, low_y, b in items
        if low_x <= right and left <= b[2] and low_y <= top and bottom <= b[3]
    ]


def _centred(centre: Point, width: float, height: float) -> Rect:
    x, y = centre
    return (x - width / 2, y - height / 2, x + width / 2, y + height / 2)
