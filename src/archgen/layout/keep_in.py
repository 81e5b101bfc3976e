"""Lines kept inside the smallest box holding both their ends, off other boxes and borders.

dot routes a line by ranks and may swing it out of the Region and back (the
review's CloudFront line to the photo bucket), run it along a box's border
(Route 53's alias along the Region's edge) or across a zone that holds
neither end (an endpoint of zone b reaching a regional service across zone
a). Each reads as a path the traffic does not take. Such a line gets the
shortest route of straight pieces (an elbow, or a run along a free lane)
that stays in that box, enters no box holding neither end, cuts no icon but
its own ends and runs along no border.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from archgen.layout.label_spots import curve_points, drawn_segments, group_label_boxes, spot
from archgen.layout.laid import Laid, Point, Rect
from archgen.layout.landing import icon_box
from archgen.layout.nearby import Grid, segment_bounds
from archgen.layout.route import route_corners
from archgen.layout.scene import Edge, Group, Scene, path_to
from archgen.layout.tracks import Tracks

_LANE = 14.0
"""Points between a run and the box edge or icon it passes."""
_ON_BORDER = 3.0
"""Points within which a drawn curve lies along a border."""
_OFF_BORDER = _LANE / 2
"""Points a new run keeps from every border it runs beside."""
_ALONG = 4
"""Points of a curve in a row on one border that make it run along it (about 40 points)."""
_WALLS = ("region", "vpc", "az")
"""Boxes a line is routed again for crossing when they hold neither end (subnets: `repair`)."""
_FENCES = (*_WALLS, "subnet-public", "subnet-private")
"""Boxes a new route may not enter unless they hold one of its ends."""

Segment = tuple[Point, Point]


@dataclass(frozen=True)
class _Fences:
    """What a line must keep to: its holder, and the boxes it may not enter or run along."""

    holder: Rect
    foreign: list[Rect]
    walls: list[Rect]
    sides: list[Rect]
    icons: Grid[tuple[str, Rect]]
    runs: Tracks


def keep_in_boxes(scene: Scene, laid: Laid, groups: list[Group]) -> None:
    """Route again each line that leaves its holder, runs along a border or crosses a fence."""
    icons: Grid[tuple[str, Rect]] = Grid()
    for name, box in laid.nodes.items():
        if name != "legend":
            icons.add((name, box), box)
    tracks = Tracks(laid)
    astray = _astray(scene, laid, groups, icons, tracks)
    chosen: dict[str, list[Point]] = {}
    for _ in range(2):  # the second round sees where the first put every line
        for edge, fences in astray:
            corners = _best(laid, edge, fences)
            if corners is not None:
                chosen[edge.id] = corners
                laid.routes[edge.id] = route_corners(corners, edge)
                tracks.take(edge.id, corners)
    for edge, corners in ((e, chosen[e.id]) for e, _ in astray if e.id in chosen):
        laid.rerouted.add(edge.id)
        if edge.id in laid.labels:
            _relabel(laid, edge, corners, groups)


def _astray(
    scene: Scene, laid: Laid, groups: list[Group], icons: Grid[tuple[str, Rect]], tracks: Tracks
) -> list[tuple[Edge, _Fences]]:
    """Return the lines that break a rule, each with what its new route must keep to."""
    found = []
    for edge in scene.edges:
        if edge.id not in laid.routes or edge.source == edge.target:
            continue
        if edge.source not in laid.nodes or edge.target not in laid.nodes:
            continue
        fences = _fences(scene, laid, groups, edge, icons, tracks)
        if fences is not None and not _keeps(laid, edge, fences):
            found.append((edge, fences))
    return found


def _fences(
    scene: Scene,
    laid: Laid,
    groups: list[Group],
    edge: Edge,
    icons: Grid[tuple[str, Rect]],
    runs: Tracks,
) -> _Fences | None:
    """Return the line's holder and fences; None for a line from outside the AWS Cloud."""
    first, second = path_to(scene.cloud, edge.source), path_to(scene.cloud, edge.target)
    common = [a for a, b in zip(first, second, strict=False) if a is b]
    if not common or f"cluster_{common[-1].id}" not in laid.clusters:
        return None
    holding = {g.id for g in [*first, *second]}
    for bar in (edge.source, edge.target):  # a load balancer's bar lies in its subnets
        for subnet in scene.bars.get(bar, []):
            holding |= {g.id for g in _path_to_group(scene.cloud, f"subnet:{subnet}")}
    foreign = [
        (g.kind, laid.clusters[f"cluster_{g.id}"])
        for g in groups
        if g.kind in _FENCES and g.id not in holding and f"cluster_{g.id}" in laid.clusters
    ]
    sides = [
        laid.clusters[f"cluster_{g.id}"]
        for g in groups
        if g.kind != "asg-slot" and f"cluster_{g.id}" in laid.clusters
    ]
    return _Fences(
        laid.clusters[f"cluster_{common[-1].id}"],
        [box for _, box in foreign],
        [box for kind, box in foreign if kind in _WALLS],
        sides,
        icons,
        runs,
    )


