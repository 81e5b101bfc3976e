"""Other lines near a label, found line by line from their bounds: what a grid of pieces finds."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from archgen.layout.label_owner import astray
from archgen.layout.label_side import _Lines
from archgen.layout.label_spots import curve_points
from archgen.layout.laid import Point, Rect, number
from archgen.layout.nearby import segment_grid

_AT = st.one_of(st.integers(0, 60).map(lambda v: v * 5.0), st.floats(0.0, 300.0, width=32))
_SETTINGS = settings(derandomize=True, max_examples=300, deadline=None)


@st.composite
def _route(draw: st.DrawFn) -> str:
    """Return a route of up to three cubic pieces, maybe with an arrowhead and a second curve."""
    count = 1 + 3 * draw(st.integers(0, 3))
    points = draw(st.lists(st.tuples(_AT, _AT), min_size=count, max_size=count))
    words = [f"{number(x)},{number(y)}" for x, y in points]
    if draw(st.booleans()):
        words.insert(0, f"e,{number(draw(_AT))},{number(draw(_AT))}")
    route = " ".join(words)
    return f"{route};{number(draw(_AT))},0 1,1 2,2 3,3" if draw(st.booleans()) else route


@st.composite
def _box(draw: st.DrawFn) -> Rect:
    left, bottom = draw(_AT), draw(_AT)
    return (left, bottom, left + draw(_AT) / 4, bottom + draw(_AT) / 8)


def _grid_pieces(routes: list[str], box: Rect) -> set[tuple[Point, Point]]:
    pieces = [p for route in routes for p in itertools.pairwise(curve_points(route))]
    return set(segment_grid(pieces).near(box))


@_SETTINGS
@given(st.lists(_route(), max_size=6), _box())
def test_the_lines_near_a_box_hold_every_piece_a_grid_finds(routes: list[str], box: Rect) -> None:
    assert _grid_pieces(routes, box) <= set(_Lines(routes).near(box))


@_SETTINGS
@given(st.lists(_route(), max_size=6), _route(), _box())
def test_a_label_is_astray_by_the_lines_as_by_a_grid(
    routes: list[str], own: str, box: Rect
) -> None:
    pieces = [p for route in routes for p in itertools.pairwise(curve_points(route))]
    own_points = curve_points(own)
    assert astray(box, own_points, _Lines(routes)) == astray(box, own_points, segment_grid(pieces))


def test_a_line_far_from_the_box_hands_on_no_piece() -> None:
    lines = _Lines(["0,0 10,0 20,0 30,0", "0,100 10,100 20,100 30,100", "e,5,5"])
    assert lines.near((0.0, 40.0, 30.0, 60.0)) == []
    assert len(lines.near((0.0, 90.0, 30.0, 110.0))) == 8
