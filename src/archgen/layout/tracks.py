"""The straight runs of every drawn line: which track is taken, and what a new route crosses.

Two lines on one track read as one (a rope), so a route the tidy pass draws
again takes a track of its own; among clear routes, the one crossing fewest
lines wins. A line drawn again no longer holds its old runs.
"""

from __future__ import annotations

import itertools
import math

from archgen.layout.label_spots import curve_points
from archgen.layout.laid import Laid, Point, Rect
from archgen.layout.nearby import Grid, near, segment_bounds

Segment = tuple[Point, Point]

TRACK = 5.0
"""Points within which two parallel runs share a track."""


class Tracks:
    """The straight runs of every drawn line, so no new run shares another's track.

    Two lines on one track read as one (a rope); a rerouted line's old runs
    no longer count.
    """

    def __init__(self, laid: Laid) -> None:
        self.grid: Grid[tuple[str, int, Segment]] = Grid()
        self.current: dict[str, int] = {}
        self._tracks: dict[tuple[int, int], list[tuple[str, int, Segment]]] = {}
        """The runs short enough across an axis to lie on one track, by axis and band."""
        self._taken: dict[str, list[Point]] = {}
        self._changed: list[str] = []
        """The lines whose runs changed, in turn (`changed_since`)."""
        for key, route in laid.routes.items():
            self.take(key, curve_points(route))

    @property
    def stamp(self) -> int:
        """Return how many times a line's runs have changed so far."""
        return len(self._changed)

    def changed_since(self, stamp: int, line: str) -> bool:
        """Tell whether a line other than `line` has changed its runs since `stamp`."""
        return any(other != line for other in self._changed[stamp:])

    def take(self, edge_id: str, points: list[Point]) -> None:
        """Record a line's runs, replacing the ones it had (the same runs change nothing)."""
        if self._taken.get(edge_id) == points:
            return
        self._taken[edge_id] = list(points)
        self._changed.append(edge_id)
        version = self.current.get(edge_id, -1) + 1
        self.current[edge_id] = version
        for piece in itertools.pairwise(points):
            self.grid.add((edge_id, version, piece), segment_bounds(piece))
            for axis in (0, 1):  # both ends within a track of one line: less than two apart
                if abs(piece[0][axis] - piece[1][axis]) < 2 * TRACK:
                    band = (axis, math.floor(piece[0][axis] / TRACK))
                    self._tracks.setdefault(band, []).append((edge_id, version, piece))

    def shares(self, edge_id: str, piece: Segment) -> bool:
        """Tell whether a level or upright piece runs on another line's track."""
        (x1, y1), (x2, y2) = piece
        level = abs(y1 - y2) < 0.5
        near = segment_bounds(piece)
        near = (near[0] - TRACK, near[1] - TRACK, near[2] + TRACK, near[3] + TRACK)
        for key, version, other in self.grid.near(near):
            if key == edge_id or self.current[key] != version:
                continue
            (a1, b1), (a2, b2) = other
            if level and _beside((b1, b2), y1) and _shared((a1, a2), (x1, x2)):
                return True
            if not level and _beside((a1, a2), x1) and _shared((b1, b2), (y1, y2)):
                return True
        return False

    def on_track(self, edge_id: str, axis: int, at: float, box: Rect) -> list[tuple[float, float]]:
        """Return the stretches of other lines' runs near `box` on the track of a line.

        The line is level at y = `at` (`axis` 1) or upright at x = `at` (`axis` 0);
        each run is given by its two ends along that line, low end first.
        A run on its track starts within a track of `at`: only three bands are looked at.
        """
        found, current, along = [], self.current, 1 - axis
        for band in range(math.floor((at - TRACK) / TRACK), math.floor((at + TRACK) / TRACK) + 1):
            for key, version, other in self._tracks.get((axis, band), ()):
                one, two = other
                if (
                    key != edge_id
                    and current[key] == version
                    and abs(one[axis] - at) < TRACK  # `_beside`, written out: asked per lane
                    and abs(two[axis] - at) < TRACK
                    and near(segment_bounds(other), box)
                ):
                    a, b = one[along], two[along]
                    found.append((b if b < a else a, b if b > a else a))  # `min`, `max`
        return found

    def straddling(
        self, edge_id: str, axis: int, at: float, box: Rect
    ) -> list[tuple[Rect, Segment]]:
        """Return other lines' pieces near `box` with one end on each side of a line, by bounds.

        The line is level at y = `at` (`axis` 1) or upright at x = `at` (`axis` 0).
        Only these can cross a level or upright piece on it (`crossings`).
        """
        found = []
        for key, version, other in self.grid.near(box):
            (a1, b1), (a2, b2) = other
            one, two = (b1, b2) if axis == 1 else (a1, a2)
            if (
                key != edge_id
                and self.current[key] == version
                and min(one, two) < at < max(one, two)
            ):
                found.append((segment_bounds(other), other))
        return found

    def crossings(self, edge_id: str, corners: list[Point]) -> int:
        """Return how many pieces of other lines a route crosses."""
        count = 0
        for piece in itertools.pairwise(corners):
            for key, version, other in self.grid.near(segment_bounds(piece)):
                if key != edge_id and self.current[key] == version and crosses(piece, other):
                    count += 1
        return count


def crosses(one: Segment, two: Segment) -> bool:
    """Tell whether two straight pieces cross (touching ends aside).

    Each end of one lies on the other side of the other's line from its
    other end: the sign of the cross product `side(p, q, r)`, that is
    (q - p) x (r - p), written out (asked for every pair of pieces a route's
    crossings are counted from), the same products in the same order.
    """
    ((ax, ay), (bx, by)), ((cx, cy), (dx, dy)) = one, two
    ex, ey = bx - ax, by - ay
    if not (ex * (cy - ay) - ey * (cx - ax)) * (ex * (dy - ay) - ey * (dx - ax)) < 0:
        return False
    fx, fy = dx - cx, dy - cy
    return (fx * (ay - cy) - fy * (ax - cx)) * (fx * (by - cy) - fy * (bx - cx)) < 0


def _beside(ends: tuple[float, float], value: float) -> bool:
    """Tell whether both ends of a run lie within a track of `value`."""
    return abs(ends[0] - value) < TRACK and abs(ends[1] - value) < TRACK


def _shared(one: tuple[float, float], two: tuple[float, float]) -> bool:
    """Tell whether two runs on one track overlap by more than a track's width."""
    return min(max(one), max(two)) - max(min(one), min(two)) > TRACK
