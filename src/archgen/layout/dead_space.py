"""Empty bands across the picture, closed down to the room a reader needs between rows.

dot keeps a rank's height for every rank, and the tidy pass opens bands for
the lines it reroutes; where a rank lost its icons to a box across zones, or
a line that needed room moved elsewhere (an actor's line now drops straight
in, `actors`), a band of nothing but upright lines is left. Such a band costs
page height (and drawing time) and holds nothing to read, so it closes down
to `_KEEP` points. Only upright pieces of line may cross a band: closing one
shortens them and bends nothing.
"""

from __future__ import annotations

import itertools

from archgen.layout.label_spots import curve_points, group_label_boxes, label_box
from archgen.layout.laid import Laid, close_band
from archgen.layout.scene import Group, Scene

_KEEP = 40.0
"""Points of an empty band left open: about dot's own gap between two ranks."""
_EDGE = 2.0
"""Points either side of a box's border that a band must keep clear of."""
_UPRIGHT = 0.5
"""Points a piece of line may lean over its length and still count as upright."""

Span = tuple[float, float]
"""low y, high y."""


def close_empty_bands(scene: Scene, laid: Laid, groups: list[Group]) -> None:
    """Close every band across the page that holds only upright lines, down to `_KEEP` points."""
    for low, high in sorted(empty_bands(scene, laid, groups)):  # the lowest first: none above moves
        if high - low > _KEEP:
            middle = (low + high) / 2
            close_band(laid, middle - (high - low - _KEEP) / 2, middle + (high - low - _KEEP) / 2)


def empty_bands(scene: Scene, laid: Laid, groups: list[Group]) -> list[Span]:
    """Return the bands between the highest and lowest thing drawn that hold nothing but lines."""
    taken = sorted(_taken(scene, laid, groups))
    if not taken:
        return []
    bands = []
    reach = taken[0][1]
    for low, high in taken[1:]:
        if low > reach:
            bands.append((reach, low))
        reach = max(reach, high)
    return bands


def _taken(scene: Scene, laid: Laid, groups: list[Group]) -> list[Span]:
    """Return the heights taken by icons, texts, boxes' borders and lines that are not upright."""
    spans = [(box[1], box[3]) for name, box in laid.nodes.items() if name != "legend"]
    for box in laid.clusters.values():
        spans += [(box[1] - _EDGE, box[1] + _EDGE), (box[3] - _EDGE, box[3] + _EDGE)]
    spans += [(box[1], box[3]) for box in group_label_boxes(laid, groups)]
    spans += [
        (box[1], box[3])
        for edge in scene.edges
        if edge.id in laid.labels
        for box in [label_box(edge, laid.labels[edge.id], laid.label_sizes)]
    ]
    for route in laid.routes.values():
        pieces = [p for part in route.split(";") for p in itertools.pairwise(curve_points(part))]
        for (x1, y1), (x2, y2) in pieces:
            if abs(x1 - x2) > _UPRIGHT:
                spans.append((min(y1, y2), max(y1, y2)))
    for edge in scene.edges:  # a line neato draws straight between two centres
        if edge.id not in laid.routes and edge.source in laid.nodes and edge.target in laid.nodes:
            (x1, y1), (x2, y2) = laid.centre(edge.source), laid.centre(edge.target)
            if abs(x1 - x2) > _UPRIGHT:
                spans.append((min(y1, y2), max(y1, y2)))
    return spans
