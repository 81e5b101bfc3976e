"""Where each drawn line runs and ends, read from graphviz's JSON of the finished picture.

Two rules an architect reads a picture by:

- a line stays inside the smallest box that holds both its ends: a call from
  a function to a table in its Region never leaves the Region; a line that
  does reads as if it went somewhere else on the way;
- a line ends on its target's icon (or just under the icon's name, coming
  from below), never on the empty side of a long name: an arrowhead in the
  air beside an icon points at nothing.

`layout_quality` counts both for every design; tests hold them at zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from archgen.layout import style
from archgen.layout.label_spots import curve_points
from archgen.layout.scene import Scene, path_to

Point = tuple[float, float]
Rect = tuple[float, float, float, float]
"""left, bottom, right, top, in graphviz's frame (y up)."""

TOLERANCE = 4.0
"""Points a line's end may lie off its icon: graphviz clips a line at the cell's padding."""
_CELL_PADDING = 2.0
"""Points between a node's box and its icon's cell (the label table's CELLPADDING)."""


@dataclass(frozen=True)
class LineEnds:
    """The lines of one picture that break either rule, by line id."""

    astray: list[str]
    """Lines that leave the smallest box holding both their ends."""
    off_icon: list[str]
    """Lines whose end is not on their target's icon (or the box they join, for a role)."""


def line_ends(scene: Scene, data: dict[str, Any]) -> LineEnds:
    """Return the lines of a drawn `scene` (graphviz's JSON `data`) that break either rule."""
    boxes = boxes_by_name(data)
    routes = {e["id"]: e["pos"] for e in data.get("edges", []) if "id" in e and "pos" in e}
    astray, off = [], []
    for edge in scene.edges:
        route = routes.get(edge.id)
        if route is None or edge.source not in boxes or edge.target not in boxes:
            continue
        holder = smallest_box(scene, edge.source, edge.target)
        ends = (boxes[edge.source], boxes[edge.target])
        if holder in boxes and not _stays(curve_points(route), boxes[holder], ends):
            astray.append(edge.id)
        joined = boxes.get(f"cluster_{edge.box}") if edge.box else None  # a role's group box
        if joined is not None:
            if not _within(end_of(route), joined, TOLERANCE):
                off.append(edge.id)
        elif not on_icon(scene, edge.target, boxes[edge.target], end_of(route)):
            off.append(edge.id)
    return LineEnds(astray, off)


def smallest_box(scene: Scene, first: str, second: str) -> str:
    """Return the cluster name of the deepest box holding both nodes ("" when none does)."""
    common = ""
    for one, two in zip(path_to(scene.cloud, first), path_to(scene.cloud, second), strict=False):
        if one is not two:
            break
        common = f"cluster_{one.id}"
    return common


def end_of(route: str) -> Point:
    """Return where a line ends: its arrowhead's tip, else the last point of its curve."""
    for word in route.split(";")[-1].split():
        if word.startswith("e,"):
            x, y = word[2:].split(",")
            return (float(x), float(y))
    return curve_points(route.split(";")[-1])[-1]


def on_icon(scene: Scene, node_id: str, box: Rect, point: Point) -> bool:
    """Tell whether `point` lies on the node's icon, or under its name in the icon's column.

    A load balancer drawn as a bar is its whole box.
    """
    left, bottom, right, top = box
    if node_id in scene.bars or node_id not in scene.nodes:
        return _within(point, box, TOLERANCE)
    node = scene.nodes[node_id]
    half = (style.ICON_SIZE if not node.shape else style.ICON_SIZE * 2 // 3) / 2
    centre = left + _CELL_PADDING + half if node.marker else (left + right) / 2
    icon = (centre - half, top - 2 * (half + _CELL_PADDING), centre + half, top)
    under = (centre - half, bottom, centre + half, bottom)
    return _within(point, icon, TOLERANCE) or _within(point, under, TOLERANCE)


def _stays(points: list[Point], holder: Rect, ends: tuple[Rect, Rect]) -> bool:
    """Tell whether every point lies in the box, save those on the end icons themselves.

    A gateway on a VPC's border is half outside the VPC: its own box excuses it.
    """
    return all(
        _within(p, holder, 1.0) or any(_within(p, end, TOLERANCE) for end in ends) for p in points
    )


def _within(point: Point, rect: Rect, margin: float) -> bool:
    left, bottom, right, top = rect
    x, y = point
    return left - margin <= x <= right + margin and bottom - margin <= y <= top + margin


def boxes_by_name(data: dict[str, Any]) -> dict[str, Rect]:
    """Return every node's and every box's rectangle, by name."""
    boxes: dict[str, Rect] = {}
    for item in data.get("objects", []):
        if "bb" in item:
            left, bottom, right, top = (float(v) for v in item["bb"].split(","))
            boxes[item["name"]] = (left, bottom, right, top)
        elif "pos" in item:
            x, y = (float(v) for v in item["pos"].split(","))
            half_w, half_h = float(item["width"]) * 36, float(item["height"]) * 36
            boxes[item["name"]] = (x - half_w, y - half_h, x + half_w, y + half_h)
    return boxes
