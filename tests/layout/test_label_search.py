"""A label's search, made fast, finds exactly the spot the plain search finds (issue 15 speed).

Every shortcut of the search is checked here against the plain answer on
random pictures: the quick rejection of `meets`, the lattice boxes the grids
are asked about, the count that stops at the best so far, the items picked
per sweep, and the whole search against a plain one written out below that
tries every spot and counts everything over plain lists.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from archgen.layout.label_cost import Drawn, weigh
from archgen.layout.label_gap import GAP, read_into
from archgen.layout.label_owner import astray, clipped, meets
from archgen.layout.label_slide import Slides, beside
from archgen.layout.label_spots import _GAPS, bezier_points, label_box, spot_near, weight
from archgen.layout.laid import Point, Rect, hull
from archgen.layout.nearby import Apart, Grid, Segment, box_grid, segment_bounds, segment_grid
from archgen.layout.scene import Edge
from archgen.layout.snapped import lattice, lattice_box

_SETTINGS = settings(derandomize=True, max_examples=150, deadline=None)
_PICTURE_SETTINGS = settings(derandomize=True, max_examples=60, deadline=None)

# Whole points often (lines run along boxes' edges), fractions, and far pictures.
_COORDINATE = st.one_of(
    st.integers(0, 400).map(float),
    st.floats(0.0, 400.0, allow_nan=False),
    st.floats(-3000.0, 20000.0, allow_nan=False),
)
_NEAR = st.one_of(st.integers(0, 300).map(float), st.floats(0.0, 300.0, allow_nan=False))
"""A coordinate in a small picture: spots, lines and boxes that meet often."""
_POINT = st.tuples(_COORDINATE, _COORDINATE)
_SMALL_POINT = st.tuples(_NEAR, _NEAR)


@st.composite
def _boxes(draw: st.DrawFn, coordinate: st.SearchStrategy[float] = _COORDINATE) -> Rect:
    x1, x2, y1, y2 = (draw(coordinate) for _ in range(4))
    return (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))


@_SETTINGS
@given(st.tuples(_POINT, _POINT), _boxes())
def test_the_quick_rejection_of_meets_agrees_with_clipping(segment: Segment, box: Rect) -> None:
    assert meets(segment, box) == clipped(segment, box)


@_SETTINGS
@given(st.tuples(_SMALL_POINT, _SMALL_POINT), _boxes(_NEAR))
def test_the_quick_rejection_agrees_on_pieces_that_touch_boxes(segment: Segment, box: Rect) -> None:
    """Small pictures: pieces end on boxes' sides and corners often."""
    assert meets(segment, box) == clipped(segment, box)


@_SETTINGS
@given(_boxes())
def test_a_lattice_box_holds_its_box(box: Rect) -> None:
    left, bottom, right, top = lattice_box(lattice(box))
    assert left <= box[0]
    assert bottom <= box[1]
    assert right >= box[2]
    assert top >= box[3]


def _line(points: list[Point]) -> list[Segment]:
    return list(itertools.pairwise(points))


_LINES = st.lists(st.lists(_SMALL_POINT, min_size=2, max_size=6), max_size=5)
_TAKEN = st.lists(_boxes(_NEAR), max_size=8)
_SIDES = st.lists(st.tuples(_SMALL_POINT, _SMALL_POINT), max_size=6)


@dataclass(frozen=True)
class _Picture:
    """A label's size and what lies around it: other lines, taken boxes, box sides."""

    size: Point
    lines: list[list[Point]]
    taken: list[Rect]
    sides: list[Segment]


_PICTURE = st.builds(
    _Picture, st.tuples(st.floats(4.0, 120.0), st.floats(4.0, 60.0)), _LINES, _TAKEN, _SIDES
)


def _others(lines: list[list[Point]]) -> Apart:
    """Return the other lines' pieces as a label's search is given them."""
    pieces: Grid[tuple[str, Segment]] = Grid()
    for index, points in enumerate(lines):
        for piece in _line(points):
            pieces.add((str(index), piece), segment_bounds(piece))
    return Apart(pieces, "own")


def _drawn(lines: list[list[Point]], taken: list[Rect], sides: list[Segment]) -> Drawn:
    return Drawn(_others(lines), box_grid(taken), segment_grid(sides))


def _plain_weight(
    box: Rect, lines: list[list[Point]], taken: list[Rect], sides: list[Segment], own: list[Point]
) -> int:
    """Return a label box's weight counted over plain lists, every term asked."""
    others = [piece for points in lines for piece in _line(points)]
    cost = 10 * sum(_overlap(box, b) for b in taken)
    cost += 3 * sum(meets(piece, box) for piece in others)
    cost += 2 if astray(box, own, segment_grid(others)) else 0
    cost += read_into(box, taken)
    return cost + 2 * sum(meets(side, box) for side in sides)


