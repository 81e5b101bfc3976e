"""The quick answers of the tidy pass's repairs agree with the sampled ones (issue 15 speed).

A line's points, or a straight piece's samples, that all lie wide of a box
are answered by the bounds alone; these check on random pictures that the
bounds never turn away a point or a sample the plain test finds inside.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from archgen.layout.laid import Point, Rect
from archgen.layout.near_views import AllBut, Joined, owned_grid
from archgen.layout.nearby import Segment, box_grid
from archgen.layout.repair import _enters, _inside, _may_enter

_SETTINGS = settings(derandomize=True, max_examples=300, deadline=None)

_COORDINATE = st.one_of(
    st.integers(0, 300).map(float),
    st.floats(0.0, 300.0, allow_nan=False),
    st.floats(-3000.0, 20000.0, allow_nan=False),
)
_POINT = st.tuples(_COORDINATE, _COORDINATE)


@st.composite
def _boxes(draw: st.DrawFn) -> Rect:
    x1, x2, y1, y2 = (draw(_COORDINATE) for _ in range(4))
    return (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))


@st.composite
def _pieces(draw: st.DrawFn) -> Segment:
    """Return a straight piece of a curve: short, as `_enters` samples it every few points."""
    x, y = draw(_POINT)
    dx, dy = draw(st.floats(-90.0, 90.0)), draw(st.floats(-90.0, 90.0))
    return ((x, y), (x + dx, y + dy))


_NUDGE = st.one_of(st.just(0.0), st.floats(-1.0, 1.0), st.floats(-1e-9, 1e-9))
"""How far a point lies from the inner edge of `_inside`: on it, just in, just out."""


@st.composite
def _near_edges(draw: st.DrawFn) -> tuple[Rect, list[Point]]:
    """Return a box and points by the lines `_inside` tests against: one point in a hair."""
    box = draw(_boxes())
    xs = (box[0] + 1, box[2] - 1)
    ys = (box[1] + 1, box[3] - 1)
    points = [
        (draw(st.sampled_from(xs)) + draw(_NUDGE), draw(st.sampled_from(ys)) + draw(_NUDGE))
        for _ in range(draw(st.integers(1, 4)))
    ]
    return box, points


def _plain_enters(segment: Segment, box: Rect) -> bool:
    """Tell whether a sample of the piece, every few points, lies inside the box: every sample."""
    (x1, y1), (x2, y2) = segment
    steps = max(1, int(max(abs(x2 - x1), abs(y2 - y1)) / 3))
    return any(
        _inside((x1 + (x2 - x1) * k / steps, y1 + (y2 - y1) * k / steps), box)
        for k in range(steps + 1)
    )


@_SETTINGS
@given(_pieces(), _boxes())
def test_a_piece_enters_a_box_as_its_samples_say(segment: Segment, box: Rect) -> None:
    assert _enters(segment, box) == _plain_enters(segment, box)


@_SETTINGS
@given(_near_edges())
def test_a_piece_ending_by_a_boxs_edge_enters_it_as_its_samples_say(
    case: tuple[Rect, list[Point]],
) -> None:
    box, points = case
    for segment in zip(points, points[1:] + points[:1], strict=True):
        assert _enters(segment, box) == _plain_enters(segment, box)


@_SETTINGS
@given(st.one_of(st.tuples(_boxes(), st.lists(_POINT, min_size=1, max_size=12)), _near_edges()))
def test_the_bounds_of_a_line_never_turn_away_a_point_inside(
    case: tuple[Rect, list[Point]],
) -> None:
    box, points = case
    bounds = (
        min(x for x, _ in points),
        min(y for _, y in points),
        max(x for x, _ in points),
        max(y for _, y in points),
    )
    if any(_inside(point, box) for point in points):
        assert _may_enter(bounds, box)


def test_a_search_sees_every_box_but_its_own_label() -> None:
    own, other = (0.0, 0.0, 10.0, 10.0), (5.0, 5.0, 15.0, 15.0)
    icon = (2.0, 2.0, 8.0, 8.0)
    labels = owned_grid([("own", own), ("other", other)])
    under = Joined(AllBut(labels, "own"), box_grid([icon]))
    assert under.near((0.0, 0.0, 20.0, 20.0)) == [other, icon]
    assert under.near((100.0, 100.0, 120.0, 120.0)) == []
