"""A line rising to its internet gateway: the lanes blocked, found once for all its lanes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from archgen.layout import gateway_inside
from archgen.layout.gateway_inside import _cuts, _walls
from archgen.layout.laid import Rect

_AT = st.integers(0, 40).map(lambda v: v * 3.5)
"""Half lanes on a small page: boxes, rises and lanes often meet edge to edge."""


@st.composite
def _box(draw: st.DrawFn) -> Rect:
    left, bottom = draw(_AT), draw(_AT)
    return (left, bottom, left + draw(_AT), bottom + draw(_AT))


def _blocked(x: float, under: float, band: float, boxes: list[Rect]) -> bool:
    """Tell whether the rise at `x` runs into a box grown a lane each side, box by box."""
    lane = gateway_inside._LANE
    return any(
        _cuts(((x, under), (x, band)), (box[0] - lane, box[1], box[2] + lane, box[3]))
        for box in boxes
    )


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.lists(_box(), max_size=8), _AT, _AT, st.lists(_AT, min_size=1, max_size=10))
def test_the_walls_block_the_lanes_the_boxes_block(
    boxes: list[Rect], under: float, band: float, lanes: list[float]
) -> None:
    walls = _walls(boxes, under, band)
    for x in lanes:
        assert any(left < x < right for left, right in walls) == _blocked(x, under, band, boxes)


def test_a_box_beside_the_rise_in_height_only_blocks_nothing() -> None:
    assert _walls([(0.0, 200.0, 50.0, 260.0)], 100.0, 180.0) == []
    assert _walls([(0.0, 150.0, 50.0, 260.0)], 100.0, 180.0) == [(-7.0, 57.0)]
