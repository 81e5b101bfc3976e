"""Lines dot curved back on themselves, given straight pieces once the tidy pass has moved things.

dot ranks a line's label as a node of its own, and where two lines with
labels share an end (the capstone's "SQL query" and "load rows" into one
database) their curves wiggle round each other's labels. The tidy pass then
opens bands for other lines across those curves, and every band stretches
the wiggle: a line from the tier above to the tier below climbs back before
it comes down, and reads as a loop beside its badge. Such a line between two
tiers (both ends in subnets) is drawn as AWS reference diagrams draw
connectors: down from its source, along a level run in the gap between the
tiers' rows, clear of icons and other runs, and down into its target.
"""

from __future__ import annotations

import itertools

from archgen.layout.label_spots import (
    curve_points,
)
from archgen.layout.laid import Laid, Point, Rect
from archgen.layout.relabel import relabel
from archgen.layout.route import route_corners
from archgen.layout.scene import Edge, Group, Scene

_TURN = 10.0
"""Points a line may swing back against its way before it reads as a loop."""
_ROWS = 3 * _TURN
"""Points between two ends' heights for them to stand on different rows."""
_LANE = 7.0
"""Points between a level run and another line's level run."""
_ARROW = 8.0
"""Points an arrowhead takes: a line ends that far from the side of its icon."""
_SPREAD = 12.0
"""Points between lines entering one icon side by side."""


def straighten_loops(scene: Scene, laid: Laid, groups: list[Group]) -> None:
    """Give each line between two rows whose curve climbs back a route of straight pieces."""
    looping = [edge for edge in scene.edges if _in_subnets(scene, edge) and _loops(laid, edge)]
    if not looping:
        return
    taken = _ends(laid, {edge.id for edge in looping})
    looping.sort(key=lambda edge: -abs(laid.centre(edge.source)[0] - laid.centre(edge.target)[0]))
    for edge in looping:  # the farthest first: its level run lies lowest, under the nearer ones
        corners = _corners(scene, laid, edge, taken)
        laid.routes[edge.id] = route_corners(corners, edge)
        laid.rerouted.add(edge.id)
        if edge.id in laid.labels:
            relabel(scene, laid, edge, corners, groups)


def _ends(laid: Laid, skipped: set[str]) -> dict[str, list[float]]:
    """Return, per icon and side, where the lines already routed meet it."""
    taken: dict[str, list[float]] = {}
    sides = {
        f"{name} {y:.0f}": (box, y) for name, box in laid.nodes.items() for y in (box[1], box[3])
    }
    for key, route in laid.routes.items():
        if key in skipped:
            continue
        points = curve_points(route)
        for x, y in (points[0], points[-1]):
            for side, (box, level) in sides.items():
                if box[0] < x < box[2] and abs(y - level) < 2 * _ARROW:
                    taken.setdefault(side, []).append(x)
    return taken


def swing(ys: list[float]) -> float:
    """Return how far a line's heights go back against the way from its first to its last."""
    down = ys[-1] < ys[0]
    worst, reached = 0.0, ys[0]
    for y in ys:
        worst = max(worst, y - reached if down else reached - y)
        reached = min(reached, y) if down else max(reached, y)
    return worst


def _in_subnets(scene: Scene, edge: Edge) -> bool:
    """Tell whether both ends stand in subnets: tiers, with a gap between their rows to run in."""
    return all(
        node in scene.nodes and scene.nodes[node].subnet for node in (edge.source, edge.target)
    )


def _loops(laid: Laid, edge: Edge) -> bool:
    if edge.id not in laid.routes or edge.id in laid.rerouted:  # straight pieces, turned on purpose
        return False
    if edge.source not in laid.nodes or edge.target not in laid.nodes:
        return False
    ys = [y for _, y in curve_points(laid.routes[edge.id])]
    return len(ys) > 1 and abs(ys[-1] - ys[0]) > _ROWS and swing(ys) > _TURN


def _corners(scene: Scene, laid: Laid, edge: Edge, taken: dict[str, list[float]]) -> list[Point]:
    """Return out of the source's side facing the target, a level run, into the target."""
    source, target = laid.nodes[edge.source], laid.nodes[edge.target]
    down = laid.centre(edge.source)[1] > laid.centre(edge.target)[1]
    start = source[1] if down else source[3]
    end = target[3] if down else target[1]
    xs = _port(laid, edge.source, start, laid.centre(edge.target)[0], taken)
    xt = _port(laid, edge.target, end, xs, taken)
    y = _level(laid, edge, (xs, xt), _between(scene, laid, edge, (start, end)), 1 if down else -1)
    return [(xs, start), (xs, y), (xt, y), (xt, end)]


def _between(scene: Scene, laid: Laid, edge: Edge, ends: Point) -> Point:
    """Return the heights the level run may take: the gap between the ends' subnets, if any.

    Run inside a subnet, it would cross the subnet's name and notes.
    """
    low, high = sorted(ends)
    boxes = [_subnet_box(scene, laid, node) for node in (edge.source, edge.target)]
    for box in boxes:
        if box is not None and box[3] <= high and box[3] > low:
            low = box[3]
        if box is not None and box[1] >= low and box[1] < high:
            high = box[1]
    return (low, high) if high - low > 2 * _LANE else tuple(sorted(ends))  # type: ignore[return-value]


def _subnet_box(scene: Scene, laid: Laid, node: str) -> Rect | None:
    subnet = scene.nodes[node].subnet if node in scene.nodes else ""
    return laid.clusters.get(f"cluster_subnet:{subnet}") if subnet else None


def _port(laid: Laid, node: str, y: float, towards: float, taken: dict[str, list[float]]) -> float:
    """Return the free x on the node's side nearest `towards` (where the line comes from).

    Lines processed farthest first then meet the icon in the order they come from, uncrossed.
    """
    left, _, right, _ = laid.nodes[node]
    held = taken.setdefault(f"{node} {y:.0f}", [])
    centre = (left + right) / 2
    places = [centre + step * _SPREAD for step in range(-2, 3)]  # under the icon, not its name
    free = [x for x in places if all(abs(x - other) >= _SPREAD / 2 for other in held)]
    chosen = min(free, key=lambda x: abs(x - towards)) if free else centre
    held.append(chosen)
    return chosen


def _level(laid: Laid, edge: Edge, xs_xt: Point, heights: Point, upward: int) -> float:
    """Return the height of the level run: midway in `heights`, off every icon and level run.

    Taken, it moves towards the source first (`upward` 1 when that is up): a
    nearer line's run lies nearer its source than a farther one's, and they do not cross.
    """
    bottom, top = heights
    low, high = min(xs_xt), max(xs_xt)
    runs = [
        a[1]
        for key, route in laid.routes.items()
        if key != edge.id
        for a, b in itertools.pairwise(curve_points(route))
        if abs(a[1] - b[1]) < 0.5 and min(a[0], b[0]) < high and low < max(a[0], b[0])
    ]
    icons = [b for n, b in laid.nodes.items() if n not in (edge.source, edge.target)]
    middle = (top + bottom) / 2
    for step in range(40):
        for y in (middle + upward * step * _LANE, middle - upward * step * _LANE):
            clear_of_runs = all(abs(y - run) >= _LANE for run in runs)
            clear_of_icons = not any(i[0] < high and low < i[2] and i[1] < y < i[3] for i in icons)
            if bottom < y < top and clear_of_runs and clear_of_icons:
                return y
    return middle
