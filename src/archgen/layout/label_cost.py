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
from dataclasses import dataclass

from archgen.layout.label_owner import astray, meets
from archgen.layout.laid import Point, Rect
from archgen.layout.nearby import Grid, Nearby

ICON = 10
"""What an icon or a text under a label weighs: a hidden name is the worst."""
LINE = 3
"""What another line through a label weighs: it still reads, struck through."""
ASTRAY = 2
"""What a label nearer another line than its own weighs: less than a line under it, far less
than a hidden name (a reader still finds an ambiguous label's line, never a covered name),
but enough to choose, among spots otherwise alike, the one beside its own line."""
SIDE = 1
"""What a box's side through a label weighs: it reads as in both boxes."""


@dataclass(frozen=True)
class Drawn:
    """What a label must keep off, each in a grid built once for a whole search."""

    lines: Nearby
    """The other lines' straight pieces."""
    boxes: Grid[Rect]
    """Icons, other labels and the boxes' own texts."""
    sides: Nearby
    """The sides of the boxes drawn."""


def weigh(box: Rect, drawn: Drawn, own: list[Point] | None, limit: float = math.inf) -> int:
    """Return what a label's box meets, or, once the count reaches `limit`, what it reached.

    Given its own line's points, a box another line comes nearer than its own
    weighs `ASTRAY` more. That question is asked last: only a spot still under
    the limit needs it.
    """
    left, bottom, right, top = box
    cost = 0
    for b in drawn.boxes.near(box):
        if b[0] < right and left < b[2] and b[1] < top and bottom < b[3]:
            cost += ICON
            if cost >= limit:
                return cost
    for weight, pieces in ((LINE, drawn.lines), (SIDE, drawn.sides)):
        for piece in pieces.near(box):
            if meets(piece, box):
                cost += weight
                if cost >= limit:
                    return cost
    if own is not None and astray(box, own, drawn.lines):
        cost += ASTRAY
    return cost
