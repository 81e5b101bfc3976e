"""Lines between two things outside every VPC, routed around the VPCs instead of across them.

An S3 event that invokes a function, both regional and drawn beside the VPC,
is no traffic of the VPC: a curve through its zones and subnets reads as if
it were. dot routes such a line by its ranks and may sweep it across the VPC,
so the tidy pass gives it straight pieces that keep outside every VPC box:
an elbow when one turn clears them, else a run along a lane just beside a VPC.
"""

from __future__ import annotations

import itertools

from archgen.layout import style
from archgen.layout.label_spots import (
    Segment,
    curve_points,
)
from archgen.layout.laid import Laid, Point, Rect
from archgen.layout.nearby import Grid, segment_bounds
from archgen.layout.relabel import relabel
from archgen.layout.route import route_corners
from archgen.layout.scene import Edge, Group, Scene

_ICON_CENTRE = 26.0
"""Points from a node's top to its icon's centre."""
_ICON_HALF = style.ICON_SIZE / 2 + 2
"""Points from an icon's centre to its side, with the cell's padding."""
_LANE = 14.0
"""Points between a VPC's border and a line run beside it."""


def route_around(scene: Scene, laid: Laid, groups: list[Group]) -> None:
    """Give each line whose ends lie outside every VPC, but whose route enters one, a way round."""
    vpcs = [
        laid.clusters[f"cluster_{g.id}"]
        for g in groups
        if g.kind == "vpc" and f"cluster_{g.id}" in laid.clusters
    ]
    blocks: Grid[tuple[str | None, Rect]] = Grid()
    for box in vpcs:
        blocks.add((None, box), box)
    for name, box in laid.nodes.items():
        blocks.add((name, box), box)
    for edge in scene.edges:
        if edge.id not in laid.routes or edge.source not in laid.nodes:
            continue
        if edge.target not in laid.nodes or not _crosses(laid, edge, vpcs):
            continue
        corners = _way_round(laid, edge, vpcs, blocks)
        if corners is None:
            continue
        laid.routes[edge.id] = route_corners(corners, edge)
        laid.rerouted.add(edge.id)
        if edge.id in laid.labels:
            relabel(scene, laid, edge, corners, groups)


def _crosses(laid: Laid, edge: Edge, vpcs: list[Rect]) -> bool:
    """Tell whether both ends lie outside every VPC and the drawn route runs into one."""
    ends = [_icon(laid, edge.source), _icon(laid, edge.target)]  # a gateway's is on the border
    if any(_inside(end, box) for end in ends for box in vpcs):
        return False
    points = curve_points(laid.routes[edge.id])
    return any(_inside(point, box) for point in points for box in vpcs)


def _way_round(
    laid: Laid, edge: Edge, vpcs: list[Rect], blocks: Grid[tuple[str | None, Rect]]
) -> list[Point] | None:
    """Return the shortest clear route of straight pieces from source to target, if any.

    It keeps out of every VPC (`blocks` holds them, by no name) and every icon but its ends.
    """
    source, target = _icon(laid, edge.source), _icon(laid, edge.target)
    candidates = [
        [source, (target[0], source[1]), target],
        [source, (source[0], target[1]), target],
    ]
    for box in vpcs:
        for x in (box[0] - _LANE, box[2] + _LANE):
            candidates.append([source, (x, source[1]), (x, target[1]), target])
        for y in (box[1] - _LANE, box[3] + _LANE):
            candidates.append([source, (source[0], y), (target[0], y), target])
    ends = (edge.source, edge.target)
    clear = [c for c in candidates if _clear(c, blocks, ends)]
    if not clear:
        return None
    shortest = min(clear, key=_length)
    best = [shortest[0], *(q for p, q in itertools.pairwise(shortest) if p != q)]
    return [_leave(laid, edge.source, best[0], best[1]), *best[1:-1], _enter(laid, edge, best)]


def _icon(laid: Laid, node: str) -> Point:
    left, _, right, top = laid.nodes[node]
    return ((left + right) / 2, top - _ICON_CENTRE)


def _leave(laid: Laid, node: str, centre: Point, towards: Point) -> Point:
    """Return where a line from an icon's centre towards `towards` meets the icon's side."""
    return _side(laid, node, centre, towards)


def _enter(laid: Laid, edge: Edge, corners: list[Point]) -> Point:
    """Return where the last piece meets the target icon's side."""
    return _side(laid, edge.target, corners[-1], corners[-2])


def _side(laid: Laid, node: str, centre: Point, towards: Point) -> Point:
    """Return the point of the icon's side (or its box's bottom) facing `towards`."""
    _, bottom, _, top = laid.nodes[node]
    x, y = centre
    if towards[1] == y:  # level: the icon's left or right side
        return (x - _ICON_HALF if towards[0] < x else x + _ICON_HALF, y)
    return (x, top if towards[1] > y else bottom)  # under the icon, its label: the box's bottom


def _clear(
    corners: list[Point], blocks: Grid[tuple[str | None, Rect]], ends: tuple[str, str]
) -> bool:
    """Tell whether every piece between the end icons stays out of every box but the ends'."""
    pieces = list(itertools.pairwise(corners))
    trimmed = [_trim(piece, index, len(pieces)) for index, piece in enumerate(pieces)]
    return not any(
        _cuts(piece, box)
        for piece in trimmed
        for name, box in blocks.near(segment_bounds(piece))
        if name not in ends
    )


def _trim(piece: Segment, index: int, count: int) -> Segment:
    """Return a piece without the part inside its end icons (first and last pieces)."""
    (x1, y1), (x2, y2) = piece
    if index == 0:
        x1, y1 = _towards((x1, y1), (x2, y2), _ICON_HALF + 1)
    if index == count - 1:
        x2, y2 = _towards((x2, y2), (x1, y1), _ICON_HALF + 1)
    return ((x1, y1), (x2, y2))


def _towards(start: Point, end: Point, distance: float) -> Point:
    length = abs(end[0] - start[0]) + abs(end[1] - start[1])
    if length <= distance:
        return end
    share = distance / length
    return (start[0] + (end[0] - start[0]) * share, start[1] + (end[1] - start[1]) * share)


def _cuts(piece: Segment, box: Rect) -> bool:
    """Tell whether a level or upright piece runs into a box."""
    (x1, y1), (x2, y2) = piece
    low_x, high_x, low_y, high_y = min(x1, x2), max(x1, x2), min(y1, y2), max(y1, y2)
    return low_x < box[2] and box[0] < high_x and low_y < box[3] and box[1] < high_y


def _length(corners: list[Point]) -> float:
    return sum(abs(b[0] - a[0]) + abs(b[1] - a[1]) for a, b in itertools.pairwise(corners))


def _inside(point: Point, box: Rect) -> bool:
    return box[0] + 1 < point[0] < box[2] - 1 and box[1] + 1 < point[1] < box[3] - 1
