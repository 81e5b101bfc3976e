"""A load balancer as AWS reference diagrams draw it: a bar across the subnets it lives in.

An Application or Network Load Balancer has a node in each of its subnets,
and one DNS name over them all. Standing its icon in the gap between two zones
says it lives in neither; a box per subnet says there are several. The tidy
pass therefore opens a row of its own at the bottom of the load balancer's
subnets (under the NAT gateways that share them) and draws the load balancer
as one bar along that row, across the zone gap, with its icon in the middle.
"""

from __future__ import annotations

from archgen.layout.laid import Laid, Rect, close_column, open_strip
from archgen.layout.scene import Group, Scene

BAR_PAD = 6.0
"""Points between the bar and its icon's label, and between the bar and its subnets' sides."""
_PAD = BAR_PAD
_BELOW = 10.0
"""Points kept between the bar and the bottom of its subnets."""
_ZONE_GAP = 24.0
"""Points between two zones once the gap kept for the icon is closed."""
_MARGIN = 12.0
"""Points between a subnet's side and the icons moved against it (graphviz's cluster margin)."""
NAME_ROOM = 26.0
"""Points over a bar for the name of the security-group box round it (network view)."""


def lay_bars(scene: Scene, laid: Laid) -> None:
    """Turn each load balancer that straddles its zones into a bar across its subnets."""
    for node, subnets in scene.bars.items():
        found = [s for s in subnets if f"cluster_subnet:{s}" in laid.clusters]
        if node in laid.nodes and len(found) > 1:
            _narrow_gap(scene, laid, node)
            _bar(scene, laid, node, found)


def _narrow_gap(scene: Scene, laid: Laid, node: str) -> None:
    """Close the gap dot left between two zones for the load balancer's icon.

    The bar runs through any gap, so the zones stand as close as any two
    boxes; the width saved is text an embedded picture shows larger. The
    icons standing in the gap (the load balancer, the gateway above it) stay
    at its middle, and nothing else may stand in it.
    """
    centre = laid.centre(node)[0]
    zones = [box for name, box in laid.clusters.items() if name.startswith("cluster_az:")]
    left = max(
        (b[2] for b in zones if b[2] < centre and _level_with(b, laid.nodes[node])), default=None
    )
    right = min(
        (b[0] for b in zones if b[0] > centre and _level_with(b, laid.nodes[node])), default=None
    )
    if left is None or right is None or right - left <= _ZONE_GAP:
        return
    low, high = left + _ZONE_GAP / 2, right - _ZONE_GAP / 2
    here = {node, *(n for n, box in laid.nodes.items() if abs((box[0] + box[2]) / 2 - centre) < 1)}
    if any(low < (b[0] + b[2]) / 2 < high for n, b in laid.nodes.items() if n not in here):
        return
    close_column(laid, low, high)
    for name in here:  # to the middle of the gap left
        laid.move(name, low - laid.centre(name)[0])


def _level_with(zone: Rect, node: Rect) -> bool:
    return zone[1] < node[3] and node[1] < zone[3]


def _bar(scene: Scene, laid: Laid, node: str, subnets: list[str]) -> None:
    """Open the bar's row under the subnets' content and lay the load balancer along it.

    The icons of the outermost subnets (the NAT gateways) move to their outer
    sides and the bar ends short of them, so the lines into them from the
    tiers below do not cross it. The internet gateway stays over the zone gap:
    lines meet the bar straight above or below their other end (`route`).
    """
    boxes = sorted((laid.clusters[f"cluster_subnet:{s}"], s) for s in subnets)
    first, last = boxes[0], boxes[-1]
    left = _push(scene, laid, first[1], first[0], outward=-1) + _PAD
    right = _push(scene, laid, last[1], last[0], outward=1) - _PAD
    for box, subnet in boxes[1:-1]:  # the bar's middle, under the gateway's line, stays free
        _push(scene, laid, subnet, box, outward=-1)
    _, bottom, _, top = laid.nodes[node]
    height = top - bottom + 2 * _PAD
    floor = min(box[1] for box, _ in boxes)
    room = NAME_ROOM if _boxed(scene, node) else 0.0
    open_strip(laid, floor + 0.01, height + _BELOW + room)
    laid.nodes[node] = (left, floor - room - height, right, floor - room)
    laid.moved.add(node)


def _push(scene: Scene, laid: Laid, subnet: str, box: Rect, outward: int) -> float:
    """Move a subnet's icons to its outer side; return the inner edge they leave free."""
    slots = {n for g in _groups(scene.cloud) if g.kind == "asg-slot" for n in g.nodes}
    inside = [
        n
        for n, drawn in scene.nodes.items()
        if drawn.subnet == subnet and n in laid.nodes and n not in slots  # its group's box stays
    ]
    if not inside:
        return box[0] if outward < 0 else box[2]
    low = min(laid.nodes[n][0] for n in inside)
    high = max(laid.nodes[n][2] for n in inside)
    shift = box[0] + _MARGIN - low if outward < 0 else box[2] - _MARGIN - high
    for name in inside:
        laid.move(name, shift)
    return high + shift if outward < 0 else low + shift


def _boxed(scene: Scene, node: str) -> bool:
    """Tell whether a security-group box is drawn round the bar: its name needs a row above it.

    Over the bar, under the subnets' icons, the name crosses neither a NAT
    gateway's name nor the bar.
    """
    return any(g.kind == "sg" and node in g.spans for g in _groups(scene.cloud))


def _groups(group: Group) -> list[Group]:
    return [group, *(g for child in group.groups for g in _groups(child))]
