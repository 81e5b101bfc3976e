"""Answers the tidy pass keeps or takes a shorter way to agree with the plain ones (issue 15).

Each cache or quick path is checked against the exact answer worked out
afresh, on random inputs: the pictures must not change by a byte.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from archgen.layout.label_spots import bezier_points, curve_points
from archgen.layout.laid import Point

_SETTINGS = settings(derandomize=True, max_examples=200, deadline=None)

_COORDINATE = st.one_of(
    st.integers(-50, 400).map(float),
    st.floats(-3000.0, 20000.0, allow_nan=False),
)
_POINT = st.tuples(_COORDINATE, _COORDINATE)


@st.composite
def _routes(draw: st.DrawFn) -> tuple[str, list[Point]]:
    """Return a graphviz spline as dot writes it (arrowheads, a second spline) and its controls."""
    controls = draw(st.lists(_POINT, min_size=1, max_size=3).map(lambda p: p[:1]))
    controls += draw(st.lists(_POINT, min_size=0, max_size=12))
    words = [f"{x!r},{y!r}" for x, y in controls]
    if draw(st.booleans()):
        x, y = draw(_POINT)
        words.insert(0, f"e,{x!r},{y!r}")
    if draw(st.booleans()):
        x, y = draw(_POINT)
        words.insert(0, f"s,{x!r},{y!r}")
    route = " ".join(words)
    if draw(st.booleans()):
        route += ";" + " ".join(f"{x!r},{y!r}" for x, y in draw(st.lists(_POINT, max_size=4)))
    return route, controls


@_SETTINGS
@given(_routes())
def test_curve_points_are_the_spline_worked_out_afresh(case: tuple[str, list[Point]]) -> None:
    """Kept once per spline, the points are those of its first spline's controls."""
    route, controls = case
    assert curve_points(route) == bezier_points(controls)
    assert curve_points(route) == bezier_points(controls)  # asked again: the kept answer


def test_curve_points_are_a_list_of_their_own() -> None:
    """A caller turning its points round leaves the next caller's as they were."""
    route = "e,9.0,9.0 0.0,0.0 3.0,0.0 6.0,3.0 9.0,9.0"
    first = curve_points(route)
    first.reverse()
    first.append((1.0, 1.0))
    assert curve_points(route) == bezier_points([(0.0, 0.0), (3.0, 0.0), (6.0, 3.0), (9.0, 9.0)])
