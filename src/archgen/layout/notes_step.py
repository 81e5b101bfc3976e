"""One line's step round a block of notes: where it turns, which lane it takes (`off_notes`).

A run of straight pieces through a subnet's title and notes is replaced by
corners that turn over the block, go down or up a lane just right of it,
and turn under it back to where the run ends; a run from the left of the
zone comes down outside the zone instead, and in under the notes. The runs
round one block nest (`Inner`): each turns further out than those inside it.
"""

from __future__ import annotations

import itertools
from typing import NamedTuple

from archgen.layout.detour_judge import cuts
from archgen.layout.laid import Point, Rect

LANE = 8.0
"""Points between a stepped line and the block it passes, and between two such lines."""
SAME = 0.5
"""Points within which two coordinates are one (graphviz writes two decimals)."""


class Keep(NamedTuple):
    """What a step keeps clear of: icons and other blocks, and the boxes' borders."""

    out: list[Rect]
    """Boxes no piece may run into: the icons but the line's own, the other blocks."""
    sides: list[Rect]
    """Boxes whose borders no piece may run along: it would read as part of the border."""


def near(keep: Keep, start: Point, end: Point, block: Block) -> Keep:
    """Return what a step of the run from `start` to `end` round `block` may come near.

    Its corners stay between the run's ends, the door left of the zone and
    the last lane right of the block: a border or an icon further off is
    not looked at (a design has hundreds; a run passes a few).
    """
    box = block.box
    left = min(start[0], end[0], block.door - _DOORS * LANE) - _OFF
    right = max(start[0], end[0], block.limit) + _OFF
    low = min(start[1], end[1], box[1]) - _OFF
    high = max(start[1], end[1], box[3]) + _OFF

    def meets(other: Rect) -> bool:
        return other[0] <= right and left <= other[2] and other[1] <= high and low <= other[3]

    return Keep([b for b in keep.out if meets(b)], [b for b in keep.sides if meets(b)])


_DOORS = 8
"""Lanes left of a zone a line from the left may come down in."""


class Block(NamedTuple):
    """A subnet's title and notes, and the furthest right a lane beside them may run."""

    box: Rect
    limit: float
    door: float
    """Where a line from the left comes down outside the subnet's zone (`from_left`)."""


def straight(piece: list[Point]) -> bool:
    """Tell whether a cubic piece's four controls lie on one level or upright line."""
    level = all(abs(p[1] - piece[0][1]) < SAME for p in piece)
    return level or all(abs(p[0] - piece[0][0]) < SAME for p in piece)


def cubic(corners: list[Point]) -> list[Point]:
    """Return straight pieces through `corners` as cubic controls, as `route_corners` does."""
    controls = [corners[0]]
    for (x1, y1), (x2, y2) in itertools.pairwise(corners):
        controls += [(x1 + (x2 - x1) / 3, y1 + (y2 - y1) / 3)]
        controls += [(x1 + 2 * (x2 - x1) / 3, y1 + 2 * (y2 - y1) / 3), (x2, y2)]
    return controls


class Inner(NamedTuple):
    """A run stepped round a block before, which the next ones nest round (`_turns`)."""

    over: tuple[float, float, float]
    """Over the block: the x of its upright, how high the run reaches, where it turns."""
    under: tuple[float, float, float]
    """Under the block: the same."""


Taken = tuple[int, list[Inner], int]
"""The last slot taken round a block, the runs in them, and how many runs pass the block."""


def round_right(
    start: Point, end: Point, block: Block, keep: Keep, taken: Taken
) -> tuple[int, list[Point]] | None:
    """Return the slot taken and the corners of a run stepped right of `block`; None if none clears.

    The run turns over the block, goes down or up a lane beside the block's
    right end, and turns under it to where it ends (`_turns`); a run that
    goes on beside the block only turns over it. The slot after the one
    taken sets the lane; a slot whose step meets an icon or another block
    gives way to the next, inside the subnet. Labels are not in the way:
    `free_labels` moves each one a line crosses, after this.
    """
    box = block.box
    (x1, y1), (x2, y2) = start, end
    if not (y1 >= box[3] and y2 <= box[1]) and not (y1 <= box[1] and y2 >= box[3]):
        return None  # it comes in or goes out at a side of the block
    down = y1 > y2
    slot, inner, count = taken
    slot += 1
    if down and not box[0] < x2 < box[2]:  # it goes down beside the block: over it
        over = min(y1, box[3] + slot * LANE)
        corners = simplified([start, (x1, over), (x2, over), end])
        if _clear(corners, keep, box):
            return slot, corners
    (xo, yo), (xu, yu) = (start, end) if down else (end, start)
    while box[2] + slot * LANE <= block.limit:
        lx = box[2] + slot * LANE
        over, turn = _turns(start, end, box, (slot, count), inner)
        for under in [turn, *_under_icons(keep, (lx, xu), turn, yu)]:
            before, after = (over, under) if down else (under, over)
            corners = simplified([start, (x1, before), (lx, before), (lx, after), (x2, after), end])
            if _clear(corners, keep):
                inner.append(Inner((xo, yo, over), (xu, yu, under)))
                return slot, corners
        slot += 1
    return None