def _path_to_group(group: Group, group_id: str) -> list[Group]:
    """Return the boxes from `group` down to the box `group_id` ([] if it is not inside)."""
    if group.id == group_id:
        return [group]
    for child in group.groups:
        path = _path_to_group(child, group_id)
        if path:
            return [group, *path]
    return []


def _keeps(laid: Laid, edge: Edge, fences: _Fences) -> bool:
    """Tell whether the drawn line keeps in its holder, out of fences and off every border."""
    ends = (laid.nodes[edge.source], laid.nodes[edge.target])
    points = [p for p in curve_points(laid.routes[edge.id]) if not any(_in(p, e) for e in ends)]
    if not all(_in(p, fences.holder, 1.0) for p in points):
        return False
    if any(_in(p, box, -1.0) for p in points for box in fences.walls):
        return False
    if edge.id in laid.rerouted:  # a lane of the tidy pass's own runs beside a box on purpose
        return True
    return not any(_along(points, box) for box in fences.sides)


def _along(points: list[Point], box: Rect) -> bool:
    """Tell whether `_ALONG` points in a row lie on one side of the box."""
    left, bottom, right, top = box
    for axis, side, low, high in (
        (1, top, left, right),
        (1, bottom, left, right),
        (0, left, bottom, top),
        (0, right, bottom, top),
    ):
        run = 0
        for point in points:
            on = abs(point[axis] - side) < _ON_BORDER and low <= point[1 - axis] <= high
            run = run + 1 if on else 0
            if run >= _ALONG:
                return True
    return False


def _best(laid: Laid, edge: Edge, fences: _Fences) -> list[Point] | None:
    """Return the shortest clear route from the source's icon to the target's, if any."""
    centre = _centre(laid, edge.source)
    levels, columns = _levels(laid, fences, 1, 3), _levels(laid, fences, 0, 2)
    candidates = []
    for offset in _PORTS:  # a line enters beside the lines already at the icon
        source, target = centre, _centre(laid, edge.target, offset)
        candidates += [[source, (target[0], source[1]), target]]
        candidates += [[source, (source[0], target[1]), target]]
        candidates += [[source, (source[0], y), (target[0], y), target] for y in levels]
        candidates += [[source, (x, source[1]), (x, target[1]), target] for x in columns]
    ends = (edge.source, edge.target)
    clear = []
    for corners in candidates:
        drawn = _ends(laid, edge, _distinct(corners))
        if _clear(drawn, fences, ends, edge.id):
            clear.append(drawn)
    return (
        min(clear, key=lambda c: (fences.runs.crossings(edge.id, c), _length(c))) if clear else None
    )


def _distinct(corners: list[Point]) -> list[Point]:
    """Return the corners without one repeating the corner before it (a run of no length)."""
    return [corners[0], *(b for a, b in itertools.pairwise(corners) if a != b)]


def _levels(laid: Laid, fences: _Fences, low: int, high: int) -> list[float]:
    """Return the lanes a run may take: just beside every box's and icon's edge, in the holder."""
    edges = {box[i] for box in fences.sides for i in (low, high)}
    edges |= {box[i] for box in laid.nodes.values() for i in (low, high)}
    lanes = {e + k * _LANE for e in edges for k in (-3, -2, -1, 1, 2, 3)}
    inside = fences.holder[low] + _LANE, fences.holder[high] - _LANE
    return sorted(lane for lane in lanes if inside[0] <= lane <= inside[1])


