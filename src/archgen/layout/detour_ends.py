"""Where a detour's route leaves and enters its ends: cut back to the icon or the node's box.

A candidate route starts and ends at an icon's centre (or a port beside it);
drawn, it starts where it leaves the node, so no line is drawn over its own
icon or name.
"""

from __future__ import annotations

from archgen.layout.laid import Point, Rect
from archgen.layout.landing import icon_box


class End:
    """An end's node box and icon cell, for where a run leaves it."""

    def __init__(self, box: Rect) -> None:
        self.box = box
        self.icon = icon_box(box, "", marked=False)

    def cut(self, corners: list[Point], *, last: bool = False) -> None:
        """Cut the corners back to where the line leaves this end's node at `corners[0]`.

        At `corners[-1]` instead, when `last`. A first run that turns inside the
        icon (a lane beside the icon's centre) leaves by the icon's side at the
        turn: cut back to the box's edge, it would start under the name and climb
        through it (a stub through the text), or end in an arrowhead inside the icon.
        """
        end, turn, after = (-1, -2, -3) if last else (0, 1, 2)
        if len(corners) > 2 and inside(corners[turn], self.icon):
            side = self.side(corners[turn], corners[after])
            if last:
                corners[-2:] = [side]
            else:
                corners[:2] = [side]
        else:
            corners[end] = self.side(corners[end], corners[turn])

    def side(self, centre: Point, towards: Point) -> Point:
        """Return where a run from the icon's centre towards `towards` leaves the node.

        Sideways it leaves the icon's side; up, the box's top; down, under the name.
        """
        x, y = centre
        if abs(towards[1] - y) < 0.5:
            return (self.icon[0] if towards[0] < x else self.icon[2], y)
        return (x, self.box[3] if towards[1] > y else self.box[1])


def inside(point: Point, box: Rect) -> bool:
    """Tell whether a point lies in a box (on its edge counts)."""
    left, bottom, right, top = box
    x, y = point
    return left <= x <= right and bottom <= y <= top
