"""Which drawn pieces come near a box, without testing every piece against it.

The tidy pass asks, for every spot it tries for a label, which lines run
through it and which icons lie under it. Over every pair that is millions of
exact tests on a design of a few hundred resources, nearly all of them far
apart. A grid of square cells remembers which pieces' bounds touch each cell,
so a question looks at the few pieces in the cells the box covers; the exact
test then decides. A piece whose bounds stay more than `MARGIN` points from
the box cannot meet it, so the grid never drops a piece the exact test would
find (rounding of the exact tests is far smaller than the margin).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from itertools import product
from typing import Generic, TypeVar

from archgen.layout.laid import Point, Rect

MARGIN = 1.0
"""Points a piece's bounds may stay from a box and still be handed to the exact test."""
_CELL = 64.0
"""Points a side of a grid cell: about a label's width, a few pieces of a curve."""

_WIDE = 256
"""Cells an item may cover and still be filed in each: a wider one is looked at every time."""

Item = TypeVar("Item")
Segment = tuple[Point, Point]
Cell = tuple[int, int]


def segment_bounds(segment: Segment) -> Rect:
    """Return the smallest box holding a straight piece."""
    (x1, y1), (x2, y2) = segment
    # min() and max() written out (asked for every piece judged): the same values they give
    return (
        x2 if x2 < x1 else x1,
        y2 if y2 < y1 else y1,
        x2 if x2 > x1 else x1,
        y2 if y2 > y1 else y1,
    )


def near(a: Rect, b: Rect) -> bool:
    """Tell whether two boxes come within `MARGIN` points of each other (touching counts)."""
    return (
        a[0] - MARGIN <= b[2]
        and b[0] - MARGIN <= a[2]
        and a[1] - MARGIN <= b[3]
        and b[1] - MARGIN <= a[3]
    )


class Grid(Generic[Item]):
    """Items by their bounds, in a grid of square cells; asked which come near a box."""

    def __init__(self) -> None:
        self._items: list[Item] = []
        self._bounds: list[Rect] = []
        self._cells: dict[Cell, list[int]] = {}
        self._wide: list[int] = []
        """Items over more than `_WIDE` cells: looked at on every question."""

    def add(self, item: Item, bounds: Rect) -> None:
        """Remember an item within its bounds (grown by the margin, so no neighbour is missed)."""
        index = len(self._items)
        self._items.append(item)
        self._bounds.append(bounds)
        # The cells the bounds grown by the margin touch, from the first to the last on
        # each axis (written out: a grid is filled with every piece of every line).
        left, bottom = _floor((bounds[0] - MARGIN) / _CELL), _floor((bounds[1] - MARGIN) / _CELL)
        right, top = _floor((bounds[2] + MARGIN) / _CELL), _floor((bounds[3] + MARGIN) / _CELL)
        if (right - left + 1) * (top - bottom + 1) > _WIDE:
            self._wide.append(index)
            return
        cells = self._cells
        for x in range(left, right + 1):
            for y in range(bottom, top + 1):
                filed = cells.get((x, y))
                if filed is None:
                    cells[x, y] = [index]
                else:
                    filed.append(index)

    def every(self) -> list[tuple[Item, Rect]]:
        """Return every item with its bounds, in the order added."""
        return list(zip(self._items, self._bounds, strict=True))

    def near(self, box: Rect) -> list[Item]:
        """Return every item whose bounds come within the margin of `box`, in the order added.

        A box covering more cells than there are items is answered by looking at every item.
        """
        left, bottom, right, top = box
        first_x, first_y = _floor((left - MARGIN) / _CELL), _floor((bottom - MARGIN) / _CELL)
        last_x, last_y = _floor((right + MARGIN) / _CELL), _floor((top + MARGIN) / _CELL)
        covered = (last_x - first_x + 1) * (last_y - first_y + 1)
        found: Iterable[int]
        if covered > len(self._items):
            found = range(len(self._items))
        elif covered == 1 and not self._wide:
            found = self._cells.get((first_x, first_y), ())  # filed in the order added
        else:  # the cells' lists gathered without a Python loop: a lane's strip covers dozens
            covering = product(range(first_x, last_x + 1), range(first_y, last_y + 1))
            seen = set(self._wide)
            seen.update(*filter(None, map(self._cells.get, covering)))
            found = sorted(seen)
        # `near(bounds[i], box)` written out: called for every item looked at, the
        # call costs more than the test (the same sums and comparisons, in that order).
        bounds, items = self._bounds, self._items
        left, bottom = left - MARGIN, bottom - MARGIN
        return [
            items[i]
            for i in found
            if (b := bounds[i])[0] - MARGIN <= right
            and left <= b[2]
            and b[1] - MARGIN <= top
            and bottom <= b[3]
        ]


class Apart:
    """The pieces of every line but one, from a grid of pieces by line: another line's view."""

    def __init__(self, pieces: Grid[tuple[str, Segment]], line: str) -> None:
        self._pieces = pieces
        self._line = line

    def near(self, box: Rect) -> list[Segment]:
        """Return the other lines' pieces whose bounds come within the margin of `box`."""
        return [piece for line, piece in self._pieces.near(box) if line != self._line]


Nearby = Grid[Segment] | Apart
"""Straight pieces a question can be put to."""


def segment_grid(segments: Iterable[Segment]) -> Grid[Segment]:
    """Return a grid of straight pieces, each by its own bounds."""
    grid: Grid[Segment] = Grid()
    for segment in segments:
        grid.add(segment, segment_bounds(segment))
    return grid


def box_grid(boxes: Iterable[Rect]) -> Grid[Rect]:
    """Return a grid of boxes, each by itself."""
    grid: Grid[Rect] = Grid()
    for box in boxes:
        grid.add(box, box)
    return grid


_floor = math.floor
"""A cell's number along an axis is the floor of a point's coordinate over `_CELL`."""


def as_segment_grid(segments: Iterable[Segment] | Nearby) -> Nearby:
    """Return the pieces as a grid: a grid as it is, built once by a caller that asks often."""
    return segments if isinstance(segments, Grid | Apart) else segment_grid(segments)


def as_box_grid(boxes: Iterable[Rect] | Grid[Rect]) -> Grid[Rect]:
    """Return the boxes as a grid: a grid as it is, built once by a caller that asks often."""
    return boxes if isinstance(boxes, Grid) else box_grid(boxes)
