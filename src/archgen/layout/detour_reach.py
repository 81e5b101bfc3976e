"""Which lanes a detour may run along: those both its ends reach in one clear straight piece.

`detour` ranks a few hundred runs along lanes per pair of ports and judges
them one by one, shortest first; on most lines nearly all are turned down.
Away from both end boxes, a run along a lane is drawn as three pieces: out
of the source straight to the lane, along it, straight into the target
(`Judge.route` cuts nothing else off). The piece out of an end keeps its
start and its line as the lane moves away and only grows, so once it is
blocked it stays blocked for every lane beyond (what stands on its line is
fixed, the holder is a box). Each end thus reaches a window of lanes on
either side, found by judging pieces outward up to the first blocked one;
only runs whose lane lies in both ends' windows can be clear. Lanes by an
end's box, where the route is cut back differently, are always left to the
full judgement.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from operator import add

from archgen.layout.detour_ends import inside
from archgen.layout.detour_judge import Judge, Segment
from archgen.layout.laid import Point, Rect
from archgen.layout.landing import icon_box

_LEVEL = 0.5
"""Points within which `Judge.route` takes a piece as level (the exit turns sideways)."""

Range = tuple[int, int]
"""Positions from, to (excluded) in a lane list sorted by value."""

AWAY, BY_SOURCE, BY_TARGET, BY_BOTH = range(4)
"""Where a candidate's lane lies: away from both ends, by one of them, by both (or an elbow)."""


