"""Orthogonal routes for the lines whose ends the tidy pass moved.

dot's own routes no longer reach a moved icon, and neato's router, which
knows nothing of boxes, draws straight lines across unrelated subnets. A line
whose end moved therefore leaves its icon vertically, runs along the gap just
outside its subnet (each line in a lane of its own, so none merge into a
rope), and enters the other icon vertically: the connectors of AWS reference
diagrams.
"""

from __future__ import annotations

import itertools

from archgen.layout import style
from archgen.layout.gateway_inside import box_texts, egress, inside_its_vpc
from archgen.layout.label_spots import drawn_segments, group_label_boxes, label_box, spot
from archgen.layout.laid import Laid, Point, Rect, number, open_strip
from archgen.layout.lanes import Gap, edge_y, order_lanes, shared_bands
from archgen.layout.nearby import box_grid, segment_grid
from archgen.layout.scene import Edge, Group, Scene

_LANE = 7.0
"""Points between two lines running side by side in one gap."""
_APART = 16.0
"""Points between two replication lines in one band: dashed lines closer read as one track."""
_ARROW = 8.0
"""Points an arrowhead takes at the end of a line."""
_SPREAD = 12.0
"""Points between lines leaving or entering one icon side by side."""


def route_moved(scene: Scene, laid: Laid, groups: list[Group], also: set[str]) -> None:
    """Give every line with a moved end, and the lines in `also`, an orthogonal route."""
    moved = [
        edge
        for edge in scene.edges
        if (edge.source in laid.moved or edge.target in laid.moved or edge.id in also)
        and edge.source in laid.nodes
        and edge.target in laid.nodes
    ]
    own = {edge.id: _gap(scene, laid, edge) for edge in moved}
    gaps = shared_bands(laid, own)
    lanes: dict[Gap, list[str]] = {}
    for edge in moved:
        lanes.setdefault(gaps[edge.id], []).append(edge.id)
    by_id = {edge.id: edge for edge in moved}
    for gap, members in lanes.items():
        lanes[gap] = order_lanes(laid, [by_id[edge_id] for edge_id in members], gap[1])
    space = {gap: _spacing([by_id[m] for m in members]) for gap, members in lanes.items()}
    banded = sorted((gap for gap in lanes if gap[0]), key=lambda gap: -edge_y(laid, *gap))
    for cluster, side in banded:
        y = edge_y(laid, cluster, side)
        members = lanes[(cluster, side)]
        subnets = len({own[edge_id] for edge_id in members})  # a lane's room under each
        height = space[(cluster, side)] * (len(members) + subnets)
        open_strip(laid, y + (0.01 if side == "top" else 0), height)
    labelled = [e for e in scene.edges if e.id in laid.labels and e not in moved]
    ports = _Ports(laid, [label_box(e, laid.labels[e.id], laid.label_sizes) for e in labelled])
    corners: dict[str, list[Point]] = {}
    _hold_plumbs(scene, laid, moved, ports)
    texts = box_texts(laid, groups)
    for edge in moved:
        cluster, side = gaps[edge.id]
        lane = lanes[gaps[edge.id]].index(edge.id)
        if cluster:
            step = space[gaps[edge.id]]
            y = edge_y(laid, cluster, side) + (step if side == "top" else -step) * (lane + 1)
        else:
            y = _between(laid, edge, _clear_y(laid, edge, _halfway(laid, edge) - lane * _LANE))
        corners[edge.id] = _choose(scene, laid, edge, (cluster, lane, y), ports, texts)
        laid.routes[edge.id] = _spline(corners[edge.id], _has_head(edge))
        laid.rerouted.add(edge.id)
    _label(laid, [e for e in moved if e.label or e.badges], corners, ports.labels, groups)


def _hold_plumbs(scene: Scene, laid: Laid, moved: list[Edge], ports: _Ports) -> None:
    """Keep the places where straight lines into bars meet their other ends, for them alone."""
    for edge in moved:
        straight = _plumb(scene, laid, edge)
        if straight:
            ports.hold(edge.source, straight[0])
            ports.hold(edge.target, straight[-1])


