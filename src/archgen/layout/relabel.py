"""The label of a line the tidy pass routed again, put beside its new route.

Every pass that gives a line a new route (round a VPC, inside its holder,
out of a loop) moves its label the same way: beside the new route, clear of
lines, icons, labels, box titles and borders, and nearer its own line than
any other (`label_owner`).
"""

from __future__ import annotations

import itertools

from archgen.layout.label_spots import curve_points, group_label_boxes, label_box, spot
from archgen.layout.laid import Laid, Point, Rect
from archgen.layout.nearby import Apart, Grid, Segment, box_grid, segment_bounds, segment_grid
from archgen.layout.repair import borders
from archgen.layout.scene import Edge, Group, Scene


def relabel(
    scene: Scene, laid: Laid, edge: Edge, corners: list[Point], groups: list[Group]
) -> None:
    """Put the line's label beside its new route, clear of what is drawn, nearest its own line."""
    labels: list[Rect] = [
        label_box(other, laid.labels[other.id], laid.label_sizes)
        for other in scene.edges
        if other.id in laid.labels and other.id != edge.id
    ]
    boxes = box_grid([*labels, *laid.nodes.values(), *group_label_boxes(laid, groups)])
    sides = segment_grid(borders(laid, groups))  # a label on a border reads as in both boxes
    others = Apart(line_pieces(laid), edge.id)
    drawn = curve_points(laid.routes[edge.id]) if edge.id in laid.routes else None
    laid.labels[edge.id] = spot(edge, corners, others, boxes, laid.label_sizes, sides, drawn)


def line_pieces(laid: Laid) -> Grid[tuple[str, Segment]]:
    """Return the straight pieces of every drawn line, by line, in a grid."""
    pieces: Grid[tuple[str, Segment]] = Grid()
    for key, route in laid.routes.items():
        for segment in itertools.pairwise(curve_points(route)):
            pieces.add((key, segment), segment_bounds(segment))
    return pieces
