"""Lines that meet one side of an icon meet it apart, in the order they come from.

dot aims every line at a node's centre, and `landing` moves the ends that
miss the icon onto its nearest side: three lines into a database from the
rows above then end at one spot of its top edge, and an architect sees one
arrowhead where three connections arrive (the review's MySQL primary). Here
the ends on each side of an icon, arrowheads and starts alike, are spread
along that side. Which end takes which place is chosen so that the lines do
not cross on their way in: of two lines, the one that would cross the other
on the right goes left; when either order crosses as often, the one that
comes from further left (lower, on a side) goes first. An end moves with the
straight run that leads into it, so a route at right angles stays square
and a curve keeps its direction into the icon.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator
from typing import NamedTuple

from archgen.layout.label_side import label_sides
from archgen.layout.label_spots import curve_points
from archgen.layout.laid import Laid, Point, Rect, number
from archgen.layout.landing import icon_box
from archgen.layout.scene import Scene

GAP = 12.0
"""Points between the ends spread along one side: an arrowhead is about 5 points wide."""
CROWDED = 10.0
"""Points under which two ends on one side are spread."""
_NEAR = 4.0
"""Points within which an end counts as on a side."""
_INSET = 8.0
"""Points a spread end keeps from the icon's corners: ends on two sides stay apart."""
_SAME = 0.5
"""Points within which two control points lie on one straight run."""


class _End(NamedTuple):
    """One end of a line on an icon's side: which line, which end, and where along the side."""

    edge_id: str
    first: bool
    along: float
    source: float
    """Where the line comes from along the side's axis: its other end."""


def spread_ends(scene: Scene, laid: Laid) -> None:
    """Spread the crowded ends on each side of each icon, in an order that crosses least."""
    sides: dict[tuple[str, str], list[_End]] = {}
    for node_id, side, end in _ends(scene, laid):
        sides.setdefault((node_id, side), []).append(end)
    for (node_id, side), ends in sorted(sides.items()):
        if len(ends) < 2 or not _crowded(ends):
            continue
        axis = 0 if side in ("top", "bottom") else 1
        span = _span(icon_of(scene, laid, node_id), side, len(ends))
        places = _places([e.along for e in ends], span)
        if places[1] - places[0] <= _closest(ends):
            continue  # too many for the side: spreading would bring two closer
        places = _off_tracks(laid, ends, places, span, axis)
        order = _order(laid, ends, places, axis)
        order = label_sides(
            laid, order, places, axis, functools.partial(_routed, laid, places, axis)
        )
        for end, place in zip(order, places, strict=True):
            laid.routes[end.edge_id] = _shifted(
                laid.routes[end.edge_id], end.first, axis, place - end.along
            )


def _routed(laid: Laid, places: list[float], axis: int, order: list[_End]) -> dict[str, str]:
    """Return the routes of one side's lines with their ends at the places, in `order`."""
    return {
        end.edge_id: _shifted(laid.routes[end.edge_id], end.first, axis, place - end.along)
        for end, place in zip(order, places, strict=True)
    }


def icon_of(scene: Scene, laid: Laid, node_id: str) -> Rect:
    """Return the icon's cell of a drawn node, as `landing` finds it."""
    node = scene.nodes[node_id]
    return icon_box(laid.nodes[node_id], node.shape, bool(node.marker))


def _ends(scene: Scene, laid: Laid) -> Iterator[tuple[str, str, _End]]:
    """Yield (node, side, end) for each line end that lies on an icon's side."""
    for edge in scene.edges:
        route = laid.routes.get(edge.id)
        if route is None:
            continue
        ends = [(edge.source, True)] + ([] if edge.box else [(edge.target, False)])
        for node_id, first in ends:
            if node_id not in laid.nodes or node_id in scene.bars or node_id not in scene.nodes:
                continue
            point, other = _end_point(route, first=first), _end_point(route, first=not first)
            side = _side(point, icon_of(scene, laid, node_id), laid.nodes[node_id])
            if side:
                axis = 0 if side in ("top", "bottom") else 1
                yield node_id, side, _End(edge.id, first, point[axis], other[axis])


