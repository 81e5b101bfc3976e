"""A NAT gateway a load balancer's bar walls in: under the bar, its way out round the zones.

A load balancer across three zones is a bar over the whole middle public
subnet (`bars`), so the middle zone's NAT gateway, above the bar, can be
joined to the private tier below only by a line through the bar: it reads
as traffic through the load balancer. When that NAT gateway has a line from
below and a line to the internet gateway (the network view's egress), it
moves under the bar, where the private tier's line rises straight into it,
and its line out runs down to the gap under the public row, along it past
the outermost zone, up the VPC's side inside its border, and along under the
internet gateway into it: through no subnet, resource or load balancer.
"""

from __future__ import annotations

from collections.abc import Callable

from archgen.layout.laid import Laid, Point, Rect, open_column, open_strip
from archgen.layout.scene import Scene

_PAD = 12.0
"""Points between the bar and a gateway moved under it, and under the gateway."""
_LANE = 7.0
"""Points between the way round and the borders it runs beside."""
_ICON_CENTRE = 26.0
"""Points from a node's top to its icon's centre: the internet gateway's is on the VPC's edge."""

Take = Callable[[str, float, float], float]
"""Where a line meets a node's side: node, the side's height, the height it comes from."""


def lower_walled(scene: Scene, laid: Laid) -> None:
    """Move each NAT gateway with lines up and down that a bar walls in to under the bar."""
    for bar, subnets in scene.bars.items():
        if bar not in laid.nodes:
            continue
        for subnet in subnets:
            box = laid.clusters.get(f"cluster_subnet:{subnet}")
            if box is None or not laid.nodes[bar][0] < box[0] < box[2] < laid.nodes[bar][2]:
                continue  # the bar leaves room beside it
            for node in [n for n, drawn in scene.nodes.items() if drawn.subnet == subnet]:
                if node in laid.nodes and _both_ways(scene, laid, node, laid.nodes[bar]):
                    _under(scene, laid, node, laid.nodes[bar])


def _both_ways(scene: Scene, laid: Laid, node: str, bar: Rect) -> bool:
    """Tell whether a node over the bar has a line to an internet gateway and one from below."""
    if laid.centre(node)[1] < bar[3]:
        return False
    ends = [e for e in scene.edges if node in (e.source, e.target)]
    out = any(scene.nodes[e.target].type == "internet_gateway" for e in ends if e.source == node)
    below = any(
        e.source in laid.nodes and laid.centre(e.source)[1] < bar[1]
        for e in ends
        if e.target == node
    )
    return out and below


def _under(scene: Scene, laid: Laid, node: str, bar: Rect) -> None:
    """Open a row under the bar, move the node into it, and room beside the VPC for its way out."""
    _, bottom, _, top = laid.nodes[node]
    open_strip(laid, bar[1] - 0.01, top - bottom + 2 * _PAD)
    laid.move(node, 0.0, bar[1] - _PAD - top)
    vpc = _vpc(laid, laid.centre(node))
    if vpc is not None:
        open_column(laid, vpc[0] + 0.01, 2 * _LANE)


def way_round(laid: Laid, gateway: str, source: str, take: Take, xt: float) -> list[Point] | None:
    """Return the corners from a walled NAT gateway to its internet gateway round the zones.

    None when the source is not under a bar's row with a VPC round it.
    """
    vpc = _vpc(laid, laid.centre(source))
    subnet = _holder(laid, source, "cluster_subnet:")
    zones = [b for n, b in laid.clusters.items() if n.startswith("cluster_az:") and _in(b, vpc)]
    if vpc is None or subnet is None or not zones:
        return None
    side = min(b[0] for b in zones) - _LANE
    low = subnet[1] - _LANE
    door = laid.nodes[gateway][1]
    high = max(min(door, vpc[3] - _ICON_CENTRE) - 2 * _LANE, max(b[3] for b in zones) + _LANE)
    xs = take(source, laid.nodes[source][1], low)
    return [
        (xs, laid.nodes[source][1]),
        (xs, low),
        (side, low),
        (side, high),
        (xt, high),
        (xt, door),
    ]


def _vpc(laid: Laid, point: Point) -> Rect | None:
    boxes = [b for n, b in laid.clusters.items() if n.startswith("cluster_vpc:") and _has(b, point)]
    return min(boxes, key=lambda b: b[2] - b[0], default=None)


def _holder(laid: Laid, node: str, prefix: str) -> Rect | None:
    centre = laid.centre(node)
    boxes = [b for n, b in laid.clusters.items() if n.startswith(prefix) and _has(b, centre)]
    return min(boxes, key=lambda b: b[2] - b[0], default=None)


def _in(box: Rect, outer: Rect | None) -> bool:
    return outer is not None and outer[0] <= box[0] and box[2] <= outer[2]


def _has(box: Rect, point: Point) -> bool:
    return box[0] < point[0] < box[2] and box[1] < point[1] < box[3]
