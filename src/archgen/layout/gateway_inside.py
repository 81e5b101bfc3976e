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

from archgen.layout.label_spots import group_label_boxes
from archgen.layout.laid import Laid, Point, Rect, open_strip
from archgen.layout.scene import Edge, Group, Scene
from archgen.layout.walled import Take, way_round

_ICON_CENTRE = 26.0
"""Points from a node's top to its icon's centre: the gateway's icon centre is on the edge."""
_LANE = 7.0
"""Points between a line and the text it steps round."""
_ROOM = 3 * _LANE
"""Points between a gateway's name and the zones under it, for the lines rising into it."""
_STEPS = 80
"""Lanes tried sideways for a clear way up before the line goes straight."""


def make_room(scene: Scene, laid: Laid) -> None:
    """Open a band under each internet gateway that lines from inside reach, over its zones.

    Without a gateway over the gap between two zones (a load balancer's),
    the gateway stands over a zone's title, and a line rising into it would
    cross the title; it runs along this band instead.
    """
    for gateway in [
        n for n in laid.nodes if n in scene.nodes and scene.nodes[n].type == "internet_gateway"
    ]:
        ends = [e.source for e in scene.edges if e.target == gateway and e.source in laid.nodes]
        if not any(inside_its_vpc(laid, gateway, end) for end in ends):
            continue
        door = laid.nodes[gateway][1]
        tops = [
            box[3]
            for name, box in laid.clusters.items()
            if name.startswith("cluster_az:") and box[0] < laid.centre(gateway)[0] < box[2]
        ]
        if tops and max(tops) > door - _ROOM:
            open_strip(laid, max(tops) + 0.01, max(tops) - door + _ROOM)


def box_texts(laid: Laid, groups: list[Group]) -> list[Rect]:
    """Return where boxes' names and notes stand, each within its own box.

    The text's width is estimated from its characters (`label_spots`), a
    little wide; dot sized the box to hold it, so the box's side bounds it.
    """
    drawn = [g for g in groups if f"cluster_{g.id}" in laid.clusters and g.kind != "asg-slot"]
    return [
        (left, bottom, min(right, laid.clusters[f"cluster_{group.id}"][2]), top)
        for group, (left, bottom, right, top) in zip(
            drawn, group_label_boxes(laid, drawn), strict=True
        )
    ]


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
    if any(_cuts(((xt, band), end), box) for box in texts):  # a zone's title under the gateway
        band = max(band, end[1] - _ROOM + _LANE)
        corners = [(xs, start), (xs, band), (xt, band), end]
    blocking = [box for box in texts if _cuts(((xs, start), (xs, band)), box)]
    if not blocking:
        return corners
    under = max(min(box[1] for box in blocking) - _LANE, start + _LANE)  # texts are estimated
    if under >= band:
        return corners
    lanes = [xs + side * step * _LANE for step in range(1, _STEPS) for side in (1, -1)]
    walls = _walls([*texts, *icons], under, band)
    clear = [x for x in lanes if not any(left < x < right for left, right in walls)]
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


def _walls(boxes: list[Rect], under: float, band: float) -> list[tuple[float, float]]:
    """Return the stretches across which a line rising from `under` to `band` meets a box.

    Each box counts a lane wider each side: a line that rises past a text
    keeps off its edge. Only the boxes the rise passes by in height count,
    found once for all its lanes (a large design's VPC has a hundred).
    """
    low, high = min(under, band), max(under, band)
    return [(box[0] - _LANE, box[2] + _LANE) for box in boxes if low < box[3] and box[1] < high]


def _holds(box: Rect, point: Point) -> bool:
    return box[0] < point[0] < box[2] and box[1] < point[1] < box[3]


def _cuts(piece: tuple[Point, Point], box: Rect) -> bool:
    """Tell whether a level or upright piece runs into a box."""
    (x1, y1), (x2, y2) = piece
    low_x, high_x, low_y, high_y = min(x1, x2), max(x1, x2), min(y1, y2), max(y1, y2)
    return low_x < box[2] and box[0] < high_x and low_y < box[3] and box[1] < high_y