def _choose(
    scene: Scene,
    laid: Laid,
    edge: Edge,
    band: tuple[str, int, float],
    ports: _Ports,
    texts: list[Rect],
) -> list[Point]:
    """Return the corners of one line: `band` is its gap's cluster, its lane and its height."""
    cluster, lane, y = band
    if _plumb(scene, laid, edge):
        return _plumb(scene, laid, edge)
    if _to_gateway(scene, edge) and not inside_its_vpc(laid, edge.target, edge.source):
        return _from_above(laid, edge, lane, ports)
    if not cluster and _level(laid, edge):
        return _beneath(laid, edge, lane, ports)
    if _to_gateway(scene, edge):  # egress rises to it inside the VPC, round notes and bars
        return egress(laid, edge, _corners(laid, edge, y, ports), texts, ports.take)
    return _corners(laid, edge, y, ports)


def _label(
    laid: Laid,
    edges: list[Edge],
    corners: dict[str, list[Point]],
    labels: list[Rect],
    groups: list[Group],
) -> None:
    """Give each rerouted line's label a spot clear of every line, label, icon and box title."""
    segments = segment_grid(drawn_segments(laid))
    borders = segment_grid(_borders(laid, groups))
    boxes = box_grid([*labels, *laid.nodes.values(), *group_label_boxes(laid, groups)])
    for edge in edges:
        laid.labels[edge.id] = spot(
            edge, corners[edge.id], segments, boxes, laid.label_sizes, borders
        )
        placed = label_box(edge, laid.labels[edge.id], laid.label_sizes)
        boxes.add(placed, placed)


def _borders(laid: Laid, groups: list[Group]) -> list[tuple[Point, Point]]:
    """Return the four sides of every drawn box: a label on a border reads as part of it."""
    sides: list[tuple[Point, Point]] = []
    for group in groups:
        box = laid.clusters.get(f"cluster_{group.id}")
        if box is None or group.kind == "asg-slot":
            continue
        left, bottom, right, top = box
        corners = [(left, bottom), (right, bottom), (right, top), (left, top), (left, bottom)]
        sides += list(itertools.pairwise(corners))
    return sides


def _spacing(edges: list[Edge]) -> float:
    """Return the points between the lanes of one band: wider for a band of replication only."""
    return _APART if all(edge.kind == "replication" for edge in edges) else _LANE


def _clear_y(laid: Laid, edge: Edge, y: float, *, upward: bool = False) -> float:
    """Return the y nearest `y` (only above it if `upward`) where a level run meets no icon."""
    xs, xt = laid.centre(edge.source)[0], laid.centre(edge.target)[0]
    low, high = min(xs, xt), max(xs, xt)
    others = [b for n, b in laid.nodes.items() if n not in (edge.source, edge.target)]
    for step in range(40):
        for candidate in (y + step * _LANE,) if upward else (y - step * _LANE, y + step * _LANE):
            if not any(b[0] < high and low < b[2] and b[1] < candidate < b[3] for b in others):
                return candidate
    return y


def _halfway(laid: Laid, edge: Edge) -> float:
    """Return the y halfway between two ends, where a line between no subnets turns."""
    source, target = laid.nodes[edge.source], laid.nodes[edge.target]
    return (source[1] + target[3]) / 2 if _down(laid, edge) else (source[3] + target[1]) / 2


def _to_gateway(scene: Scene, edge: Edge) -> bool:
    return scene.nodes[edge.target].type == "internet_gateway"


def _has_head(edge: Edge) -> bool:
    return style.EDGES[edge.kind].get("arrowhead") != "none"


def _down(laid: Laid, edge: Edge) -> bool:
    source, target = laid.nodes[edge.source], laid.nodes[edge.target]
    return (source[1] + source[3]) / 2 > (target[1] + target[3]) / 2


