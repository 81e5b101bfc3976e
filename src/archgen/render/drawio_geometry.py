"""Where draw.io puts things, worked out as draw.io does: icon cells, borders, label anchors.

The draw.io file is drawn from graphviz's geometry; these are the few
measures draw.io applies itself (an edge meets its terminal on the
rectangle's perimeter, a label sits halfway along the route), so the editable
file shows the labels where the PNG has them.
"""

from __future__ import annotations

import itertools
import math

from archgen.layout import style
from archgen.layout.geometry import Box, Point

ICON = float(style.ICON_SIZE)
MARGIN = 30.0
"""Space around the picture, as graphviz's pad gives the PNG: labels at the edge stay whole."""


def icon_box(box: Box) -> Box:
    """Return the icon of a node laid out as `box`: centred at its top, the label below."""
    return Box(box.x + (box.width - ICON) / 2, box.y + 2, ICON, ICON)


def shifted(box: Box) -> Box:
    """Return a box of graphviz's frame in the page's frame (moved by the margin)."""
    return Box(box.x + MARGIN, box.y + MARGIN, box.width, box.height)


def centre(box: Box) -> Point:
    """Return the middle of `box`."""
    return (box.x + box.width / 2, box.y + box.height / 2)


def border_towards(box: Box, point: Point) -> Point:
    """Return where the line from the box's centre towards `point` leaves the box.

    This is draw.io's rectangle perimeter, where an edge without fixed ports
    meets its terminal.
    """
    cx, cy = centre(box)
    dx, dy = point[0] - cx, point[1] - cy
    if dx == 0 and dy == 0:
        return (cx, cy)
    scale = min(
        box.width / 2 / abs(dx) if dx else math.inf,
        box.height / 2 / abs(dy) if dy else math.inf,
    )
    return (cx + dx * scale, cy + dy * scale)


def halfway(route: list[Point]) -> Point:
    """Return the point halfway along a polyline, as draw.io measures an edge's route."""
    segments = list(itertools.pairwise(route))
    remaining = sum(math.dist(a, b) for a, b in segments) / 2
    for a, b in segments:
        length = math.dist(a, b)
        if remaining <= length and length > 0:
            factor = remaining / length
            return (a[0] + (b[0] - a[0]) * factor, a[1] + (b[1] - a[1]) * factor)
        remaining -= length
    return route[-1]


def port(box: Box, point: Point, *, marked: bool = False) -> Point:
    """Return where on a node's icon a line meets it, as fractions of the icon (draw.io's ports).

    draw.io aims a line without a port at the icon's centre, so lines the
    picture spreads along one side would meet at one spot there again. The
    point is taken on the icon as the picture draws it (left of a finding's
    marker, else centred) and put on the nearest side.
    """
    left = box.x + 2 if marked else box.x + (box.width - ICON) / 2
    x = min(max((point[0] - left) / ICON, 0.0), 1.0)
    y = min(max((point[1] - box.y - 2) / ICON, 0.0), 1.0)
    nearest = min((x, 0), (1 - x, 1), (y, 2), (1 - y, 3))[1]
    return [(0.0, y), (1.0, y), (x, 0.0), (x, 1.0)][nearest]
