"""A band's lanes ordered by running sums: the same order as trying every place in full."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from archgen.layout import lanes
from archgen.layout.laid import Laid
from archgen.layout.scene import Edge

# Centres on a coarse grid (many lines share an x, as a row's icons do) and a few halves.
_X = st.one_of(st.integers(0, 12).map(lambda v: v * 40.0), st.integers(0, 960).map(lambda v: v / 2))
_SETTINGS = settings(derandomize=True, max_examples=200, deadline=None)


def _every_place(laid: Laid, edges: list[Edge], side: str) -> list[str]:
    """Return the order of trying each place with each placed line's crossings summed anew."""
    ordered: list[Edge] = []
    for edge in sorted(edges, key=lambda e: lanes._nesting(laid, e, side)):
        line = lanes._ends(laid, edge, side)
        costs = [
            sum(lanes.cost(lanes._ends(laid, near, side), line) for near in ordered[:at])
            + sum(lanes.cost(line, lanes._ends(laid, far, side)) for far in ordered[at:])
            for at in range(len(ordered) + 1)
        ]
        ordered.insert(costs.index(min(costs)), edge)
    return [edge.id for edge in ordered]


@_SETTINGS
@given(st.lists(st.tuples(_X, _X), max_size=24), st.sampled_from(["top", "bottom"]))
def test_running_sums_order_the_lanes_as_every_place_tried(
    ends: list[tuple[float, float]], side: str
) -> None:
    nodes = {}
    edges = []
    for index, (one, two) in enumerate(ends):
        nodes[f"s{index}"] = (one - 20.0, 0.0, one + 20.0, 40.0)
        nodes[f"t{index}"] = (two - 20.0, 100.0, two + 20.0, 140.0)
        edges.append(Edge(f"e{index}", f"s{index}", f"t{index}", "connection"))
    laid = Laid((0.0, 0.0, 500.0, 500.0), nodes=nodes)
    assert lanes.order_lanes(laid, edges, side) == _every_place(laid, edges, side)


def test_a_line_takes_the_lane_where_it_crosses_none() -> None:
    """Of two lines, the one whose run lies within the other's reach runs nearer the subnet."""
    nodes = {
        "a": (0.0, 0.0, 40.0, 40.0),
        "b": (300.0, 100.0, 340.0, 140.0),
        "c": (100.0, 0.0, 140.0, 40.0),
        "d": (380.0, 100.0, 420.0, 140.0),
    }
    laid = Laid((0.0, 0.0, 500.0, 200.0), nodes=nodes)
    wide, narrow = Edge("wide", "a", "b", "connection"), Edge("narrow", "c", "d", "connection")
    for edges in ([wide, narrow], [narrow, wide]):
        assert lanes.order_lanes(laid, edges, "bottom") == ["narrow", "wide"]
    near, far = lanes._ends(laid, narrow, "bottom"), lanes._ends(laid, wide, "bottom")
    assert (lanes.cost(near, far), lanes.cost(far, near)) == (0, 2)
