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
