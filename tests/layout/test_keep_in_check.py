"""A line's check against walls and borders, asked of the boxes near it: the full check's answer."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from archgen.layout import keep_in
from archgen.layout.detour_judge import OFF_BORDER, Fences
from archgen.layout.detour_lanes import Standing
from archgen.layout.label_spots import curve_points
from archgen.layout.laid import Laid, Rect, number
from archgen.layout.nearby import Grid, box_grid
from archgen.layout.scene import Edge
from archgen.layout.tracks import Tracks

_EDGE = Edge("line", "source", "target", "connection")
_HOLDER = (0.0, 0.0, 400.0, 400.0)
# Lines and boxes on a coarse grid, a few halves off it: a line often runs on a side.
_AT = st.one_of(
    st.integers(0, 40).map(lambda v: v * 10.0), st.integers(0, 800).map(lambda v: v / 2)
)


_NEAR = st.sampled_from([-2.5, -1.0, 0.0, 1.0, 2.5, 4.0])
"""How far a box's edge lies off the grid the lines run on: often within a border's reach."""


@st.composite
def _box(draw: st.DrawFn) -> Rect:
    left, bottom = draw(_AT) + draw(_NEAR), draw(_AT) + draw(_NEAR)
    return (left, bottom, left + draw(_AT) / 2 + 10.0, bottom + draw(_AT) / 2 + 10.0)


@st.composite
def _line(draw: st.DrawFn) -> tuple[Laid, Fences]:
    """Return a line of straight runs (as graphviz writes them), its ends, walls and sides."""
    corners = draw(st.lists(st.tuples(_AT, _AT), min_size=2, max_size=4))
    controls = [corners[0]]
    for (x1, y1), (x2, y2) in itertools.pairwise(corners):
        controls += [(x1 + (x2 - x1) * k / 3, y1 + (y2 - y1) * k / 3) for k in (1, 2, 3)]
    route = " ".join(f"{number(x)},{number(y)}" for x, y in controls)
    nodes = {"source": draw(_box()), "target": draw(_box())}
    laid = Laid(_HOLDER, nodes=nodes, routes={_EDGE.id: route})
    if draw(st.integers(0, 3)) == 0:
        laid.rerouted.add(_EDGE.id)
    walls, sides = draw(st.lists(_box(), max_size=5)), draw(st.lists(_box(), max_size=6))
    icons: Grid[tuple[str, Rect]] = Grid()
    fenced: Grid[tuple[str, Rect]] = Grid()
    borders = box_grid(sides)
    standing = Standing(fenced, icons, borders, OFF_BORDER)
    holder = draw(st.sampled_from([_HOLDER, _HOLDER, (0.0, 0.0, 200.0, 400.0)]))
    fences = Fences(
        holder, fenced, frozenset(), walls, sides, borders, icons, Tracks(laid), standing
    )
    return laid, fences


def _keeps_box_by_box(laid: Laid, fences: Fences) -> bool:
    """Return the check with every point tested against every wall and every side."""
    ends = (laid.nodes["source"], laid.nodes["target"])
    points = [
        p for p in curve_points(laid.routes[_EDGE.id]) if not any(keep_in._in(p, e) for e in ends)
    ]
    if not all(keep_in._in(p, fences.holder, 1.0) for p in points):
        return False
    if any(keep_in._in(p, box, -1.0) for p in points for box in fences.walls):
        return False
    if _EDGE.id in laid.rerouted:
        return True
    return not any(keep_in._along(points, box) for box in fences.sides)


@settings(derandomize=True, max_examples=400, deadline=None)
@given(_line())
def test_the_line_keeps_to_its_boxes_as_the_full_check_tells(line: tuple[Laid, Fences]) -> None:
    laid, fences = line
    assert keep_in._keeps(laid, _EDGE, fences) == _keeps_box_by_box(laid, fences)


def test_a_line_along_a_far_side_or_in_a_far_wall_is_seen() -> None:
    route = "20,300 100,300 200,300 300,300"
    laid = Laid(_HOLDER, nodes={"source": (0.0, 0.0, 5.0, 5.0), "target": (390.0, 0.0, 400.0, 5.0)})
    laid.routes[_EDGE.id] = route
    icons: Grid[tuple[str, Rect]] = Grid()
    fenced: Grid[tuple[str, Rect]] = Grid()
    side = (0.0, 100.0, 350.0, 298.0)  # the line runs two points over its top
    borders = box_grid([side])
    standing = Standing(fenced, icons, borders, OFF_BORDER)
    fences = Fences(
        _HOLDER, fenced, frozenset(), [], [side], borders, icons, Tracks(laid), standing
    )
    assert not keep_in._keeps(laid, _EDGE, fences)
    for wall in [(297.0, 250.0, 390.0, 350.0), (250.0, 298.0, 390.0, 350.0)]:  # 2 points in
        walled = Fences(
            _HOLDER, fenced, frozenset(), [wall], [], box_grid([]), icons, Tracks(laid), standing
        )
        assert not keep_in._keeps(laid, _EDGE, walled)
