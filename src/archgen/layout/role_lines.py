"""A role an Auto Scaling group assumes, drawn level with the group's box and joined to it.

The group's launch template gives every instance the role, so an architect
joins the role to the group's box, not to the zone-a instance: a line to one
instance says the others run without it, and dot's curve to it swings across
the VPC. The role stays outside the network (IAM is global, `placement`);
the tidy pass lifts it level with a free run into the box's nearer side,
crossing no other line where a height allows, and draws that run straight.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from archgen.layout import style
from archgen.layout.label_spots import curve_points
from archgen.layout.laid import Laid, Point, Rect
from archgen.layout.route import route_corners
from archgen.layout.scene import Edge, Scene

_ICON_CENTRE = 26.0
"""Points from a node's top to its icon's centre."""
_ICON_HALF = style.ICON_SIZE / 2 + 2
"""Points from an icon's centre to its side, with the cell's padding."""
_TITLE = 26.0
"""Points under a box's top that its name takes: a line enters below it."""
_STEP = 7.0
"""Points between the heights tried for the run."""
_GAP = 4.0
"""Points a run keeps from an icon, a label or a wall it passes."""


def join_boxes(scene: Scene, laid: Laid) -> None:
    """Route each line that ends at a box (`Edge.box`) straight into that box's nearer side."""
    for index, edge in enumerate(scene.edges):
        box = laid.clusters.get(f"cluster_{edge.box}")
        if not edge.box or box is None or edge.source not in laid.nodes:
            continue
        edge = _nearest_copy(scene, laid, edge, box)
        scene.edges[index] = edge
        corners = _run(scene, laid, edge, box, _walls(laid, box))
        laid.routes[edge.id] = route_corners(corners, edge)
        laid.rerouted.add(edge.id)


def _nearest_copy(scene: Scene, laid: Laid, edge: Edge, box: Rect) -> Edge:
    """Return the line ending at the instance on the side it enters the box from.

    The run then crosses only the subnet of the instance it names, never the
    other zones' subnets as a line to a far copy would.
    """
    copies = [n for n in scene.copies.get(scene.nodes[edge.target].resource, []) if n in laid.nodes]
    side = _side_x(laid, edge, box)
    nearest = min(copies, key=lambda n: abs(laid.centre(n)[0] - side), default=edge.target)
    return edge._replace(target=nearest)


def _side_x(laid: Laid, edge: Edge, box: Rect) -> float:
    """Return the x of the box's side that faces the line's source."""
    return box[0] if laid.centre(edge.source)[0] < (box[0] + box[2]) / 2 else box[2]


def _walls(laid: Laid, box: Rect) -> list[Rect]:
    """Return the security groups' boxes outside `box` (network view): a run keeps out of them.

    A run through another resource's security group reads as if the role
    were in it.
    """
    return [
        b
        for name, b in laid.clusters.items()
        if name.startswith("cluster_sg:") and not (box[0] <= b[0] and b[2] <= box[2])
    ]


def _run(scene: Scene, laid: Laid, edge: Edge, box: Rect, walls: list[Rect]) -> list[Point]:
    """Return the corners from the source's icon into the box, moving the source level when free."""
    x, y = _icon(laid, edge.source)
    side = _side_x(laid, edge, box)
    start = x + _ICON_HALF if side > x else x - _ICON_HALF
    lines = _other_lines(laid, edge)
    free = [h for h in _heights(y, box) if _clear(laid, edge, (start, side), h, walls)]
    uncrossed = [h for h in free if not _crosses(lines, (start, side), h)]
    level = next(iter(uncrossed or free), y)
    if level != y and _may_move(scene, laid, edge.source, level - y):
        laid.move(edge.source, 0.0, level - y)
        y = level
    if level == y:
        return [(start, y), (side, y)]
    top_or_bottom = laid.nodes[edge.source][1 if level < y else 3]  # an elbow out of the icon
    return [(x, top_or_bottom), (x, level), (side, level)]


def _other_lines(laid: Laid, edge: Edge) -> list[list[Point]]:
    """Return the points along every other line drawn so far."""
    return [curve_points(route) for key, route in laid.routes.items() if key != edge.id]


def _crosses(lines: list[list[Point]], span: tuple[float, float], level: float) -> bool:
    """Tell whether a level run at `level` cuts a piece of another line."""
    low, high = sorted(span)
    return any(
        min(a[1], b[1]) < level < max(a[1], b[1])
        and low < a[0] + (b[0] - a[0]) * (level - a[1]) / (b[1] - a[1]) < high
        for points in lines
        for a, b in itertools.pairwise(points)
    )


def _heights(y: float, box: Rect) -> Iterator[float]:
    """Yield the heights inside the box under its name, nearest `y` first."""
    low, high = box[1] + _STEP, box[3] - _TITLE
    first = min(max(y, low), high)
    yield first
    for step in range(1, int((high - low) / _STEP) + 1):
        for level in (first - step * _STEP, first + step * _STEP):
            if low <= level <= high:
                yield level


def _clear(
    laid: Laid, edge: Edge, span: tuple[float, float], level: float, walls: list[Rect]
) -> bool:
    """Tell whether a level run at `level` meets no icon, label or wall but its source."""
    low, high = sorted(span)
    boxes = [*walls, *(b for n, b in laid.nodes.items() if n != edge.source)]
    boxes += [_label_box(laid, key) for key in laid.labels if key in laid.label_sizes]
    return not any(b[0] < high and low < b[2] and b[1] - _GAP < level < b[3] + _GAP for b in boxes)


def _label_box(laid: Laid, key: str) -> Rect:
    (x, y), (width, height) = laid.labels[key], laid.label_sizes[key]
    return (x - width / 2, y - height / 2, x + width / 2, y + height / 2)


def _may_move(scene: Scene, laid: Laid, node: str, dy: float) -> bool:
    """Tell whether the node may move by `dy`: its one line is this one, and it lands free."""
    if sum(node in (e.source, e.target) for e in scene.edges) != 1:
        return False
    left, bottom, right, top = laid.nodes[node]
    moved = (left, bottom + dy, right, top + dy)
    others = [b for n, b in laid.nodes.items() if n != node]
    return not any(_overlap(moved, b) for b in others)


def _overlap(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _icon(laid: Laid, node: str) -> Point:
    left, _, right, top = laid.nodes[node]
    return ((left + right) / 2, top - _ICON_CENTRE)
