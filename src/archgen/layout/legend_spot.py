"""The legend in an empty corner of the page, where one holds it, else under the AWS Cloud.

The tidy pass first puts the legend under the cloud (`tidy`), a band of page
that holds nothing else. Where the page already has an empty stretch the
legend fits in (the column under an actor beside the cloud, say), that band
is dead space: every pixel of it costs drawing time, and the page's height
buys no legibility. Once every line is routed and every label placed, the
legend moves into the free stretch nearest the bottom right (where a reader
looks for it). It stays outside every box: inside the AWS Cloud it would
read as a part of the system. The choice is deterministic: the same layout
gives the same place.
"""

from __future__ import annotations

import itertools

from archgen.layout.detour_judge import cuts
from archgen.layout.label_spots import Segment, curve_points, label_box, overlaps
from archgen.layout.laid import Laid, Rect, hull
from archgen.layout.scene import Group, Scene

_GAP = 12.0
"""Points kept free between the legend and anything drawn."""


def settle_legend(scene: Scene, laid: Laid, groups: list[Group]) -> None:
    """Move the legend into the page's free stretch nearest its bottom right, if one holds it."""
    legend = laid.nodes.get("legend")
    known = {*scene.nodes, *(group.anchor for group in groups), "legend"}
    if legend is None or any(name not in known for name in laid.nodes):
        return  # a caller's own node (a diff's colour key) goes beside the legend under the cloud
    boxes, lines = obstacles(scene, laid)
    spot = free_spot(legend[2] - legend[0], legend[3] - legend[1], boxes, lines)
    if spot is not None:
        laid.move("legend", spot[0] - legend[0], spot[1] - legend[1])


def obstacles(scene: Scene, laid: Laid) -> tuple[list[Rect], list[Segment]]:
    """Return what the legend must not cover: icons, boxes, line labels, and the lines."""
    boxes = [box for name, box in laid.nodes.items() if name != "legend"]
    boxes += laid.clusters.values()
    boxes += [
        label_box(edge, laid.labels[edge.id], laid.label_sizes)
        for edge in scene.edges
        if edge.id in laid.labels
    ]
    lines: list[Segment] = []
    for edge in scene.edges:
        route = laid.routes.get(edge.id)
        if route is not None:
            lines += itertools.pairwise(curve_points(route))
        elif edge.source in laid.nodes and edge.target in laid.nodes:  # neato draws it straight
            lines.append((laid.centre(edge.source), laid.centre(edge.target)))
    return boxes, lines


def free_spot(
    width: float, height: float, boxes: list[Rect], lines: list[Segment]
) -> tuple[float, float] | None:
    """Return the bottom left of a `width` x `height` stretch clear of everything, or None.

    The stretch lies within what is drawn (`boxes`' hull: the page keeps its
    size), at `_GAP` from every box and line. Candidates line up with the
    page's sides and the sides of the boxes, the lowest first, then the
    rightmost.
    """
    if not boxes:
        return None
    left, bottom, right, top = hull(boxes)
    xs = {left, right - width} | {b[2] + _GAP for b in boxes} | {b[0] - _GAP - width for b in boxes}
    ys = (
        {bottom, top - height}
        | {b[3] + _GAP for b in boxes}
        | {b[1] - _GAP - height for b in boxes}
    )
    xs = {x for x in xs if left <= x <= right - width}
    ys = {y for y in ys if bottom <= y <= top - height}
    for y, x in sorted((y, -x) for x in xs for y in ys):
        spot = (-x, y, -x + width, y + height)
        wide = (spot[0] - _GAP, spot[1] - _GAP, spot[2] + _GAP, spot[3] + _GAP)
        if not any(overlaps(wide, box) for box in boxes) and not any(
            cuts(piece, wide) for piece in lines
        ):
            return (-x, y)
    return None
