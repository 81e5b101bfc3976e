"""What a spot for a label costs, counted only as far as it can still win.

A label's search (`label_spots.spot_near`) tries hundreds of spots along a
long line and keeps the first free one, else the first of the cheapest. A
spot that already costs as much as the best so far can never be kept, so its
count stops there: the rest of its terms, and the costly question of whose
line it reads as (`label_owner.astray`), are never asked. The spot kept, and
the tie-breaking, are those of the full count.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from archgen.layout.label_gap import BESIDE, reach, read_into
from archgen.layout.label_owner import astray, beyond, clipped
from archgen.layout.laid import Point, Rect
from archgen.layout.nearby import Segment
from archgen.layout.snapped import Key, Near, lattice, lattice_box

ICON = 10
"""What an icon or a text under a label weighs: a hidden name is the worst."""
LINE = 3
"""What another line through a label weighs: it still reads, struck through."""
ASTRAY = 2
"""What a label nearer another line than its own weighs: less than a line under it, far less
than a hidden name (a reader still finds an ambiguous label's line, never a covered name),
but enough to choose, among spots otherwise alike, the one beside its own line."""
SIDE = 2
"""What a box's side through a label weighs: two nested boxes' sides (a zone's and its
subnet's, side by side) outweigh a line, which a reader follows on past the label; a label
on borders reads as in two boxes at once, the borders as struck out."""


Found = tuple[Sequence[Rect], Sequence[Segment], Sequence[Segment]]
"""Boxes, other lines' pieces and sides near a box."""


@dataclass(frozen=True)
class Drawn:
    """What a label must keep off, each in a grid built once for a whole search."""

    lines: Near[Segment]
    """The other lines' straight pieces."""
    boxes: Near[Rect]
    """Icons, other labels and the boxes' own texts."""
    sides: Near[Segment]
    """The sides of the boxes drawn."""
    answers: dict[Key, Found] = field(default_factory=dict, compare=False)
    """What lies near each lattice box asked about (`snapped`)."""

    def near(self, box: Rect) -> Found:
        """Return at least what lies near a box: all that lies near the lattice box round it."""
        key = lattice(box)
        found = self.answers.get(key)
        if found is None:
            wide = lattice_box(key)
            found = (self.boxes.near(wide), self.lines.near(wide), self.sides.near(wide))
            self.answers[key] = found
        return found


def weigh(
    box: Rect,
    drawn: Drawn,
    own: list[Point] | None,
    limit: float = math.inf,
    near: Found | None = None,
) -> int:
    """Return what a label's box meets, or, once the count reaches `limit`, what it reached.

    A text beside it on its baseline weighs `label_gap.BESIDE`: the two read
    as one phrase. Given its own line's points, a box another line comes nearer than its own
    weighs `ASTRAY` more. That question is asked last: only a spot still under
    the limit needs it. `near`, if given, holds at least all that lies near the box.
    """
    left, bottom, right, top = box
    boxes, lines, sides = near or drawn.near(box)
    cost = 0
    for b in boxes:
        if b[0] < right and left < b[2] and b[1] < top and bottom < b[3]:
            cost += ICON
            if cost >= limit:
                return cost
    cost = _crossings(box, lines, LINE, (cost, limit))
    cost = _crossings(box, sides, SIDE, (cost, limit))
    if cost < limit:
        cost += BESIDE * read_into(box, drawn.near(reach(box))[0])
    if cost < limit and own is not None and astray(box, own, drawn.lines):
        cost += ASTRAY
    return cost


def _crossings(box: Rect, pieces: Sequence[Segment], weight: int, count: tuple[int, float]) -> int:
    """Return the count so far plus `weight` for each piece through the box, up to the limit.

    `label_owner.meets`, its quick rejection written out: most pieces a grid
    hands over pass wide of the box, and this runs for every spot tried.
    """
    cost, limit = count
    if cost >= limit:
        return cost
    left, bottom, right, top = beyond(box)
    for piece in pieces:
        (x1, y1), (x2, y2) = piece
        if (
            (x1 < left and x2 < left)
            or (x1 > right and x2 > right)
            or (y1 < bottom and y2 < bottom)
            or (y1 > top and y2 > top)
        ):
            continue
        if clipped(piece, box):
            cost += weight
            if cost >= limit:
                return cost
    return cost
