"""The legend's free room found row by row: the spot of trying every candidate in turn."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from archgen.layout import legend_spot
from archgen.layout.detour_judge import cuts
from archgen.layout.label_spots import Segment, overlaps
from archgen.layout.laid import Rect, hull
from archgen.layout.legend_spot import free_spot
from tests.layout.rects import rects

# A coarse grid and a few fine points: boxes meet edge to edge and a gap apart, as dot's do.
_AT = st.one_of(
    st.integers(0, 30).map(lambda v: v * 12.0), st.integers(0, 720).map(lambda v: v / 2)
)
_SIZE = st.sampled_from([12.0, 24.0, 40.0, 60.5, 96.0, 130.0])


_BOX = rects(_AT, _SIZE)


@st.composite
def _line(draw: st.DrawFn) -> Segment:
    x, y, length = draw(_AT), draw(_AT), draw(_AT)
    return ((x, y), (x + length, y)) if draw(st.booleans()) else ((x, y), (x, y + length))


def _every_candidate(
    width: float, height: float, boxes: list[Rect], lines: list[Segment]
) -> tuple[float, float] | None:
    """Return the first clear candidate, each tried against every box and line."""
    gap = legend_spot._GAP
    left, bottom, right, top = hull(boxes)
    xs = {left, right - width} | {b[2] + gap for b in boxes} | {b[0] - gap - width for b in boxes}
    ys = {bottom, top - height} | {b[3] + gap for b in boxes} | {b[1] - gap - height for b in boxes}
    xs = {x for x in xs if left <= x <= right - width}
    ys = {y for y in ys if bottom <= y <= top - height}
    for y, x in sorted((y, -x) for x in xs for y in ys):
        wide = (-x - gap, y - gap, -x + width + gap, y + height + gap)
        clear = not any(overlaps(wide, box) for box in boxes)
        if clear and not any(cuts(piece, wide) for piece in lines):
            return (-x, y)
    return None


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.lists(_BOX, min_size=1, max_size=12), st.lists(_line(), max_size=4), _SIZE, _SIZE)
def test_the_spot_is_the_first_clear_candidate(
    boxes: list[Rect], lines: list[Segment], width: float, height: float
) -> None:
    found = free_spot(width, height, boxes, lambda: lines)
    assert found == _every_candidate(width, height, boxes, lines)


def test_a_page_full_of_boxes_holds_no_room() -> None:
    boxes = [
        (x * 50.0, y * 50.0, x * 50.0 + 45.0, y * 50.0 + 45.0) for x in range(8) for y in range(8)
    ]
    assert free_spot(30.0, 30.0, boxes, list) is None
    assert free_spot(30.0, 30.0, boxes[:-1], list) == (365.0, 357.0)  # where the last one was
