"""Doors on the VPC's border and load balancers across their zones, as AWS draws them.

The internet gateway sits on the VPC's top edge with inbound traffic passing
through it; a gateway endpoint sits on the bottom edge, facing the regional
service it leads to; an internet-facing load balancer stands in the row of its
public subnets across the boundary between its zones. dot cannot put a node on
a cluster's border or between two clusters of one rank, so the tidy pass
moves them there; the lines at them are routed again (`route`).
"""

from __future__ import annotations

from archgen.layout import style
from archgen.layout.laid import Laid, close_band, open_column, open_strip
from archgen.layout.scene import Group, Scene

_ICON_CENTRE = 26.0
"""Points from a node's top to its icon's centre: the icon sits on top, its label below."""
_TITLE_CHAR = 0.6 * float(style.FONT_SIZES["group"])
"""Points a character of a box's title takes (DejaVu Sans, about 0.6 em)."""
_HEADER = 30.0
"""Points under a VPC's top edge that its title takes."""
_BAND_MARGIN = 24.0
"""Points kept above the highest thing in a VPC when its empty header band is closed."""
_ROOM = 24.0
"""Points kept below an endpoint's label, above what follows the VPC."""
_CLEARANCE = 16.0
"""Points kept between a load balancer and the zones either side of it."""


def place_doors(scene: Scene, laid: Laid, vpcs: list[Group]) -> None:
    """Move each VPC's load balancers between its zones and its gateways onto its border."""
    for vpc in vpcs:
        box = laid.clusters.get(f"cluster_{vpc.id}")
        if box is None:
            continue
        across = [n for n in vpc.nodes if n in scene.straddle and n in laid.nodes]
        for alb in across:
            _between_zones(laid, vpc, alb, widen=alb not in scene.bars)
        box = laid.clusters[f"cluster_{vpc.id}"]
        endpoints = [
            n for n in vpc.nodes if scene.nodes[n].type == "vpc_endpoint" and n in laid.nodes
        ]
        _below_border(laid, endpoints, box[1])
        for node_id in vpc.nodes:
            kind = scene.nodes[node_id].type
            if node_id not in laid.nodes:
                continue
            if kind == "internet_gateway":
                x = laid.centre(across[0])[0] if across else laid.centre(node_id)[0]
                _icon_at(laid, node_id, _clear_of_title(laid, vpc, node_id, x), box[3])
        _close_header(scene, laid, vpc)


def _close_header(scene: Scene, laid: Laid, vpc: Group) -> None:
    """Close the empty band a gateway leaves at the top of the VPC once it sits on the border.

    The band runs from under the gateway's label (or the VPC's title) down to
    the highest zone or resource left in the VPC; a label of a line that is
    not rerouted keeps it open.
    """
    box = laid.clusters[f"cluster_{vpc.id}"]
    gateways = [
        n for n in vpc.nodes if n in laid.moved and scene.nodes[n].type == "internet_gateway"
    ]
    high = min([box[3] - _HEADER, *(laid.nodes[n][1] - _BAND_MARGIN for n in gateways)])
    inside = [
        laid.clusters[f"cluster_{g.id}"][3]
        for g in vpc.groups
        if f"cluster_{g.id}" in laid.clusters
    ]
    inside += [laid.nodes[n][3] for n in vpc.nodes if n in laid.nodes and n not in gateways]
    labels = [y for edge, (_, y) in laid.labels.items() if not _touches_moved(scene, laid, edge)]
    low = max(inside, default=high) + _BAND_MARGIN
    low = max(
        [low, *(y + _BAND_MARGIN for y in labels if low - _BAND_MARGIN < y < high + _BAND_MARGIN)]
    )
    if high - low > _BAND_MARGIN:
        close_band(laid, low, high)


def _touches_moved(scene: Scene, laid: Laid, edge_id: str) -> bool:
    edge = next((e for e in scene.edges if e.id == edge_id), None)
    return edge is not None and (edge.source in laid.moved or edge.target in laid.moved)


def _between_zones(laid: Laid, vpc: Group, alb: str, *, widen: bool) -> None:
    """Centre the load balancer on the gap between the middle two zones, widened to fit it.

    A load balancer that becomes a bar across its subnets (`bars`) needs no
    wider gap: the bar runs through it.
    """
    zones = sorted(
        (
            laid.clusters[f"cluster_{z.id}"]
            for z in vpc.groups
            if f"cluster_{z.id}" in laid.clusters
        ),
        key=lambda box: box[0],
    )
    if len(zones) < 2:
        return
    left, right = zones[len(zones) // 2 - 1], zones[len(zones) // 2]
    node = laid.nodes[alb]
    gap = right[0] - left[2]
    extra = max(0.0, node[2] - node[0] + 2 * _CLEARANCE - gap) if widen else 0.0
    if extra:
        open_column(laid, left[2] + 0.01, extra)
    laid.move(alb, left[2] + (gap + extra) / 2 - laid.centre(alb)[0])


def _below_border(laid: Laid, endpoints: list[str], border: float) -> None:
    """Put endpoints' icons on the VPC's bottom edge, opening room for them below the VPC."""
    if not endpoints:
        return
    below = max(laid.nodes[n][3] - laid.nodes[n][1] - _ICON_CENTRE for n in endpoints)
    open_strip(laid, border - 0.01, below + _ROOM)
    for node_id in endpoints:
        _icon_at(laid, node_id, laid.centre(node_id)[0], border)


def _clear_of_title(laid: Laid, vpc: Group, node_id: str, x: float) -> float:
    """Return `x`, or further right when the node would cover the VPC's title.

    A VPC narrower than its title and the gateway is widened, so the gateway
    stays on its border rather than beside the VPC, where every line to it
    would leave the VPC.
    """
    left, _, right, _ = laid.nodes[node_id]
    box = laid.clusters[f"cluster_{vpc.id}"]
    title_end = box[0] + 36 + len(vpc.label) * _TITLE_CHAR
    x = max(x, title_end + (right - left) / 2 + 8)
    overflow = x + (right - left) / 2 + 8 - box[2]
    if overflow > 0:
        open_column(laid, box[2] - 0.01, overflow)
    return x


def _icon_at(laid: Laid, node_id: str, x: float, y: float) -> None:
    """Move a node so that its icon's centre is at (x, y); its lines are routed again."""
    left, _, right, top = laid.nodes[node_id]
    laid.move(node_id, x - (left + right) / 2, y - (top - _ICON_CENTRE))
