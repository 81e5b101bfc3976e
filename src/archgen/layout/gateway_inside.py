"""Lines that leave a VPC through its internet gateway: they rise to it from inside the VPC.

The internet gateway sits on the VPC's top edge (`borders`). Traffic from the
internet comes down into it from above; traffic from inside the VPC (a NAT
gateway's way out, a declared connection out through it) reaches it from
below, inside the border, as an architect draws egress: a line that came round
over the border would read as arriving from the internet. Such a line leaves
its icon upwards, and where a subnet's name and notes (its route table and
NACL) stand over the icon it steps aside under them rather than through them.
"""

from __future__ import annotations

from archgen.layout.laid import Laid, Point, Rect
from archgen.layout.scene import Edge
from archgen.layout.walled import Take, way_round

_ICON_CENTRE = 26.0
"""Points from a node's top to its icon's centre: the gateway's icon centre is on the edge."""
_LANE = 7.0
"""Points between a line and the text it steps round."""
_STEPS = 80
"""Lanes tried sideways for a clear way up before the line goes straight."""


def inside_its_vpc(laid: Laid, gateway: str, node: str) -> bool:
    """Tell whether `node` stands inside the VPC whose top edge the gateway sits on."""
    left, _, right, top = laid.nodes[gateway]
    x, edge = (left + right) / 2, top - _ICON_CENTRE
    centre = laid.centre(node)
    return any(
        abs(box[3] - edge) < 1 and box[0] < x < box[2] and _holds(box, centre)
        for name, box in laid.clusters.items()
        if name.startswith("cluster_vpc:")
    )


def egress(
    laid: Laid, edge: Edge, corners: list[Point], texts: list[Rect], take: Take
) -> list[Point]:
    """Return the corners of a line from inside a VPC up to its internet gateway.

    `corners` go up, along a band and up; a bar in the way of the first run
    (a NAT gateway under a load balancer, `walled`) sends the line round the zones.
    """
    icons = [b for n, b in laid.nodes.items() if n not in (edge.source, edge.target)]
    (xs, start), (_, band) = corners[0], corners[1]
    if any(_cuts(((xs, start), (xs, band)), box) for box in icons):
        found = way_round(laid, edge.target, edge.source, take, corners[-1][0])
        if found is not None:
            return found
    return rise(corners, texts, icons)


def rise(corners: list[Point], texts: list[Rect], icons: list[Rect]) -> list[Point]:
    """Return four corners (up, along a band, up) with the first run stepped round `texts`.

    The first run goes up from the icon to the band; when a box's name or
    notes stand in its way it turns under them, runs to the lane clear of
    them that makes the shortest way (either side) and rises there. The texts' boxes
    are estimated generously, so the turn is never lower than just over the
    icon: dot stands an icon under its box's notes, never beside them.
    """
    (xs, start), (_, band), (xt, _), end = corners
    blocking = [box for box in texts if _cuts(((xs, start), (xs, band)), box)]
    if not blocking:
        return corners
    under = max(min(box[1] for box in blocking) - _LANE, start + _LANE)  # texts are estimated
    if under >= band:
        return corners
    lanes = [xs + side * step * _LANE for step in range(1, _STEPS) for side in (1, -1)]
    clear = [
        x
        for x in lanes
        if not any(_cuts(((x, under), (x, band)), _wider(box)) for box in [*texts, *icons])
    ]
    if not clear:
        return corners
    x = min(clear, key=lambda lane: abs(lane - xs) + abs(xt - lane))
    return _checked(
        [(xs, start), (xs, under), (x, under), (x, band), (xt, band), end], icons, corners
    )


def _checked(stepped: list[Point], icons: list[Rect], fallback: list[Point]) -> list[Point]:
    """Return `stepped` unless its run under the texts meets an icon (then `fallback`)."""
    run = (stepped[1], stepped[2])
    return fallback if any(_cuts(run, box) for box in icons) else stepped


def _wider(box: Rect) -> Rect:
    """Return a box a lane wider each side: a line that rises past a text keeps off its edge."""
    return (box[0] - _LANE, box[1], box[2] + _LANE, box[3])


def _holds(box: Rect, point: Point) -> bool:
    return box[0] < point[0] < box[2] and box[1] < point[1] < box[3]


def _cuts(piece: tuple[Point, Point], box: Rect) -> bool:
    """Tell whether a level or upright piece runs into a box."""
    (x1, y1), (x2, y2) = piece
    low_x, high_x, low_y, high_y = min(x1, x2), max(x1, x2), min(y1, y2), max(y1, y2)
    return low_x < box[2] and box[0] < high_x and low_y < box[3] and box[1] < high_y
