"""A detour's pieces judged by lane: the same answer as the exact test of every box and run."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from archgen.layout.detour_judge import OFF_BORDER, Fences, Judge, piece_clear
from archgen.layout.detour_lanes import Standing
from archgen.layout.laid import Laid, Point, Rect
from archgen.layout.nearby import Grid, Segment, box_grid
from archgen.layout.scene import Edge
from archgen.layout.tracks import Tracks

_FENCED = {"zone-a": (40.0, 40.0, 200.0, 300.0), "zone-b": (220.0, 40.0, 380.0, 300.0)}
_ICONS = {
    "web": (60.0, 200.0, 120.0, 260.0),
    "db": (240.0, 80.0, 300.0, 140.0),
    "cache": (140.0, 120.0, 190.0, 170.0),
    "label:line": (130.0, 60.0, 170.0, 75.0),
    "label:other": (250.0, 220.0, 330.0, 236.0),
}
_BORDERS = [(30.0, 30.0, 390.0, 310.0), *_FENCED.values()]
_EDGES = sorted({v for box in (*_FENCED.values(), *_ICONS.values(), *_BORDERS) for v in box})
# Edges of every box and run, and the distances at which the tests change their answer.
_NEAR_EDGE = st.builds(
    lambda edge, offset: edge + offset,
    st.sampled_from(_EDGES),
    st.sampled_from([0.0, 0.5, 1.0, -1.0, 4.9, 5.0, -5.0, 6.9, 7.0, -7.0, 13.9, 14.0, -14.0]),
)
_COORDINATE = st.one_of(_NEAR_EDGE, st.floats(0.0, 420.0, allow_nan=False))
_RUNS = st.lists(
    st.tuples(_COORDINATE, _COORDINATE, _COORDINATE, st.sampled_from([0.0, 0.3, 3.0, 40.0])),
    max_size=6,
)


@st.composite
def _pieces(draw: st.DrawFn) -> Segment:
    """Return a level, an upright, a nearly level or a slanted piece."""
    x1, y1, x2, y2 = (draw(_COORDINATE) for _ in range(4))
    kind = draw(st.sampled_from(["level", "upright", "nearly", "slanted", "point"]))
    if kind == "level":
        return ((x1, y1), (x2, y1))
    if kind == "upright":
        return ((x1, y1), (x1, y2))
    if kind == "nearly":
        return ((x1, y1), (x1, y1 + 0.3))
    return ((x1, y1), (x1, y1)) if kind == "point" else ((x1, y1), (x2, y2))


def _fences(runs: list[tuple[float, float, float, float]]) -> tuple[Laid, Fences]:
    laid = Laid((0.0, 0.0, 420.0, 340.0), nodes={"web": _ICONS["web"], "db": _ICONS["db"]})
    tracks = Tracks(laid)
    for index, (x, y, length, slant) in enumerate(runs):
        # level and upright runs of other lines, slightly slanted ones, and the line's own
        points: list[Point] = [(x, y), (x + length, y + slant), (x + length + slant, y + length)]
        tracks.take("line" if index == 0 else f"other{index}", points)
    fenced: Grid[tuple[str, Rect]] = Grid()
    icons: Grid[tuple[str, Rect]] = Grid()
    for group, box in _FENCED.items():
        fenced.add((group, box), box)
    for name, box in _ICONS.items():
        icons.add((name, box), box)
    borders = box_grid(_BORDERS)
    fences = Fences(
        (20.0, 20.0, 400.0, 320.0),
        fenced,
        frozenset({"zone-a"}),
        [],
        _BORDERS,
        borders,
        icons,
        tracks,
        Standing(fenced, icons, borders, OFF_BORDER),
    )
    return laid, fences


@settings(derandomize=True, max_examples=400, deadline=None)
@given(st.lists(_pieces(), min_size=1, max_size=12), _RUNS)
def test_a_piece_judged_by_its_lane_is_judged_as_the_exact_test_judges_it(
    pieces: list[Segment], runs: list[tuple[float, float, float, float]]
) -> None:
    laid, fences = _fences(runs)
    judge = Judge(laid, Edge("line", "web", "db", "connection"), fences)
    for piece in pieces:  # several pieces on one lane: the lane's gathering is reused
        assert judge.piece_is_clear(piece) == piece_clear(piece, fences, ("web", "db"), "line")


@settings(derandomize=True, max_examples=400, deadline=None)
@given(st.lists(_pieces(), min_size=1, max_size=12), _RUNS, st.lists(_pieces(), max_size=8))
def test_the_lines_a_piece_crosses_are_counted_as_every_line_is_tested(
    pieces: list[Segment], runs: list[tuple[float, float, float, float]], lines: list[Segment]
) -> None:
    laid, fences = _fences(runs)
    for index, line in enumerate(lines):  # slanted pieces of curves too, ending near the lanes
        fences.runs.take(f"curve{index}", [*line])
    judge = Judge(laid, Edge("line", "web", "db", "connection"), fences)
    for piece in pieces:  # several pieces on one line: the pieces across it are reused
        hidden = judge.hides_less([*piece], None)
        assert hidden is not None
        assert hidden[1] == fences.runs.crossings("line", [*piece])


def test_the_lanes_turn_down_what_the_exact_test_turns_down() -> None:
    """Each kind of obstacle, on a level and an upright piece, with a clear piece beside it."""
    laid, fences = _fences([(50.0, 180.0, 80.0, 0.0)])  # a run of "line" itself: ignored
    judge = Judge(laid, Edge("line", "web", "db", "connection"), fences)
    other = Tracks(laid)
    other.take("other1", [(50.0, 180.0), (130.0, 180.0)])
    with_run = Judge(laid, Edge("line", "web", "db", "connection"), _with(fences, other))
    assert not judge.piece_is_clear(((130.0, 150.0), (180.0, 150.0)))  # through the cache icon
    assert judge.piece_is_clear(((60.0, 230.0), (100.0, 230.0)))  # inside its own end
    assert not judge.piece_is_clear(((150.0, 100.0), (250.0, 100.0)))  # into zone-b (fenced)
    assert judge.piece_is_clear(((60.0, 100.0), (130.0, 100.0)))  # in zone-a, which holds it
    assert not judge.piece_is_clear(((100.0, 45.0), (130.0, 45.0)))  # along zone-a's border
    assert not judge.piece_is_clear(((10.0, 100.0), (60.0, 100.0)))  # out of the holder
    assert judge.piece_is_clear(((50.0, 183.0), (130.0, 183.0)))  # on its own old run
    assert not with_run.piece_is_clear(((50.0, 183.0), (130.0, 183.0)))  # on another's track
    assert with_run.piece_is_clear(((50.0, 189.0), (130.0, 189.0)))  # a track beside it


def _with(fences: Fences, runs: Tracks) -> Fences:
    return Fences(
        fences.holder,
        fences.fenced,
        fences.holding,
        fences.walls,
        fences.sides,
        fences.borders,
        fences.icons,
        runs,
        fences.standing,
    )