def _corners(laid: Laid, edge: Edge, y: float, ports: _Ports) -> list[Point]:
    """Return the four corners of a line: out of its source, along a band, into its target."""
    source, target = laid.nodes[edge.source], laid.nodes[edge.target]
    down = _down(laid, edge)
    start_y = source[1] if down else source[3]
    end_y = target[3] if down else target[1]
    if _level(laid, edge):  # both ends on one row: each leaves by the side facing the band
        start_y = source[1] if y < source[1] else source[3]
        end_y = target[1] if y < target[1] else target[3]
    xs = ports.take(edge.source, start_y, y)
    xt = ports.take(edge.target, end_y, y)
    return [(xs, start_y), (xs, y), (xt, y), (xt, end_y)]


def _between(laid: Laid, edge: Edge, y: float) -> float:
    """Return the turn kept between the ends (room allowing): else it turns back into its target."""
    source, target = laid.nodes[edge.source], laid.nodes[edge.target]
    start_y, end_y = (source[1], target[3]) if _down(laid, edge) else (source[3], target[1])
    if _level(laid, edge):
        return y
    low, high = sorted((start_y, end_y))
    if high - low < 2 * _ARROW:
        return y
    room = (
        (low + _ARROW, high - _ARROW / 2) if end_y < start_y else (low + _ARROW / 2, high - _ARROW)
    )
    return min(max(y, room[0]), room[1])


def _from_above(laid: Laid, edge: Edge, lane: int, ports: _Ports) -> list[Point]:
    """Return the corners of a line into a gateway on a VPC's top edge: it comes from outside.

    Inbound traffic enters the internet gateway from above, as AWS draws it,
    never across the boxes beside or below the gateway.
    """
    source, target = laid.nodes[edge.source], laid.nodes[edge.target]
    y = _clear_y(laid, edge, target[3] + _LANE * (lane + 2), upward=True)
    start_y = source[3] if (source[1] + source[3]) / 2 < y else source[1]
    y = (start_y + target[3]) / 2 if start_y == source[1] < y else y  # not up into its name
    xs = ports.take(edge.source, start_y, y)
    xt = ports.take(edge.target, target[3], y)
    return [(xs, start_y), (xs, y), (xt, y), (xt, target[3])]


def _plumb(scene: Scene, laid: Laid, edge: Edge) -> list[Point]:
    """Return a straight upright line into or out of a load balancer's bar, when one fits.

    The bar is the load balancer across its zones: a line meets it straight
    above or below its other end, rather than jogging to the icon.
    """
    for bar, other in ((edge.target, edge.source), (edge.source, edge.target)):
        if bar not in scene.bars:
            continue
        left, bottom, right, top = laid.nodes[bar]
        x = laid.centre(other)[0]
        far = laid.nodes[other]
        ends = [(x, far[1]), (x, top)] if far[1] > top else [(x, far[3]), (x, bottom)]
        low, high = sorted((ends[0][1], ends[1][1]))
        between = [b for n, b in laid.nodes.items() if n not in (bar, other)]
        if any(b[0] < x < b[2] and b[1] < high and low < b[3] for b in between):
            return []
        if not left + _SPREAD < x < right - _SPREAD:  # beyond an end: leave by that end
            side = left + _SPREAD if x < (left + right) / 2 else right - _SPREAD
            turn = (ends[0][1] + ends[1][1]) / 2
            ends = [ends[0], (x, turn), (side, turn), (side, ends[1][1])]
        return ends if bar == edge.target else list(reversed(ends))
    return []


def _level(laid: Laid, edge: Edge) -> bool:
    """Tell whether both ends stand on one row (an instance and an endpoint in its subnet)."""
    return abs(laid.centre(edge.source)[1] - laid.centre(edge.target)[1]) < 1


