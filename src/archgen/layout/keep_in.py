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

from collections.abc import Iterable
from typing import NamedTuple

from archgen.layout.detour import best_route
from archgen.layout.detour_judge import OFF_BORDER, Fences
from archgen.layout.detour_lanes import LABEL, Standing, grown
from archgen.layout.gateway_inside import inside_its_vpc
from archgen.layout.label_spots import (
    curve_points,
    label_box,
)
from archgen.layout.laid import Laid, Point, Rect, hull
from archgen.layout.nearby import Grid
from archgen.layout.relabel import relabel
from archgen.layout.route import route_corners
from archgen.layout.scene import Edge, Group, Scene, path_to, path_to_group
from archgen.layout.tracks import Tracks

_ON_BORDER = 3.0
"""Points within which a drawn curve lies along a border."""
_ALONG = 4
"""Points of a curve in a row on one border that make it run along it (about 40 points)."""
_WALLS = ("region", "vpc", "az")
"""Boxes a line is routed again for crossing when they hold neither end (subnets: `repair`)."""
_FENCES = (*_WALLS, "subnet-public", "subnet-private")
"""Boxes a new route may not enter unless they hold one of its ends."""


class _Picture(NamedTuple):
    """What every line's fences are drawn from, gathered once per picture."""

    scene: Scene
    laid: Laid
    groups: list[Group]
    icons: Grid[tuple[str, Rect]]
    """Icons, and the lines' labels: a line over one hides it."""
    tracks: Tracks
    sides: list[Rect]
    borders: Grid[Rect]
    fenced: Grid[tuple[str, Rect]]
    standing: Standing
    found: dict[str, tuple[int, tuple[Point, ...] | None]]
    """Each line's last route found, and the tracks' stamp it was found at (`_best`)."""
    paths: dict[str, list[Group]]
    """The boxes holding each node, outermost first (`_path`)."""


def keep_in_boxes(scene: Scene, laid: Laid, groups: list[Group]) -> None:
    """Route again each line that leaves its holder, runs along a border or crosses a fence."""
    picture = _picture(scene, laid, groups)
    astray = _astray(picture)
    chosen: dict[str, list[Point]] = {}
    for _ in range(2):  # the second round sees where the first put every line
        for edge, fences in astray:
            corners = _best(picture, edge, fences)
            if corners is not None:
                chosen[edge.id] = corners
                laid.routes[edge.id] = route_corners(corners, edge)
                picture.tracks.take(edge.id, corners)
        astray = [(edge, fences) for edge, fences in astray if edge.id in chosen]
    for edge, corners in ((e, chosen[e.id]) for e, _ in astray):
        laid.rerouted.add(edge.id)
        if edge.id in laid.labels:
            relabel(picture.scene, laid, edge, corners, groups)
    _untangle_roles(picture)


def _picture(scene: Scene, laid: Laid, groups: list[Group]) -> _Picture:
    icons: Grid[tuple[str, Rect]] = Grid()
    for name, box in laid.nodes.items():
        if name != "legend":
            icons.add((name, box), box)
    for edge in scene.edges:
        if edge.id in laid.labels:
            box = label_box(edge, laid.labels[edge.id], laid.label_sizes)
            icons.add((f"{LABEL}{edge.id}", box), box)
    sides = [
        laid.clusters[f"cluster_{g.id}"]
        for g in groups
        if g.kind != "asg-slot" and f"cluster_{g.id}" in laid.clusters
    ]
    fenced: Grid[tuple[str, Rect]] = Grid()
    for group in groups:
        name = f"cluster_{group.id}"
        if group.kind in _FENCES and name in laid.clusters:
            fenced.add((group.id, laid.clusters[name]), laid.clusters[name])
    borders = _grid(sides)
    standing = Standing(fenced, icons, borders, OFF_BORDER)
    tracks = Tracks(laid)
    return _Picture(scene, laid, groups, icons, tracks, sides, borders, fenced, standing, {}, {})


def _untangle_roles(picture: _Picture) -> None:
    """Give a role's line a clear route when it crosses fewer lines than the one it has.

    A role's dotted line carries no traffic; crossing the lines that do only
    hides them (the fleet's role line crossed every endpoint line of zone a).
    """
    laid = picture.laid
    for edge in picture.scene.edges:
        if edge.kind != "role" or edge.id not in laid.routes:
            continue
        fences = _fences(picture, edge)
        if fences is None:
            continue
        now = fences.runs.crossings(edge.id, curve_points(laid.routes[edge.id]))
        corners = _best(picture, edge, fences) if now else None
        if corners is not None and fences.runs.crossings(edge.id, corners) < now:
            laid.routes[edge.id] = route_corners(corners, edge)
            laid.rerouted.add(edge.id)
            fences.runs.take(edge.id, corners)