def _centre(laid: Laid, node: str, offset: float = 0.0) -> Point:
    """Return the icon's centre, or a point `offset` right of it (a port beside the centre)."""
    left, bottom, right, top = icon_box(laid.nodes[node], "", marked=False)
    return ((left + right) / 2 + offset, (bottom + top) / 2)


_PORTS = (0.0, -10.0, 10.0, -20.0, 20.0)
"""Points from an icon's centre where a rerouted line may enter it, nearest first."""


def _ends(laid: Laid, edge: Edge, corners: list[Point]) -> list[Point]:
    """Return the corners with the first and last cut back to where the line meets its icons."""
    return [
        _side(laid.nodes[edge.source], corners[0], corners[1]),
        *corners[1:-1],
        _side(laid.nodes[edge.target], corners[-1], corners[-2]),
    ]


def _side(box: Rect, centre: Point, towards: Point) -> Point:
    """Return where a run from an icon's centre towards `towards` leaves the node.

    Sideways it leaves the icon's side; up, the box's top; down, under the name.
    """
    left, _, right, _ = icon_box(box, "", marked=False)
    x, y = centre
    if abs(towards[1] - y) < 0.5:
        return (left if towards[0] < x else right, y)
    return (x, box[3] if towards[1] > y else box[1])


def _clear(corners: list[Point], fences: _Fences, ends: tuple[str, str], edge_id: str) -> bool:
    """Tell whether the route keeps in its holder, out of fences, icons, and off borders."""
    for piece in itertools.pairwise(corners):
        if not all(_in(p, fences.holder, 1.0) for p in piece):
            return False
        if any(_cuts(piece, box) for box in fences.foreign):
            return False
        if any(
            _cuts(piece, box)
            for n, box in fences.icons.near(segment_bounds(piece))
            if n not in ends
        ):
            return False
        if any(_on_side(piece, box) for box in fences.sides):
            return False
        if fences.runs.shares(edge_id, piece):
            return False
    return True


def _cuts(piece: Segment, box: Rect) -> bool:
    """Tell whether a level or upright piece runs into a box."""
    (x1, y1), (x2, y2) = piece
    return (
        min(x1, x2) < box[2]
        and box[0] < max(x1, x2)
        and min(y1, y2) < box[3]
        and box[1] < max(y1, y2)
    )


def _on_side(piece: Segment, box: Rect) -> bool:
    """Tell whether a level or upright piece runs along a side of a box for any length."""
    (x1, y1), (x2, y2) = piece
    left, bottom, right, top = box
    if abs(y1 - y2) < 0.5:
        on = any(abs(y1 - side) < _OFF_BORDER for side in (bottom, top))
        return on and min(x1, x2) < right and left < max(x1, x2)
    on = any(abs(x1 - side) < _OFF_BORDER for side in (left, right))
    return on and min(y1, y2) < top and bottom < max(y1, y2)


def _length(corners: list[Point]) -> float:
    return sum(abs(b[0] - a[0]) + abs(b[1] - a[1]) for a, b in itertools.pairwise(corners))


def _in(point: Point, box: Rect, margin: float = 0.0) -> bool:
    left, bottom, right, top = box
    x, y = point
    return left - margin <= x <= right + margin and bottom - margin <= y <= top + margin


def _relabel(laid: Laid, edge: Edge, corners: list[Point], groups: list[Group]) -> None:
    """Put the line's label beside its new route, clear of icons, box titles and labels."""
    boxes = [*laid.nodes.values(), *group_label_boxes(laid, groups)]
    for key, (x, y) in laid.labels.items():
        if key != edge.id and key in laid.label_sizes:
            width, height = laid.label_sizes[key]
            boxes.append((x - width / 2, y - height / 2, x + width / 2, y + height / 2))
    laid.labels[edge.id] = spot(edge, corners, drawn_segments(laid), boxes, laid.label_sizes)
