"""What stands on a level or upright line of a picture: gathered once, for every line's detour.

Every rerouted line tries runs along the same lanes (just beside the boxes'
and icons' edges), inside the same few holders. The boxes, icons and
borders on such a lane are found from the grids once per picture; each
line then only drops the ones it may cross (the boxes holding its ends,
its own icons).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Generic, NamedTuple, TypeVar

from archgen.layout.laid import Rect
from archgen.layout.nearby import MARGIN, Grid

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
        self._banded: dict[int, _Across] = {}

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
        """Return what the grids' `near` of the lane's strip gives, kept to what stands on it.

        The items are taken from the band of the lane (`_Band`), then put to
        the grids' own test of the strip, written out (the same sums and
        comparisons), and to the lane's: the same items, in the order added.
        """
        along = 1 - axis
        fenced_at, icons_at, sides_at = self._across(axis)
        strip = (low, at, high, at) if axis == 1 else (at, low, at, high)
        left, bottom, right, top = strip[0] - MARGIN, strip[1] - MARGIN, strip[2], strip[3]
        fenced = [
            (g, (b[along], b[along + 2]))
            for (g, b), n in fenced_at.at(at)
            if n[0] - MARGIN <= right
            and left <= n[2]
            and n[1] - MARGIN <= top
            and bottom <= n[3]
            and b[axis] < at < b[axis + 2]
        ]
        icons = [
            (name, (b[along], b[along + 2]))
            for (name, b), n in icons_at.at(at)
            if n[0] - MARGIN <= right
            and left <= n[2]
            and n[1] - MARGIN <= top
            and bottom <= n[3]
            and b[axis] < at < b[axis + 2]
        ]
        off, wide = self._off_border, grown(strip, 2 * self._off_border)
        left, bottom, right, top = wide[0] - MARGIN, wide[1] - MARGIN, wide[2], wide[3]
        sides = [
            (b[along], b[along + 2])
            for b, n in sides_at.at(at)
            if n[0] - MARGIN <= right
            and left <= n[2]
            and n[1] - MARGIN <= top
            and bottom <= n[3]
            and (abs(at - b[axis]) < off or abs(at - b[axis + 2]) < off)
        ]
        return OnLane(fenced, icons, sides)

    def _across(self, axis: int) -> _Across:
        """Return the fenced boxes, icons (labels aside) and borders by band, made once per axis.

        Each with its bounds in the grid; banded by the box a lane is tested against.
        """
        found = self._banded.get(axis)
        if found is None:
            icons = [(e, e[0][1]) for e in self._icons.every() if not e[0][0].startswith(LABEL)]
            found = self._banded[axis] = (
                _Band([(e, e[0][1]) for e in self._fenced.every()], axis, 0.0, inside=True),
                _Band(icons, axis, 0.0, inside=True),
                _Band([(e, e[0]) for e in self._borders.every()], axis, self._off_border + 1.0),
            )
        return found


Item = TypeVar("Item")


class _Band(Generic[Item]):
    """Items by the bands of `_BAND` points across an axis where a lane may meet them.

    Each item comes with the box it is banded by. A lane strictly inside
    that box across the axis lies in a band the box covers (`inside`); one
    within `reach` of either side of it, in a band either side's reach
    covers. Each band holds its items in the order given, each once; a lane
    asks only its own band.
    """

    def __init__(
        self, entries: list[tuple[Item, Rect]], axis: int, reach: float, *, inside: bool = False
    ) -> None:
        self._every = [item for item, _ in entries]
        self._bands: dict[int, list[Item]] | None = {}
        filed = 0
        for entry, box in entries:
            low, high = box[axis], box[axis + 2]
            spans = [(low, high)] if inside else [(low, low), (high, high)]
            bands = {
                band
                for one, two in spans
                for band in range(_band(one - reach), _band(two + reach) + 1)
            }
            filed += len(bands)
            if filed > _MOST:  # a picture of absurd size: every item is asked
                self._bands = None
                return
            for band in sorted(bands):
                self._bands.setdefault(band, []).append(entry)

    def at(self, at: float) -> list[Item]:
        """Return at least the items a lane at `at` may meet, in the order added."""
        if self._bands is None:
            return self._every
        return self._bands.get(_band(at), [])


_BAND = 32.0
"""Points across a band: about half an icon; a lane's band holds a dozen items or so."""
_MOST = 200_000
"""Band entries beyond which items are asked one by one (boxes far wider than any picture)."""
_Named = tuple[tuple[str, Rect], Rect]
"""A grid's item, a name and a box, with its bounds in the grid."""
_Across = tuple[_Band[_Named], _Band[_Named], _Band[tuple[Rect, Rect]]]


def _band(at: float) -> int:
    """Return the band holding `at`: the floor of `at` over `_BAND` (never lower for a higher)."""
    return math.floor(at / _BAND)


def grown(box: Rect, by: float) -> Rect:
    """Return the box grown by `by` points on every side."""
    return (box[0] - by, box[1] - by, box[2] + by, box[3] + by)