def _side(point: Point, icon: Rect, box: Rect) -> str:
    """Return the side of the icon `point` lies on ("bottom": under the name); "" for none."""
    left, bottom, right, top = icon
    x, y = point
    in_column = left - _NEAR <= x <= right + _NEAR
    if in_column and abs(y - top) <= _NEAR:
        return "top"
    if in_column and abs(y - box[1]) <= _NEAR:
        return "bottom"
    if bottom - _NEAR <= y <= top + _NEAR:
        if abs(x - left) <= _NEAR:
            return "left"
        if abs(x - right) <= _NEAR:
            return "right"
    return ""


def _span(icon: Rect, side: str, count: int) -> tuple[float, float]:
    """Return the stretch of a side the ends may take: clear of the corners, if they fit."""
    left, bottom, right, top = icon
    low, high = (left, right) if side in ("top", "bottom") else (bottom, top)
    inset = min(_INSET, max(0.0, (high - low - GAP * (count - 1)) / 2))
    return (low + inset, high - inset)


def _crowded(ends: list[_End]) -> bool:
    return _closest(ends) < CROWDED


def _closest(ends: list[_End]) -> float:
    """Return the least distance between two ends on one side."""
    return min(abs(a.along - b.along) for a, b in itertools.combinations(ends, 2))


def _places(alongs: list[float], span: tuple[float, float]) -> list[float]:
    """Return evenly spaced places for the ends, centred where they were, inside the span."""
    low, high = span
    step = min(GAP, (high - low) / (len(alongs) - 1))
    width = step * (len(alongs) - 1)
    start = sum(alongs) / len(alongs) - width / 2
    start = min(max(start, low), high - width)
    return [start + step * index for index in range(len(alongs))]


def _off_tracks(
    laid: Laid, ends: list[_End], places: list[float], span: tuple[float, float], axis: int
) -> list[float]:
    """Return the places moved half a step aside where one puts a run in on another line's track.

    An end moves with the straight run into it, which may then lie on a
    stretch of another line, or of its own line's far end, running the same
    way (EC2 design: a server's two lines, one of them into a gateway
    endpoint right under the other).
    """
    tracks = _tracks(laid, ends, axis)
    step = places[1] - places[0]
    for by in (0.0, step / 2, -step / 2, step, -step):
        moved = [place + by for place in places]
        inside = span[0] <= moved[0] and moved[-1] <= span[1]
        if inside and not any(abs(m - t) < _TRACK for m in moved for t in tracks):
            return moved
    return places


def _tracks(laid: Laid, ends: list[_End], axis: int) -> list[float]:
    """Return where pieces of lines run the same way as, and beside, the ends' runs in.

    Every piece of every line is looked at for each crowded side: the runs
    moving with their ends are sorted by line, and the stretches compared
    with plain loops, once per piece.
    """
    runs = {(end.edge_id, end.first): _run(laid.routes[end.edge_id], end, axis) for end in ends}
    moving: dict[str, list[float]] = {}
    for (edge_id, _), run in runs.items():
        moving.setdefault(edge_id, []).append(run[0])
    stretches = [(start, stop) for _, start, stop in runs.values()]
    found = []
    for edge_id, route in laid.routes.items():
        own = moving.get(edge_id, [])
        for a, b in itertools.pairwise(curve_points(route)):
            at = a[axis]
            if abs(at - b[axis]) >= _SAME or any(abs(at - r) < _SAME for r in own):
                continue  # not a run the same way, or a run that moves with its end
            one, two = a[1 - axis], b[1 - axis]
            low, high = (one, two) if one <= two else (two, one)  # `sorted`, written out
            for start, stop in stretches:
                if min(high, stop) - max(low, start) > _TRACK:
                    found.append(at)
                    break
    return found


def _run(route: str, end: _End, axis: int) -> tuple[float, float, float]:
    """Return where the straight run into an end lies along the side, and how far it reaches."""
    points = curve_points(route)
    if not end.first:
        points.reverse()
    run = list(itertools.takewhile(lambda p: abs(p[axis] - points[0][axis]) < _SAME, points))
    reach = [p[1 - axis] for p in run]
    return (points[0][axis], min(reach), max(reach))


