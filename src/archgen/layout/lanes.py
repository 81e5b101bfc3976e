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
    fewest crossings with the lines placed before it (the first such place).
    The crossings at each place are running sums over the lines placed: a
    band of a few hundred lines is ordered in a blink, not in minutes.
    """
    ends = {edge.id: _ends(laid, edge, side) for edge in edges}
    ordered: list[tuple[float, float]] = []
    ids: list[str] = []
    for edge in sorted(edges, key=lambda e: _nesting(laid, e, side)):
        line = ends[edge.id]
        place = _fewest(
            [cost(placed, line) for placed in ordered], [cost(line, placed) for placed in ordered]
        )
        ordered.insert(place, line)
        ids.insert(place, edge.id)
    return ids


def _fewest(beyond: list[int], within: list[int]) -> int:
    """Return the first place where a line adds the fewest crossings.

    `beyond[i]` is what it adds when it runs beyond the i-th line placed
    (that line nearer the subnet), `within[i]` when it runs nearer.
    """
    total = sum(within)
    best, place = total, 0
    for at, (one, two) in enumerate(zip(beyond, within, strict=True), start=1):
        total += one - two
        if total < best:
            best, place = total, at
    return place


def cost(near: tuple[float, float], far: tuple[float, float]) -> int:
    """Return the crossings of two lines when `near` runs in the lane nearer the subnet.

    Each line is told by its ends (`_ends`). The farther line's piece from
    the subnet crosses the nearer line's run when it stands over that run;
    the nearer line's piece away from the subnet crosses the farther line's
    run likewise.
    """
    near_in, near_out = near
    far_in, far_out = far
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
