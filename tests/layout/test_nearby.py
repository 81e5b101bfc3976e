"""The grid of nearby pieces: it never drops a piece or box the exact tests would find."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from archgen.layout.around import _cuts
from archgen.layout.label_owner import meets
from archgen.layout.label_spots import _overlap
from archgen.layout.laid import Rect
from archgen.layout.nearby import (
    Apart,
    Grid,
    Segment,
    box_grid,
    near,
    segment_bounds,
    segment_grid,
)
from archgen.layout.repair import _enters

# Whole points often (lines touch boxes at their edges), fractions and far pictures too.
_COORDINATE = st.one_of(
    st.integers(-80, 400).map(float),
    st.floats(-80.0, 400.0, allow_nan=False),
    st.floats(-3000.0, 20000.0, allow_nan=False),
)
_POINT = st.tuples(_COORDINATE, _COORDINATE)
_SEGMENT = st.tuples(_POINT, _POINT)
_OFFSET = st.floats(-60.0, 60.0, allow_nan=False)


@st.composite
def _short_segments(draw: st.DrawFn) -> Segment:
    """Return a piece of a curve: `_enters` samples it every few points, so it is short."""
    (x, y), dx, dy = draw(_POINT), draw(_OFFSET), draw(_OFFSET)
    return ((x, y), (x + dx, y + dy))


@st.composite
def _boxes(draw: st.DrawFn) -> Rect:
    x1, x2, y1, y2 = (draw(_COORDINATE) for _ in range(4))
    return (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))


_SETTINGS = settings(derandomize=True, max_examples=300, deadline=None)


def _assert_grid_agrees(
    segments: list[Segment], boxes: list[Rect], *tests: Callable[[Segment, Rect], bool]
) -> None:
    """Each exact test finds the same pieces among the grid's near ones as among them all."""
    grid = segment_grid(segments)
    for box in boxes:
        near = grid.near(box)
        for test in tests:
            assert [s for s in near if test(s, box)] == [s for s in segments if test(s, box)]


@_SETTINGS
@given(st.lists(_SEGMENT, max_size=40), st.lists(_boxes(), min_size=1, max_size=6))
def test_the_grid_keeps_every_piece_that_meets_a_box(
    segments: list[Segment], boxes: list[Rect]
) -> None:
    _assert_grid_agrees(segments, boxes, meets, _cuts)


@_SETTINGS
@given(st.lists(_short_segments(), max_size=40), st.lists(_boxes(), min_size=1, max_size=6))
def test_the_grid_keeps_every_curve_piece_that_enters_a_box(
    segments: list[Segment], boxes: list[Rect]
) -> None:
    _assert_grid_agrees(segments, boxes, _enters)


@_SETTINGS
@given(st.lists(_boxes(), max_size=40), st.lists(_boxes(), min_size=1, max_size=6))
def test_the_grid_keeps_every_box_that_overlaps_a_box(items: list[Rect], boxes: list[Rect]) -> None:
    grid = box_grid(items)
    for box in boxes:
        assert [b for b in grid.near(box) if _overlap(b, box)] == [
            b for b in items if _overlap(b, box)
        ]


@st.composite
def _small_boxes(draw: st.DrawFn) -> Rect:
    """Return a box a few points wide: most lie in one cell of the grid, some across two."""
    (x, y), width, height = draw(_POINT), draw(st.floats(0.0, 30.0)), draw(st.floats(0.0, 30.0))
    return (x, y, x + width, y + height)


@_SETTINGS
@given(
    st.lists(st.one_of(_small_boxes(), _boxes()), max_size=40),
    st.lists(st.one_of(_small_boxes(), _boxes()), min_size=1, max_size=8),
)
def test_the_grid_answers_as_the_bounds_test_of_every_item_in_the_order_added(
    items: list[Rect], boxes: list[Rect]
) -> None:
    """The grid hands over exactly the items `near` tells of, in the order added.

    Whatever cells a question covers: one, many, or more than there are items.
    """
    grid = box_grid(items)
    for box in boxes:
        assert grid.near(box) == [item for item in items if near(item, box)]


def test_the_grid_hands_over_only_the_pieces_near_the_box() -> None:
    far = [((x * 100.0, 500.0), (x * 100.0 + 50.0, 520.0)) for x in range(200)]
    beside = ((0.0, 30.0), (40.0, 30.0))  # a point below the box: near, though it misses
    across = ((-500.0, 10.0), (9000.0, 10.0))  # a long line through it
    grid = segment_grid([*far, beside, across])
    assert grid.near((0.0, 0.0, 40.0, 29.0)) == [beside, across]
    assert grid.near((0.0, 0.0, 40.0, 20.0)) == [across]


def test_a_box_larger_than_the_grid_holds_is_answered_too() -> None:
    pieces = [((0.0, 0.0), (10.0, 10.0)), ((90000.0, 0.0), (90010.0, 5.0))]
    assert segment_grid(pieces).near((-1.0, -1.0, 100000.0, 100000.0)) == pieces
    assert segment_grid(pieces).near((20.0, 20.0, 30.0, 30.0)) == []


def test_a_lines_own_pieces_are_apart_from_the_others() -> None:
    pieces: Grid[tuple[str, Segment]] = Grid()
    own, other = ((0.0, 0.0), (10.0, 0.0)), ((0.0, 5.0), (10.0, 5.0))
    for line, piece in (("own", own), ("other", other)):
        pieces.add((line, piece), segment_bounds(piece))
    assert Apart(pieces, "own").near((0.0, 0.0, 10.0, 10.0)) == [other]
    assert Apart(pieces, "other").near((0.0, 0.0, 10.0, 10.0)) == [own]
