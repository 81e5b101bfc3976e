"""Which lane of a band each rerouted line runs in: tracks apart, as few crossings as may be.

A line with a moved end (`route`) leaves its icon upright, runs level along
a band just outside a subnet, and enters the other icon upright. The lines
of one band each take a lane of their own; the order of the lanes decides
how often an upright piece of one line cuts the level run of another.
"""

from __future__ import annotations

from archgen.layout.laid import Laid
from archgen.layout.scene import Edge

Gap = tuple[str, str]
"""A subnet's cluster and the side ("top" or "bottom") whose band a line runs along."""


def edge_y(laid: Laid, cluster: str, side: str) -> float:
    """Return the height of a subnet's side that a band runs along."""
    box = laid.clusters[cluster]
    return box[3] if side == "top" else box[1]


def shared_bands(laid: Laid, gaps: dict[str, Gap]) -> dict[str, Gap]:
    """Give lines along bands at one height (one tier's subnets, zone by zone) one band.

    A tier's subnets share their top and bottom, so each subnet's own lanes
    would lie on the same heights: lines of two zones running to one gateway
    endpoint would then share a track. One band numbers all their lanes apart.
    """
    first: dict[tuple[float, str], Gap] = {}
    for gap in sorted(set(gaps.values())):
        if gap[0]:
            first.setdefault((round(edge_y(laid, *gap)), gap[1]), gap)
    return {
        edge_id: first[(round(edge_y(laid, *gap)), gap[1])] if gap[0] else gap
        for edge_id, gap in gaps.items()
    }


def order_lanes(laid: Laid, edges: list[Edge], side: str) -> list[str]:
    """Return the ids of one band's lines, the lane nearest the subnet first.

    Starting from the nesting order, each line is put where it adds the
    fewest crossings with the lines placed before it.
    """
    ordered: list[Edge] = []
    for edge in sorted(edges, key=lambda e: _nesting(laid, e, side)):
        costs = [
            sum(_cost(laid, near, edge, side) for near in ordered[:at])
            + sum(_cost(laid, edge, far, side) for far in ordered[at:])
            for at in range(len(ordered) + 1)
        ]
        ordered.insert(costs.index(min(costs)), edge)
    return [edge.id for edge in ordered]


def _cost(laid: Laid, near: Edge, far: Edge, side: str) -> int:
    """Return the crossings of two lines when `near` runs in the lane nearer the subnet.

    The farther line's piece from the subnet crosses the nearer line's run
    when it stands over that run; the nearer line's piece away from the
    subnet crosses the farther line's run likewise.
    """
    near_in, near_out = _ends(laid, near, side)
    far_in, far_out = _ends(laid, far, side)
    return int(_over(far_in, near_in, near_out)) + int(_over(near_out, far_in, far_out))


def _ends(laid: Laid, edge: Edge, side: str) -> tuple[float, float]:
    """Return the x of a line's piece at the subnet, then of its piece away from it."""
    source, target = laid.centre(edge.source)[0], laid.centre(edge.target)[0]
    return (target, source) if side == "top" else (source, target)


def _over(x: float, a: float, b: float) -> bool:
    return min(a, b) + 1 < x < max(a, b) - 1


def _nesting(laid: Laid, edge: Edge, side: str) -> tuple[bool, float]:
    """Return a line's place among the lanes of one band, nearest the subnet first.

    Lines that turn the same way nest without crossing when the one whose run
    at the subnet is nearer the turn takes the lane nearer the subnet.
    """
    xs, xt = laid.centre(edge.source)[0], laid.centre(edge.target)[0]
    leftward = xt < xs
    at_subnet = xt if side == "top" else xs
    nearer = at_subnet if leftward == (side != "top") else -at_subnet
    return (leftward, nearer)