def _best(picture: _Picture, edge: Edge, fences: Fences) -> list[Point] | None:
    """Return `best_route` for a line, found again only when another line's runs changed.

    A route is found from the icons, the boxes (neither moves here) and the
    other lines' runs alone: when no other line took new runs since it was
    last found, it is the same route (the second round, and a role's line
    routed again, find most routes as they were).
    """
    known = picture.found.get(edge.id)
    if known is not None and not picture.tracks.changed_since(known[0], edge.id):
        return None if known[1] is None else list(known[1])
    stamp = picture.tracks.stamp
    corners = best_route(picture.laid, edge, fences)
    picture.found[edge.id] = (stamp, None if corners is None else tuple(corners))
    return corners


def _astray(picture: _Picture) -> list[tuple[Edge, Fences]]:
    """Return the lines that break a rule, each with what its new route must keep to."""
    laid, found = picture.laid, []
    for edge in picture.scene.edges:
        if edge.id not in laid.routes or edge.source == edge.target:
            continue
        if edge.source not in laid.nodes or edge.target not in laid.nodes:
            continue
        if _rises_to_gateway(picture, edge):
            continue
        fences = _fences(picture, edge)
        if fences is not None and not _keeps(laid, edge, fences):
            found.append((edge, fences))
    return found


def _rises_to_gateway(picture: _Picture, edge: Edge) -> bool:
    """Tell a line that `route` already took up to its internet gateway inside the VPC.

    Its way round a bar runs beside zones and borders on purpose (`walled`,
    `gateway_inside`); a detour here would bring it in over the gateway's name.
    """
    target = picture.scene.nodes.get(edge.target)
    return (
        target is not None
        and target.type == "internet_gateway"
        and inside_its_vpc(picture.laid, edge.target, edge.source)
    )


def _fences(picture: _Picture, edge: Edge) -> Fences | None:
    """Return the line's holder and fences; None for a line from outside the AWS Cloud."""
    scene, laid = picture.scene, picture.laid
    first, second = _path(picture, edge.source), _path(picture, edge.target)
    common = [a for a, b in zip(first, second, strict=False) if a is b]
    if not common or f"cluster_{common[-1].id}" not in laid.clusters:
        return None
    holding = {g.id for g in [*first, *second]}
    for bar in (edge.source, edge.target):  # a load balancer's bar lies in its subnets
        for subnet in scene.bars.get(bar, []):
            holding |= {g.id for g in path_to_group(scene.cloud, f"subnet:{subnet}")}
    walls = [
        laid.clusters[f"cluster_{g.id}"]
        for g in picture.groups
        if g.kind in _WALLS and g.id not in holding and f"cluster_{g.id}" in laid.clusters
    ]
    return Fences(
        laid.clusters[f"cluster_{common[-1].id}"],
        picture.fenced,
        frozenset(holding),
        walls,
        picture.sides,
        picture.borders,
        picture.icons,
        picture.tracks,
        picture.standing,
    )


def _path(picture: _Picture, node: str) -> list[Group]:
    """Return the boxes from the AWS Cloud down to the node's, found once per node."""
    path = picture.paths.get(node)
    if path is None:
        path = picture.paths[node] = path_to(picture.scene.cloud, node)
    return path


def _grid(boxes: Iterable[Rect]) -> Grid[Rect]:
    """Return boxes in a grid, for the few near a run to be found without testing them all."""
    grid: Grid[Rect] = Grid()
    for box in boxes:
        grid.add(box, box)
    return grid


def _keeps(laid: Laid, edge: Edge, fences: Fences) -> bool:
    """Tell whether the drawn line keeps in its holder, out of fences and off every border."""
    ends = (laid.nodes[edge.source], laid.nodes[edge.target])
    points = [p for p in curve_points(laid.routes[edge.id]) if not any(_in(p, e) for e in ends)]
    if not points:
        return True
    if not all(_in(p, fences.holder, 1.0) for p in points):
        return False
    bounds = hull([(x, y, x, y) for x, y in points])
    walls = [box for box in fences.walls if _in_reach(bounds, box)]  # the rest hold no point
    if any(_in(p, box, -1.0) for p in points for box in walls):
        return False
    if edge.id in laid.rerouted:  # a lane of the tidy pass's own runs beside a box on purpose
        return True
    near = fences.borders.near(grown(bounds, _ON_BORDER + 1.0))  # no other side is that close
    return not any(_along(points, box) for box in near)


def _in_reach(bounds: Rect, box: Rect) -> bool:
    """Tell whether a point within `bounds` may lie in the box shrunk by a point (`_in`, -1)."""
    left, bottom, right, top = box
    inside = left + 1.0 <= bounds[2] and bounds[0] <= right - 1.0
    return inside and bottom + 1.0 <= bounds[3] and bounds[1] <= top - 1.0


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


def _in(point: Point, box: Rect, margin: float = 0.0) -> bool:
    left, bottom, right, top = box
    x, y = point
    return left - margin <= x <= right + margin and bottom - margin <= y <= top + margin