_TRACK = 2.0
"""Points within which two runs lie on one track."""


def _order(laid: Laid, ends: list[_End], places: list[float], axis: int) -> list[_End]:
    """Return the ends in the order they take the places: the one crossing less goes first."""
    low, high = places[0], places[-1] if len(places) > 1 else places[0] + GAP

    def before(one: _End, two: _End) -> int:
        ahead = _crossings(laid, (one, low), (two, high), axis)
        behind = _crossings(laid, (two, low), (one, high), axis)
        if ahead != behind:
            return -1 if ahead < behind else 1
        return -1 if (one.source, one.along) < (two.source, two.along) else 1

    return sorted(ends, key=functools.cmp_to_key(before))


def _crossings(laid: Laid, one: tuple[_End, float], two: tuple[_End, float], axis: int) -> int:
    """Return how often two lines cross with their ends moved to the places given."""
    first, second = (
        _line(laid.routes[end.edge_id], end.first, axis, round(place - end.along, 2))
        for end, place in (one, two)
    )
    near, other = _pieces(first, _bounds(second)), _pieces(second, _bounds(first))
    return sum(1 for a, b in near for c, d in other if _cross(a, b, c, d))


@functools.lru_cache(maxsize=512)
def _line(route: str, first: bool, axis: int, by: float) -> tuple[Point, ...]:
    """Return the points along a route with one end moved (`_shifted`); kept, as orders retry."""
    return tuple(curve_points(_shifted(route, first, axis, by)))


def _bounds(points: tuple[Point, ...]) -> Rect:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def _pieces(points: tuple[Point, ...], box: Rect) -> list[tuple[Point, Point]]:
    """Return the straight pieces of a line that reach into `box`: only they can cross in it."""
    left, bottom, right, top = box
    return [
        (a, b)
        for a, b in itertools.pairwise(points)
        if max(a[0], b[0]) >= left
        and min(a[0], b[0]) <= right
        and max(a[1], b[1]) >= bottom
        and min(a[1], b[1]) <= top
    ]


def _cross(a: Point, b: Point, c: Point, d: Point) -> bool:
    """Tell whether two straight pieces cross (touching ends aside)."""

    def side(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return side(a, b, c) * side(a, b, d) < 0 and side(c, d, a) * side(c, d, b) < 0


def _shifted(route: str, first: bool, axis: int, by: float) -> str:
    """Return the route with one end, and the straight run into it, moved `by` along `axis`."""
    if abs(by) < 0.01:
        return route
    curve, *rest = route.split(";")
    words = curve.split()
    controls = [i for i, w in enumerate(words) if not w.startswith(("e,", "s,"))]
    if len(controls) < 4:
        return route
    run = controls if first else controls[::-1]
    moving = run[:2]
    level = _point(words[run[0]])[axis]
    for index in run[2:-1]:  # the run into the end, never the line's other end
        if abs(_point(words[index])[axis] - level) > _SAME:
            break
        moving.append(index)
    moving += [i for i, w in enumerate(words) if w.startswith("s," if first else "e,")]
    for index in moving:
        head = words[index][:2] if words[index].startswith(("e,", "s,")) else ""
        point = list(_point(words[index].removeprefix(head)))
        point[axis] += by
        words[index] = f"{head}{number(point[0])},{number(point[1])}"
    return ";".join([" ".join(words), *rest])


def _end_point(route: str, *, first: bool) -> Point:
    """Return where a line ends at one end: its arrowhead's tip, else its last control point."""
    words = route.split(";")[0].split()
    tip = next((w for w in words if w.startswith("s," if first else "e,")), None)
    if tip is not None:
        return _point(tip[2:])
    controls = [w for w in words if not w.startswith(("e,", "s,"))]
    return _point(controls[0] if first else controls[-1])


def _point(word: str) -> Point:
    x, y = word.split(",")
    return (float(x), float(y))