def _overlap(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@_SETTINGS
@given(
    _boxes(_NEAR),
    _LINES,
    _TAKEN,
    _SIDES,
    st.lists(_SMALL_POINT, min_size=1, max_size=5),
    st.integers(1, 40),
)
def test_a_count_stopped_at_a_limit_agrees_with_the_full_count(
    box: Rect,
    lines: list[list[Point]],
    taken: list[Rect],
    sides: list[Segment],
    own: list[Point],
    limit: int,
) -> None:
    full = _plain_weight(box, lines, taken, sides, own)
    drawn = _drawn(lines, taken, sides)
    assert weigh(box, drawn, own) == full
    stopped = weigh(box, drawn, own, limit)
    assert stopped == full if full < limit else stopped >= limit


# The plain search: every spot tried in order, every spot counted in full over plain lists.


def _plain_slid(
    start: Point, end: Point, size: Point, gap: float, items: list[Rect], texts: list[Rect]
) -> Iterator[Point]:
    """Yield the slid spots of one stretch, what lies near each sweep found by a plain scan."""
    width, height = size
    for first, last in zip(
        beside(start, width, height, gap),
        beside(end, width, height, gap),
        strict=True,
    ):
        axis = 1 if abs(last[1] - first[1]) >= abs(last[0] - first[0]) else 0
        run = last[axis] - first[axis]
        if abs(run) < 0.01:
            continue
        half = (height if axis else width) / 2 + 0.01
        swept = hull([_box(first, size), _box(last, size)])
        found = [b for b in items if _within_a_point(b, swept)]
        ends = {v for b in found for v in (b[axis] - half, b[axis + 2] + half)}
        if axis == 0:  # a level slide also stops GAP past each text it meets (label_gap)
            near = [b for b in texts if _within_a_point(b, swept)]
            ends |= {v for b in near for v in (b[0] - half - GAP, b[2] + half + GAP)}
        for target in sorted(ends):
            share = (target - first[axis]) / run
            if 0 < share < 1:
                yield (
                    first[0] + share * (last[0] - first[0]),
                    first[1] + share * (last[1] - first[1]),
                )


def _within_a_point(a: Rect, b: Rect) -> bool:
    return a[0] - 1.0 <= b[2] and b[0] - 1.0 <= a[2] and a[1] - 1.0 <= b[3] and b[1] - 1.0 <= a[3]


def _box(centre: Point, size: Point) -> Rect:
    (x, y), (width, height) = centre, size
    return (x - width / 2, y - height / 2, x + width / 2, y + height / 2)


def _plain_spot_near(
    points: list[Point],
    size: Point,
    lines: list[list[Point]],
    taken: list[Rect],
    sides: list[Segment],
    worse: float,
) -> Point | None:
    width, height = size
    others = [piece for line in lines for piece in _line(line)]
    items = [*taken, *map(segment_bounds, [*others, *sides])]
    middle = len(points) // 2
    order = sorted(range(len(points)), key=lambda i: abs(i - middle))
    stretches = [(points[i], points[i + 1]) for i in order if i + 1 < len(points)]
    best: tuple[int, Point] | None = None
    for centre in itertools.chain(
        (c for gap in _GAPS for i in order for c in beside(points[i], width, height, gap)),
        (
            c
            for gap in _GAPS
            for a, b in stretches
            for c in _plain_slid(a, b, size, gap, items, taken)
        ),
    ):
        cost = _plain_weight(_box(centre, size), lines, taken, sides, points)
        if cost == 0:
            return centre if worse > 0 else None
        if best is None or cost < best[0]:
            best = (cost, centre)
    return best[1] if best is not None and best[0] < worse else None


_EDGE = Edge("own", "a", "b", "connection", "label")


@_PICTURE_SETTINGS
@given(
    st.lists(_SMALL_POINT, min_size=1, max_size=6),
    _PICTURE,
    st.one_of(st.just(math.inf), st.integers(1, 30).map(float)),
)
def test_the_fast_search_finds_the_plain_searchs_spot(
    points: list[Point], picture: _Picture, worse: float
) -> None:
    size, lines, taken, sides = picture.size, picture.lines, picture.taken, picture.sides
    known = {_EDGE.id: size}
    others, grid = _others(lines), segment_grid(sides)
    found = spot_near(_EDGE, points, others, box_grid(taken), known, grid, worse)
    assert found == _plain_spot_near(points, size, lines, taken, sides, worse)
    if found is not None:
        box = label_box(_EDGE, found, known)
        assert weight(box, others, taken, sides, points) < worse


@_PICTURE_SETTINGS
@given(st.lists(_SMALL_POINT, min_size=2, max_size=12), _PICTURE)
def test_each_sweep_takes_exactly_what_lies_near_it(points: list[Point], picture: _Picture) -> None:
    size, lines, taken, sides = picture.size, picture.lines, picture.taken, picture.sides
    drawn = _drawn(lines, taken, sides)
    items = [
        *taken,
        *map(segment_bounds, [p for line in lines for p in _line(line)]),
        *map(segment_bounds, sides),
    ]
    slides = Slides(drawn, size, _GAPS, points)
    for gap in _GAPS:
        for index, (start, end) in enumerate(itertools.pairwise(points)):
            assert [spot for spot, _ in slides.spots(index, gap)] == list(
                _plain_slid(start, end, size, gap, items, taken)
            )


@_SETTINGS
@given(st.lists(_POINT, min_size=1, max_size=13))
def test_the_points_along_a_curve_are_the_cubic_pieces_own(controls: list[Point]) -> None:
    """Each point is the cubic's value at t = 1/8 .. 8/8, its weights worked out per point."""
    expected = list(controls[:1])
    for start in range(0, len(controls) - 3, 3):
        p0, p1, p2, p3 = controls[start : start + 4]
        for step in range(1, 9):
            t = step / 8
            a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t**3
            expected.append(
                (
                    a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                    a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1],
                )
            )
    assert bezier_points(controls) == expected