def _beneath(laid: Laid, edge: Edge, lane: int, ports: _Ports) -> list[Point]:
    """Return the corners of a line between two icons of one row: under their labels.

    A level run between them would cross the icons standing between; one
    above them crosses the row's box title, and dot's curve may leave the picture.
    """
    source, target = laid.nodes[edge.source], laid.nodes[edge.target]
    y = min(source[1], target[1]) - _LANE * (lane + 1)
    xs = ports.take(edge.source, source[1], y)
    xt = ports.take(edge.target, target[1], y)
    return [(xs, source[1]), (xs, y), (xt, y), (xt, target[1])]


class _Ports:
    """Where lines leave and enter icons: apart from each other and clear of labels."""

    def __init__(self, laid: Laid, labels: list[Rect]) -> None:
        self.laid = laid
        self.labels = labels
        self.taken: dict[str, list[float]] = {}

    def hold(self, node: str, end: Point) -> None:
        """Keep the place where a line routed otherwise meets a node's side."""
        self.taken.setdefault(f"{node} {end[1]:.0f}", []).append(end[0])

    def take(self, node: str, y_node: float, y_band: float) -> float:
        """Return the x a vertical run from the band to the node's border takes."""
        left, _, right, _ = self.laid.nodes[node]
        centre = (left + right) / 2
        taken = self.taken.setdefault(f"{node} {y_node:.0f}", [])  # per side of the icon
        low, high = min(y_node, y_band), max(y_node, y_band)
        for step in range(5):
            for x in {centre + step * _SPREAD, centre - step * _SPREAD}:
                free = all(abs(x - t) >= _SPREAD / 2 for t in taken)
                clear = not any(b[0] < x < b[2] and b[1] < high and low < b[3] for b in self.labels)
                if free and clear:
                    taken.append(x)
                    return x
        taken.append(centre)
        return centre


def _gap(scene: Scene, laid: Laid, edge: Edge) -> Gap:
    """Return the band the line runs along: just outside the subnet it leaves, or enters."""
    down = _down(laid, edge)
    if _subnet(scene, edge.source) and _subnet(scene, edge.source) == _subnet(scene, edge.target):
        return ("", "")  # within one subnet: it turns halfway, inside the box
    if edge.kind == "replication" and _subnet(scene, edge.source):
        return (f"cluster_subnet:{_subnet(scene, edge.source)}", "bottom")  # under the row
    for end, leaving in ((edge.source, True), (edge.target, False)):
        subnet = _subnet(scene, end)
        if subnet:
            outward = down if leaving else not down
            return (f"cluster_subnet:{subnet}", "bottom" if outward else "top")
    return ("", "")


def _subnet(scene: Scene, node_id: str) -> str:
    return scene.nodes[node_id].subnet if node_id in scene.nodes else ""


def route_corners(corners: list[Point], edge: Edge) -> str:
    """Return the straight pieces through `corners` as a route for `edge` (with its head)."""
    return _spline(corners, _has_head(edge))


def _spline(corners: list[Point], head: bool) -> str:
    """Return straight segments through `corners` as graphviz's cubic B-spline text."""
    points = list(corners)
    tip = points[-1]
    if head:  # the line stops short, on its own side of the tip; the arrowhead reaches the icon
        x, y = points[-2]
        if x == tip[0]:
            points[-1] = (tip[0], tip[1] + (_ARROW if tip[1] < y else -_ARROW))
        else:
            points[-1] = (tip[0] + (_ARROW if tip[0] < x else -_ARROW), tip[1])
    controls = [points[0]]
    for (x1, y1), (x2, y2) in itertools.pairwise(points):
        controls += [(x1 + (x2 - x1) / 3, y1 + (y2 - y1) / 3)]
        controls += [(x1 + 2 * (x2 - x1) / 3, y1 + 2 * (y2 - y1) / 3), (x2, y2)]
    text = " ".join(f"{number(x)},{number(y)}" for x, y in controls)
    return f"e,{number(tip[0])},{number(tip[1])} {text}" if head else text
