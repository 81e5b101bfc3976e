"""Whose line a label reads as: the line nearest it, so it must be its own.

A reader pairs a label with the line it sits beside. A spot clear of every
line and icon may still lie nearer a neighbouring line than its own (two
endpoints' lines side by side, a label slid along its line past another's
bend), and the picture then names the wrong path. A spot is astray when some
other line comes nearer its box than its own line does; touching its own
line it never is.
"""

from __future__ import annotations

import itertools
import math

from archgen.layout.laid import Point, Rect
from archgen.layout.snapped import Near

Segment = tuple[Point, Point]

_TOUCH = 0.5
"""Points within which a label touches its own line: no other line can be nearer in reading."""
_CLEARLY = 2.0
"""Points by which its own line must be nearer a label than any other: dot's text sits up
to a point and a half off the centre of its box, and a near tie reads as either line's."""
_PAD = 3.0
"""Points dot's box of an edge label holds round its text on each side (measured: 3 to 3.6)."""


def astray(box: Rect, own: list[Point], others: Near[Segment]) -> bool:
    """Tell whether another line comes nearer the label's box than the label's own line."""
    box = text_box(box)
    mine = curve_distance(box, own)
    if mine <= _TOUCH:
        return False
    left, bottom, right, top = box
    bound = mine + _CLEARLY
    reach = (left - bound, bottom - bound, right + bound, top + bound)
    return any(
        _bounds_distance(piece, box) < bound and segment_distance(piece, box) < bound
        for piece in others.near(reach)
    )


def text_box(box: Rect) -> Rect:
    """Return the box of a label's text: dot's label box holds `_PAD` points round it."""
    left, bottom, right, top = box
    x, y = (left + right) / 2, (bottom + top) / 2
    half_w, half_h = max(0.0, (right - left) / 2 - _PAD), max(0.0, (top - bottom) / 2 - _PAD)
    return (x - half_w, y - half_h, x + half_w, y + half_h)


def curve_distance(box: Rect, points: list[Point]) -> float:
    """Return the distance from a box to a curve given as points along it."""
    if len(points) == 1:
        return _point_distance(points[0], box)
    nearest = math.inf
    bounded = sorted((_bounds_distance(piece, box), piece) for piece in itertools.pairwise(points))
    for bound, piece in bounded:  # a piece is never nearer than the box round it
        if bound >= nearest:
            break
        nearest = min(nearest, segment_distance(piece, box))
    return nearest


def _bounds_distance(segment: Segment, box: Rect) -> float:
    """Return the distance from a box to the box round a straight piece: a lower bound, cheap."""
    (x1, y1), (x2, y2) = segment
    dx = max(box[0] - max(x1, x2), 0.0, min(x1, x2) - box[2])
    dy = max(box[1] - max(y1, y2), 0.0, min(y1, y2) - box[3])
    return math.hypot(dx, dy)


def segment_distance(segment: Segment, box: Rect) -> float:
    """Return the distance from a straight piece to a box (0 when it enters the box)."""
    a, b = segment
    if meets(segment, box):
        return 0.0
    left, bottom, right, top = box
    corners = ((left, bottom), (right, bottom), (right, top), (left, top))
    return min(
        _point_distance(a, box),
        _point_distance(b, box),
        *(_to_segment(corner, segment) for corner in corners),
    )


def _point_distance(point: Point, box: Rect) -> float:
    x, y = point
    dx = max(box[0] - x, 0.0, x - box[2])
    dy = max(box[1] - y, 0.0, y - box[3])
    return math.hypot(dx, dy)


def _to_segment(point: Point, segment: Segment) -> float:
    (x1, y1), (x2, y2) = segment
    dx, dy = x2 - x1, y2 - y1
    length = dx * dx + dy * dy
    share = (
        0.0
        if length == 0
        else max(0.0, min(1.0, ((point[0] - x1) * dx + (point[1] - y1) * dy) / length))
    )
    return math.dist(point, (x1 + share * dx, y1 + share * dy))


def meets(segment: Segment, box: Rect) -> bool:
    """Tell whether a straight piece enters a box (Liang-Barsky clipping).

    A piece whose ends both lie `APART` beyond one side of the box cannot
    enter it, and most pieces asked about are such: they are answered by four
    comparisons, the others by the clipping, whose rounding is far below `APART`.
    """
    (x1, y1), (x2, y2) = segment
    left, bottom, right, top = beyond(box)
    if (
        (x1 < left and x2 < left)
        or (x1 > right and x2 > right)
        or (y1 < bottom and y2 < bottom)
        or (y1 > top and y2 > top)
    ):
        return False
    return clipped(segment, box)


def beyond(box: Rect) -> Rect:
    """Return the lines `APART` outside a box's sides: a piece wholly past one misses the box."""
    left, bottom, right, top = box
    return (left - APART, bottom - APART, right + APART, top + APART)


APART = 1e-6
"""Points beyond a side past which a piece's ends are certainly outside the box: the clipping
rounds by about 1e-16 of a piece's length, 1e-11 points for the longest line drawn."""


def clipped(segment: Segment, box: Rect) -> bool:
    """Tell whether a straight piece enters a box, by clipping it to the box (Liang-Barsky)."""
    (x1, y1), (x2, y2) = segment
    dx, dy = x2 - x1, y2 - y1
    low, high = 0.0, 1.0
    for p, q in ((-dx, x1 - box[0]), (dx, box[2] - x1), (-dy, y1 - box[1]), (dy, box[3] - y1)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True
