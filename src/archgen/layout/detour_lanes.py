"""What stands on a level or upright line of a picture: gathered once, for every line's detour.

Every rerouted line tries runs along the same lanes (just beside the boxes'
and icons' edges), inside the same few holders. The boxes, icons and
borders on such a lane are found from the grids once per picture; each
line then only drops the ones it may cross (the boxes holding its ends,
its own icons).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from archgen.layout.laid import Rect
from archgen.layout.nearby import Grid

Span = tuple[float, float]
"""A stretch along a lane: from, to."""

LABEL = "label:"
"""How a line's label is named among the icons a route is checked against."""


class OnLane(NamedTuple):
    """The boxes, icons and borders on one lane, each by its stretch along the lane."""

    fenced: list[tuple[str, Span]]
    """Fenced boxes the lane runs through (strictly inside them across it), by group id."""
    icons: list[tuple[str, Span]]
    """Icons the lane runs through, by node name (labels block no route)."""
    sides: list[Span]
    """Borders the lane runs beside, closer than `off_border`."""


class Standing:
    """The picture's grids, asked lane by lane; each lane's answer kept for the next line."""

    def __init__(
        self,
        fenced: Grid[tuple[str, Rect]],
        icons: Grid[tuple[str, Rect]],
        borders: Grid[Rect],
        off_border: float,
    ) -> None:
        self._fenced = fenced
        self._icons = icons
        self._borders = borders
        self._off_border = off_border
        self._found: dict[tuple[int, float, float, float], OnLane] = {}
        self._lanes: dict[int, list[float]] = {}

    def lanes(self, axis: int, every: Callable[[], list[float]]) -> list[float]:
        """Return the picture's lanes across `axis` (0: columns, 1: levels), made once by `every`.

        Every line's detour runs along the same lanes beside the same boxes'
        edges (the boxes do not move while lines are routed again).
        """
        found = self._lanes.get(axis)
        if found is None:
            found = self._lanes[axis] = every()
        return found

    def on(self, axis: int, at: float, low: float, high: float) -> OnLane:
        """Return what stands on the lane level at y (`axis` 1) or upright at x (`axis` 0).

        Only the stretch from `low` to `high` along the lane is asked for;
        the answer may hold more (a stretch is compared with each piece anyway).
        """
        key = (axis, at, low, high)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = self._gather(axis, at, low, high)
        return found

    def _gather(self, axis: int, at: float, low: float, high: float) -> OnLane:
        along = 1 - axis
        strip = (low, at, high, at) if axis == 1 else (at, low, at, high)

        def across(box: Rect) -> bool:
            return box[axis] < at < box[axis + 2]

        fenced = [(g, (b[along], b[along + 2])) for g, b in self._fenced.near(strip) if across(b)]
        icons = [
            (name, (b[along], b[along + 2]))
            for name, b in self._icons.near(strip)
            if across(b) and not name.startswith(LABEL)
        ]
        off, wide = self._off_border, grown(strip, 2 * self._off_border)
        sides = [
            (b[along], b[along + 2])
            for b in self._borders.near(wide)
            if abs(at - b[axis]) < off or abs(at - b[axis + 2]) < off
        ]
        return OnLane(fenced, icons, sides)


def grown(box: Rect, by: float) -> Rect:
    """Return the box grown by `by` points on every side."""
    return (box[0] - by, box[1] - by, box[2] + by, box[3] + by)