def _under_icons(keep: Keep, across: tuple[float, float], turn: float, end: float) -> list[float]:
    """Return other turns under the block: under an icon the turn cuts, off a border it runs on.

    An icon may stand right under the notes, beside the line's own; the run
    then turns under that icon. An Auto Scaling group's or a security group's
    box often starts just under the notes; the run turns clear of its top.
    All are tried nearest first, while there is room above the run's end.
    """
    low, high = min(across), max(across)
    spans = [box for box in [*keep.out, *keep.sides] if box[0] < high and low < box[2]]
    found = [icon[1] - LANE for icon in keep.out if icon[1] < turn < icon[3] + LANE]
    for box in spans:
        found += [
            side + k * (_OFF + 1)
            for side in (box[1], box[3])
            if abs(turn - side) < _OFF
            for k in (-1, 1)
        ]
    below = sorted(
        {level for level in found if end < level < turn + _OFF}, key=lambda y: abs(y - turn)
    )
    return below[:_TRIES]


_TRIES = 3
"""Lower turns tried under icons in the way, nearest first."""


def _turns(
    start: Point, end: Point, box: Rect, slot: tuple[int, int], inner: list[Inner]
) -> tuple[float, float]:
    """Return where a run turns over and under the block, round the runs stepped before it.

    It turns further out than each inner run turns, and, over the block,
    higher than an inner run that comes down right of its own upright
    reaches (else its way to the lane would cross that upright); under the
    block the same, downwards. A run that starts or ends nearer the block
    over it turns there (it joins its band); under it, where the run goes
    on into an icon, the turns close up to keep over the icon (`count`
    runs share the room), so no line meets its arrowhead side on.
    """
    (xo, yo), (xu, yu) = (start, end) if start[1] > end[1] else (end, start)
    place, count = slot
    step = max(1.0, min(LANE, (box[1] - yu) / (count + 1)))
    over = max([box[3] + place * LANE] + [run.over[2] + LANE for run in inner])
    above = max([over] + [run.over[1] + LANE for run in inner if run.over[0] > xo])
    under = min([box[1] - place * step] + [run.under[2] - step for run in inner])
    below = min([under] + [run.under[1] - step for run in inner if run.under[0] > xu])
    # where an inner run's upright cannot be passed, it is crossed: a turn on the end's level
    # would run into the arrowhead along the icon, on one track with the others
    return min(above if above < yo else over, yo), max(below if below > yu else under, yu)


def _clear(corners: list[Point], keep: Keep, block: Rect | None = None) -> bool:
    """Tell whether no piece between the corners runs into a box or along a border."""
    out = keep.out if block is None else [*keep.out, block]
    pieces = list(itertools.pairwise(corners))
    if any(cuts(piece, other) for piece in pieces for other in out):
        return False
    return not any(_along(piece, side) for piece in pieces for side in keep.sides)


def _along(piece: tuple[Point, Point], box: Rect) -> bool:
    """Tell whether a level or upright piece runs beside a side of a box, nearer than `_OFF`."""
    (x1, y1), (x2, y2) = piece
    axis = 1 if abs(y1 - y2) < SAME else 0  # the coordinate the piece keeps
    at, low, high = (y1, min(x1, x2), max(x1, x2)) if axis else (x1, min(y1, y2), max(y1, y2))
    near = any(abs(at - box[axis + k]) < _OFF for k in (0, 2))
    first, last = (box[1], box[3]) if axis == 0 else (box[0], box[2])  # the side's extent
    return near and min(high, last) - max(low, first) > _OFF


_OFF = 6.0
"""Points a stepped piece keeps from a border it runs beside (a picture test allows 4)."""


def from_left(controls: list[Point], first: int, block: Block) -> bool:
    """Tell whether a run through a block from above starts along a level piece from the left.

    Such a line (a function's network interface line, from beside the VPC)
    comes down outside the zone and in under the notes, instead of across the
    lines going round the block's right end.
    """
    (xa, ya), (xb, yb) = controls[first], controls[first + 3]
    level = abs(ya - yb) < SAME and xa < xb
    return level and xa < block.door - 2 * LANE and ya >= block.box[3]


def left_door(
    start: Point, end: Point, block: Block, keep: Keep, slot: int
) -> tuple[int, list[Point]] | None:
    """Return the slot taken and corners from a level piece down left of the zone, then in.

    `start` is where the level piece begins, `end` where the run ends under
    the block; None when the way meets an icon or another block.
    """
    box = block.box
    (xa, ya), (x2, y2) = start, end
    slot += 1
    door = block.door - slot * LANE
    after = max(y2, box[1] - slot * LANE)
    if y2 > box[1] or xa >= door:
        return None
    corners = simplified([start, (door, ya), (door, after), (x2, after), end])
    return (slot, corners) if _clear(corners, keep, box) else None


def simplified(corners: list[Point]) -> list[Point]:
    """Return the corners without repeats (a turn where the run already starts or ends)."""
    kept: list[Point] = []
    for corner in corners:
        if not kept or abs(kept[-1][0] - corner[0]) >= SAME or abs(kept[-1][1] - corner[1]) >= SAME:
            kept.append(corner)
    return kept