class Reach:
    """The lanes one line's ends reach, by port: each end's reach judged once per line."""

    def __init__(
        self, judge: Judge, boxes: tuple[Rect, Rect], levels: list[float], columns: list[float]
    ) -> None:
        self._judge = judge
        self._boxes = boxes
        self._icons = (icon_box(boxes[0], "", marked=False), icon_box(boxes[1], "", marked=False))
        self._lanes = (_Sorted(levels), _Sorted(columns))
        self._spans: dict[tuple[int, int, Point], Range] = {}
        self._levels, self._columns = levels, columns
        self._away: dict[tuple[int, float], list[float]] = {}

    def lengths(self, source: Point, target: Point) -> list[float]:
        """Return the length of each candidate between the two points, by `detour`'s index.

        The elbows, then the runs along each level and each column: across,
        out to the lane and back (each end's distances kept for the next ports).
        """
        (sx, sy), (tx, ty) = source, target
        across, down = abs(sx - tx), abs(sy - ty)
        lengths = [across + down, across + down]
        ups, downs = self._distances(0, sy, False), self._distances(0, ty, True)
        lengths += map(add, map(across.__add__, ups), downs)  # (across + one) + two
        lefts, rights = self._distances(1, sx, False), self._distances(1, tx, True)
        lengths += map(add, map(down.__add__, lefts), rights)
        return lengths

    def below_elbows(self, source: Point, target: Point) -> int:
        """Return how many runs along a lane `lengths` gives as shorter than the two elbows.

        A run's length is never less than an elbow's but by rounding, and
        only along a lane strictly between the ends: further out, each of its
        distances out and back is at least the elbow's leg it replaces (each
        sum rounds no lower), so only those lanes are measured, as `lengths` does.
        """
        (sx, sy), (tx, ty) = source, target
        across, down = abs(sx - tx), abs(sy - ty)
        elbow, count = across + down, 0
        for axis, (one, two), base in ((0, (sy, ty), across), (1, (sx, tx), down)):
            values = self._lanes[axis].values
            between = values[
                bisect_right(values, min(one, two)) : bisect_left(values, max(one, two))
            ]
            count += sum(
                1 for lane in between if (base + abs(one - lane)) + abs(lane - two) < elbow
            )
        return count

    def _distances(self, axis: int, at: float, to: bool) -> list[float]:
        """Return each lane's distance from `at` (as `abs(at - lane)`, or `abs(lane - at)`)."""
        key = (axis * 2 + to, at)
        found = self._away.get(key)
        if found is None:
            lanes = self._columns if axis else self._levels
            found = [abs(lane - at) for lane in lanes] if to else [abs(at - lane) for lane in lanes]
            self._away[key] = found
        return found

    def open(self, source: Point, target: Point) -> list[tuple[int, int]]:
        """Return the candidates that may be clear, by `detour`'s index (elbows, levels, columns).

        Dropped are only runs along a lane away from an end that this end
        cannot reach, whose route is certain to hold that end's straight
        piece: their route is certain to be turned down. Each is told with
        where its lane lies (`AWAY`: its route is drawn as built, the first
        piece judged by reach).
        """
        found = [(0, BY_BOTH), (1, BY_BOTH)]  # the elbows are judged in full
        offset = 2
        for axis in (0, 1):
            order = self._lanes[axis].order
            found += [(offset + order[p], kind) for p, kind in self._open(axis, source, target)]
            offset += len(order)
        return found

    def _open(self, axis: int, source: Point, target: Point) -> list[tuple[int, int]]:
        """Return the positions of the lanes (levels: `axis` 0) left to the full judgement.

        A lane is left when each end reaches it, or when the run's corner at
        the other end lies in this end's icon (`Judge.route` then cuts the
        route back there, and this end's piece may not be drawn).
        """
        by_source = (self._span(axis, 0, source), self._within(axis, source, 1))
        by_target = (self._span(axis, 1, target), self._within(axis, target, 0))
        found: set[int] = set()
        for one in by_source:
            for two in by_target:
                found.update(range(max(one[0], two[0]), min(one[1], two[1])))
        (s_low, s_high), (t_low, t_high) = (
            self._domain(axis, 0, source),
            self._domain(axis, 1, target),
        )
        return [(p, (s_low <= p < s_high) + 2 * (t_low <= p < t_high)) for p in sorted(found)]

    def run(self, kind: int, corners: list[Point]) -> Segment | None:
        """Return a piece along its lane that a run's route is certain to hold, if one is known.

        Away from both ends it is the run. By one end only, the route leaves
        (or enters) that end's icon by its side at the lane when the run turns
        in it (`Judge.route`), else it holds the run.
        """
        source, first, second, target = corners
        if kind == BY_BOTH or first == second:
            return None
        if kind == BY_SOURCE:
            if first == source:
                return None
            if inside(first, self._icons[0]):
                return (self._judge.turn(0, first, second), second)
        if kind == BY_TARGET:
            if second == target:
                return None
            if inside(second, self._icons[1]):
                return (first, self._judge.turn(1, second, first))
        return (first, second)

    def _span(self, axis: int, end: int, point: Point) -> Range:
        """Return the lanes an end reaches: those by its box, and the windows either side."""
        key = (axis, end, point)
        span = self._spans.get(key)
        if span is None:
            span = self._spans[key] = self._reached(axis, end, point)
        return span

    def _reached(self, axis: int, end: int, point: Point) -> Range:
        """Return the first lane the end reaches below its box and the first it misses above.

        The piece to a lane further out holds the piece to a nearer one, so
        the lanes reached are found by halving, a few pieces judged per side.
        """
        count = len(self._lanes[axis].values)
        low, high = self._domain(axis, end, point)
        edge_low, edge_high = self._edges(axis, end)
        below = _first_false(lambda p: self._clear(axis, end, point, edge_low, low - 1 - p), low)
        above = _first_false(
            lambda p: self._clear(axis, end, point, edge_high, high + p), count - high
        )
        return low - below, high + above

    def _within(self, axis: int, point: Point, end: int) -> Range:
        """Return the lanes on which a run's corner beside `point` lies in `end`'s icon."""
        values = self._lanes[axis].values
        icon = self._icons[end]
        across = point[0] if axis == 0 else point[1]
        if not icon[axis] <= across <= icon[axis + 2]:
            return (0, 0)
        return bisect_left(values, icon[1 - axis]), bisect_right(values, icon[3 - axis])

    def _domain(self, axis: int, end: int, point: Point) -> Range:
        """Return the positions of the lanes by an end (not away from it on either side).

        A level lane is away when beyond the end's box and icon by `_LEVEL` on
        either side (the exit is then upright from the box's top or bottom); a
        column when beyond its icon and its port (the exit is level from the
        icon's side).
        """
        values = self._lanes[axis].values
        box, icon = self._boxes[end], self._icons[end]
        if axis == 0:
            low = bisect_right(values, min(box[1], icon[1]) - _LEVEL)
            return low, max(low, bisect_left(values, max(box[3], icon[3]) + _LEVEL))
        low = bisect_left(values, min(icon[0], point[0]))
        return low, max(low, bisect_right(values, max(icon[2], point[0])))

    def _edges(self, axis: int, end: int) -> tuple[float, float]:
        """Return where a run to a lane below and above leaves the end (`_End.side`)."""
        if axis == 0:
            box = self._boxes[end]
            return box[1], box[3]
        icon = self._icons[end]
        return icon[0], icon[2]

    def _clear(self, axis: int, end: int, point: Point, edge: float, position: int) -> bool:
        """Tell whether the straight piece between the end and a lane away from it is clear."""
        x, y = point
        lane = self._lanes[axis].values[position]
        piece: Segment = ((x, edge), (x, lane)) if axis == 0 else ((edge, y), (lane, y))
        if end == 1:
            piece = (piece[1], piece[0])
        return self._judge.clear(piece)


def _first_false(holds: Callable[[int], bool], count: int) -> int:
    """Return the first place below `count` where `holds` fails (else `count`).

    `holds` must fail from there on: the places are halved.
    """
    return bisect_left(range(count), True, key=lambda place: not holds(place))


class _Sorted:
    """Lanes by value, with each lane's place in the order `detour` ranks them."""

    def __init__(self, lanes: list[float]) -> None:
        self.order = sorted(range(len(lanes)), key=lanes.__getitem__)
        self.values = [lanes[i] for i in self.order]
        self.place = [0] * len(lanes)
        """Each lane's position by value, by its place in `detour`'s order."""
        for position, index in enumerate(self.order):
            self.place[index] = position
