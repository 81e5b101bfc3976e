"""Interface endpoints on a row of their own under the resources that call them.

An interface endpoint is a network interface in the caller's subnet, so the
picture draws it there; drawn beside the caller (dot's choice when they share
a rank) its line to the service has to cross every other endpoint's, and the
subnet grows as wide as all of them together. An AWS architect draws the
endpoints of a subnet as a compact row below its instances: the short hop
from the caller to each endpoint runs straight down, and the endpoints'
lines leave for their services in parallel lanes, in the order the services
stand. `stack_endpoints` asks dot for that row; `tidy_endpoint_rows` puts
the endpoints in the order of their services and keeps the caller's own
lines (to a gateway endpoint, to a database) from running through the row.
"""

from __future__ import annotations

import itertools

from archgen.layout.label_spots import curve_points
from archgen.layout.laid import Laid, Point, Rect, open_column
from archgen.layout.scene import Group, Scene


def is_endpoint(scene: Scene, node_id: str) -> bool:
    """Tell whether a node is an interface endpoint's interface in a subnet."""
    node = scene.nodes[node_id]
    return node.type == "vpc_endpoint" and bool(node.subnet)


def lead(scene: Scene, node_ids: list[str]) -> str:
    """Return the node that holds a subnet's tier row: its first that is not an endpoint."""
    others = [n for n in node_ids if not is_endpoint(scene, n)]
    return (others or node_ids)[0]


def stack_endpoints(scene: Scene, node_ids: list[str]) -> None:
    """Hold a subnet's interface endpoints one rank under the other resources in it."""
    ends = [n for n in node_ids if is_endpoint(scene, n)]
    others = [n for n in node_ids if not is_endpoint(scene, n)]
    if ends and others:
        scene.above += [(others[0], end) for end in ends]


def tidy_endpoint_rows(scene: Scene, laid: Laid, subnets: list[Group]) -> None:
    """Order each subnet's endpoint row by its services and clear the callers' way down."""
    for subnet in subnets:
        held = [n for n in _held(subnet) if n in laid.nodes]
        ends = [n for n in held if is_endpoint(scene, n)]
        callers = [n for n in held if n not in ends]
        if not ends or not callers or not _a_row_under(laid, ends, callers):
            continue  # a relaxed layout (layout.ladder) may keep them on one rank
        _order(scene, laid, ends)
        for caller in callers:
            _clear_way(scene, laid, caller, ends)


def _a_row_under(laid: Laid, ends: list[str], callers: list[str]) -> bool:
    """Tell whether the endpoints share one row, below every caller (graphviz's y is up)."""
    row = {round(laid.centre(end)[1]) for end in ends}
    return len(row) == 1 and max(laid.nodes[e][3] for e in ends) < min(
        laid.nodes[c][1] for c in callers
    )


def _held(group: Group) -> list[str]:
    return [*group.nodes, *(n for child in group.groups for n in _held(child))]


def _order(scene: Scene, laid: Laid, ends: list[str]) -> None:
    """Give the endpoints the row's places in the left-to-right order of their services.

    Their lines then leave side by side, none crossing another of the row.
    """
    slots = sorted(laid.centre(end)[0] for end in ends)
    ordered = sorted(ends, key=lambda end: (_service_x(scene, laid, end), laid.centre(end)[0]))
    for end, slot in zip(ordered, slots, strict=True):
        dx = slot - laid.centre(end)[0]
        if abs(dx) > _STILL:
            laid.move(end, dx)


_STILL = 0.5
"""Points under which a node counts as not moved (no line is routed again)."""


def _service_x(scene: Scene, laid: Laid, end: str) -> float:
    """Return where the endpoint's lines arrive, on average (its own place if it has none)."""
    xs = [
        laid.centre(edge.target)[0]
        for edge in scene.edges
        if edge.source == end and edge.target in laid.nodes
    ]
    return sum(xs) / len(xs) if xs else laid.centre(end)[0]


def _clear_way(scene: Scene, laid: Laid, caller: str, ends: list[str]) -> None:
    """Move a caller standing over an endpoint to the nearest gap of the row, widened to fit.

    Its lines that leave downwards (to a gateway endpoint, a database, a role
    beside it) then pass between two endpoints rather than through one, each
    port `route._SPREAD` from the next; its box (an Auto Scaling group's slot)
    moves with it.
    """
    down = _lines_down(scene, laid, caller)
    x = laid.centre(caller)[0]
    row = sorted((laid.nodes[end][0], laid.nodes[end][2]) for end in ends)
    leaving = any(
        caller in (e.source, e.target) and not {e.source, e.target} & set(ends) for e in scene.edges
    )
    if not leaving or not any(left - _SPREAD < x < right + _SPREAD for left, right in row):
        return
    gaps = list(itertools.pairwise(row))
    if not gaps:
        return
    before, after = min(gaps, key=lambda gap: (abs((gap[0][1] + gap[1][0]) / 2 - x), gap))
    extra = _SPREAD * (down + 1) - (after[0] - before[1])
    middle = (before[1] + after[0]) / 2
    if extra > 0:
        open_column(laid, middle, extra)
        middle += extra / 2
    dx = middle - laid.centre(caller)[0]
    laid.move(caller, dx)
    slot = f"cluster_asg:{caller}"
    if slot in laid.clusters:
        left, bottom, right, top = laid.clusters[slot]
        laid.clusters[slot] = (left + dx, bottom, right + dx, top)


_SPREAD = 12.0
"""Points between two lines leaving one icon side by side (as `route` spaces them)."""


def _lines_down(scene: Scene, laid: Laid, caller: str) -> int:
    """Count the caller's lines that leave by its bottom: each takes a port of its own there."""
    others = [
        edge.source if edge.target == caller else edge.target
        for edge in scene.edges
        if caller in (edge.source, edge.target)
    ]
    y = laid.centre(caller)[1]
    return sum(1 for other in others if other in laid.nodes and laid.centre(other)[1] <= y + 1)


def through_icons(scene: Scene, laid: Laid) -> set[str]:
    """Return the lines out of an endpoint row whose route runs through an icon of another.

    dot curves an endpoint's line to a service far across the picture over
    whatever stands between, such as a gateway endpoint on the VPC's border;
    `route` gives such a line an orthogonal route instead.
    """
    found = set()
    for edge in scene.edges:
        if edge.id not in laid.routes or not is_endpoint(scene, edge.source):
            continue
        points = curve_points(laid.routes[edge.id])
        icons = [box for name, box in laid.nodes.items() if name not in (edge.source, edge.target)]
        if any(_inside(point, box) for point in points for box in icons):
            found.add(edge.id)
    return found


def _inside(point: Point, box: Rect) -> bool:
    return box[0] < point[0] < box[2] and box[1] < point[1] < box[3]
