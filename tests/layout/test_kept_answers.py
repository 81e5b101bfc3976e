"""Answers the tidy pass keeps or takes a shorter way to agree with the plain ones (issue 15).

Each cache or quick path is checked against the exact answer worked out
afresh, on random inputs: the pictures must not change by a byte.
"""

from __future__ import annotations

import bisect
import itertools
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from archgen.layout import detour
from archgen.layout.detour_judge import OFF_BORDER, Fences, Judge
from archgen.layout.detour_lanes import LABEL, OnLane, Standing, grown
from archgen.layout.detour_reach import Reach
from archgen.layout.label_spots import bezier_points, curve_points
from archgen.layout.laid import Laid, Point, Rect
from archgen.layout.nearby import Grid, Segment, near, segment_bounds
from archgen.layout.spread_ends import _End, _run, _tracks
from archgen.layout.tracks import TRACK, Tracks, crosses
from tests.layout.test_detour_reach import _EDGE, _ports, judged
from tests.layout.test_detour_reach import _picture as _reach_picture

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


def _plain_tracks(laid: Laid, ends: list[_End], axis: int) -> list[float]:
    """`spread_ends._tracks` as first written: every run compared by generators."""
    runs = {(end.edge_id, end.first): _run(laid.routes[end.edge_id], end, axis) for end in ends}
    found = []
    for edge_id, route in laid.routes.items():
        for a, b in itertools.pairwise(curve_points(route)):
            if abs(a[axis] - b[axis]) >= 0.5:
                continue
            low, high = sorted((a[1 - axis], b[1 - axis]))
            if any(o == edge_id and abs(a[axis] - run[0]) < 0.5 for (o, _), run in runs.items()):
                continue
            if any(min(high, stop) - max(low, start) > 2.0 for _, start, stop in runs.values()):
                found.append(a[axis])
    return found


_GRID = st.one_of(st.integers(0, 12).map(lambda i: i * 10.0), st.floats(0.0, 120.0))
"""Coordinates on a coarse grid mostly, so runs share tracks and lines run straight."""


@st.composite
def _lines(draw: st.DrawFn) -> tuple[Laid, list[_End], int]:
    """Return lines of straight and bent runs, some ends on them, and the side's axis."""
    laid = Laid((0.0, 0.0, 120.0, 120.0))
    for number in range(draw(st.integers(1, 6))):
        corners = [(draw(_GRID), draw(_GRID))]
        for _ in range(draw(st.integers(1, 4))):
            x, y = corners[-1]
            corners.append((draw(_GRID), y) if draw(st.booleans()) else (x, draw(_GRID)))
        controls = [corners[0]]
        for (x1, y1), (x2, y2) in itertools.pairwise(corners):
            controls += [(x1 + (x2 - x1) * k / 3, y1 + (y2 - y1) * k / 3) for k in (1, 2, 3)]
        laid.routes[f"l{number}"] = " ".join(f"{x!r},{y!r}" for x, y in controls)
    names = sorted(laid.routes)
    ends = [
        _End(draw(st.sampled_from(names)), draw(st.booleans()), 0.0, 0.0)
        for _ in range(draw(st.integers(1, 4)))
    ]
    return laid, ends, draw(st.sampled_from((0, 1)))


@_SETTINGS
@given(_lines())
def test_tracks_beside_spread_ends_are_the_plain_ones(case: tuple[Laid, list[_End], int]) -> None:
    """The runs beside the ends' runs in are found as the generators found them, in order."""
    laid, ends, axis = case
    assert _tracks(laid, ends, axis) == _plain_tracks(laid, ends, axis)


def _plain_on(grids: _Grids, axis: int, at: float, span: tuple[float, float]) -> OnLane:
    """`Standing.on` as first written: the grids asked for the lane's strip each time."""
    fenced, icons, borders = grids
    (low, high), along = span, 1 - axis
    strip = (low, at, high, at) if axis == 1 else (at, low, at, high)

    def across(box: Rect) -> bool:
        return box[axis] < at < box[axis + 2]

    found = [(g, (b[along], b[along + 2])) for g, b in fenced.near(strip) if across(b)]
    named = [
        (name, (b[along], b[along + 2]))
        for name, b in icons.near(strip)
        if across(b) and not name.startswith(LABEL)
    ]
    wide = grown(strip, 2 * OFF_BORDER)
    sides = [
        (b[along], b[along + 2])
        for b in borders.near(wide)
        if abs(at - b[axis]) < OFF_BORDER or abs(at - b[axis + 2]) < OFF_BORDER
    ]
    return OnLane(found, named, sides)


_Grids = tuple[Grid[tuple[str, Rect]], Grid[tuple[str, Rect]], Grid[Rect]]
_WIDE = st.one_of(_GRID, st.floats(-500.0, 3000.0, allow_nan=False))


@st.composite
def _rects(draw: st.DrawFn) -> Rect:
    x1, x2, y1, y2 = (draw(_WIDE) for _ in range(4))
    return (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))


@st.composite
def _pictures(draw: st.DrawFn) -> tuple[_Grids, list[tuple[int, float, tuple[float, float]]]]:
    """Return boxes, icons and labels, borders, and lanes by their edges and between them."""
    fenced: Grid[tuple[str, Rect]] = Grid()
    icons: Grid[tuple[str, Rect]] = Grid()
    borders: Grid[Rect] = Grid()
    edges: list[float] = []
    for number, box in enumerate(draw(st.lists(_rects(), max_size=8))):
        fenced.add((f"g{number}", box), box)
        borders.add(box, box)
        edges += box
    for number, box in enumerate(draw(st.lists(_rects(), max_size=10))):
        name = f"{LABEL}{number}" if draw(st.booleans()) else f"n{number}"
        icons.add((name, box), box)
        edges += box
    nudge = st.sampled_from((0.0, 1.0, -1.0, 6.99, -7.0, 7.0, 14.0, -14.0, 1e-9))
    lanes = []
    for _ in range(draw(st.integers(1, 12))):
        at = draw(st.sampled_from(edges) if edges else _WIDE) + draw(nudge)
        low, high = sorted((draw(_WIDE), draw(_WIDE)))
        lanes.append((draw(st.sampled_from((0, 1))), at, (low, high)))
    return (fenced, icons, borders), lanes


@_SETTINGS
@given(_pictures())
def test_what_stands_on_a_lane_is_what_the_grids_give(
    case: tuple[_Grids, list[tuple[int, float, tuple[float, float]]]],
) -> None:
    """The boxes, icons and borders on a lane, from its band, are the grids' answer in order."""
    grids, lanes = case
    standing = Standing(*grids, OFF_BORDER)
    for axis, at, span in lanes:
        assert standing.on(axis, at, *span) == _plain_on(grids, axis, at, span)


def _plain_last_kept(lengths: list[float]) -> tuple[float, int]:
    """`detour._last_kept` as first written: each tie at the cutoff found by `index`."""
    if len(lengths) <= detour._TRIES:
        return (float("inf"), len(lengths))
    ranked = sorted(lengths)
    cutoff = ranked[detour._TRIES - 1]
    place = -1
    for _ in range(detour._TRIES - bisect.bisect_left(ranked, cutoff)):
        place = lengths.index(cutoff, place + 1)
    return (cutoff, place)


_LENGTH = st.one_of(st.integers(0, 40).map(float), st.floats(0.0, 5000.0))
"""Lengths of candidates: mostly few values, many tied (every lane between the ends ties)."""


@settings(derandomize=True, max_examples=40, deadline=None)
@given(st.lists(_LENGTH, min_size=280, max_size=420))
def test_last_kept_candidate_is_the_one_found_by_index(lengths: list[float]) -> None:
    """The last of the shortest candidates kept, ties by place, is found in one pass."""
    assert detour._last_kept(lengths) == _plain_last_kept(lengths)


def _plain_kept(reach: Reach, source: Point, target: Point) -> list[tuple[float, int, int]]:
    """Return the open candidates among the `_TRIES` shortest by (length, place), in full."""
    lengths = reach.lengths(source, target)
    ranked = sorted(zip(lengths, itertools.count(), strict=False))[: detour._TRIES]
    kept = {i for _, i in ranked}
    return sorted((lengths[i], i, kind) for i, kind in reach.open(source, target) if i in kept)


@_SETTINGS
@given(_reach_picture(), st.sampled_from((2, 3, 5, 40, 300)))
def test_candidates_kept_are_the_shortest_open_ones(
    picture: tuple[Laid, Fences], tries: int
) -> None:
    """Elbows alone, or ranked with every run, the candidates kept are the plain ranking's."""
    laid, fences = picture
    _, reach, _ = judged(laid, fences)
    before, detour._TRIES = detour._TRIES, tries
    try:
        for source, target in _ports(laid):
            assert detour._kept(reach, source, target) == _plain_kept(reach, source, target)
    finally:
        detour._TRIES = before


_FINE = st.one_of(st.floats(-200.0, 400.0), st.sampled_from((0.1, 0.2, 0.3, 0.7, 1 / 3, 2 / 3)))
"""Coordinates whose differences round: a run between the ends may come out below an elbow."""


@_SETTINGS
@given(
    _reach_picture(),
    st.lists(st.tuples(_FINE, _FINE, _FINE, _FINE), min_size=1, max_size=6),
    st.lists(_FINE, max_size=60),
    st.lists(_FINE, max_size=60),
)
def test_runs_below_the_elbows_are_counted_as_lengths_gives_them(
    picture: tuple[Laid, Fences],
    ends: list[tuple[float, float, float, float]],
    levels: list[float],
    columns: list[float],
) -> None:
    """Only lanes between the ends can round below the elbows: none further out is missed."""
    laid, fences = picture
    judge = Judge(laid, _EDGE, fences)
    reach = Reach(judge, (laid.nodes["source"], laid.nodes["target"]), levels, columns)
    for sx, sy, tx, ty in ends:
        for source, target in (((sx, sy), (tx, ty)), ((sx, sy), (sx, ty)), ((sx, sy), (tx, sy))):
            lengths = reach.lengths(source, target)
            shorter = sum(1 for length in lengths[2:] if length < lengths[0])
            assert reach.below_elbows(source, target) == shorter


def _plain_crosses(one: Segment, two: Segment) -> bool:
    """`tracks.crosses` as first written: the sides by a function made on each call."""

    def side(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    (a, b), (c, d) = one, two
    return side(a, b, c) * side(a, b, d) < 0 and side(c, d, a) * side(c, d, b) < 0


_ON = st.one_of(_GRID, st.floats(-1e6, 1e6), st.sampled_from((0.1, 1 / 3, 2 / 3, 1e-300)))
_SEGMENT = st.tuples(st.tuples(_ON, _ON), st.tuples(_ON, _ON))


@_SETTINGS
@given(st.lists(_SEGMENT, min_size=2, max_size=6))
def test_pieces_cross_as_the_plain_cross_products_tell(pieces: list[Segment]) -> None:
    """Crossing, touching, collinear and far pieces are told apart as before, every pair."""
    for one, two in itertools.product(pieces, pieces):
        assert crosses(one, two) == _plain_crosses(one, two)


def _plain_on_track(tracks: Tracks, axis: int, at: float, box: Rect) -> list[tuple[float, float]]:
    """`Tracks.on_track` as first written: each run by its ends along the lane, as stored."""
    found, along = [], 1 - axis
    for band in range(math.floor((at - TRACK) / TRACK), math.floor((at + TRACK) / TRACK) + 1):
        for key, version, (one, two) in tracks._tracks.get((axis, band), ()):
            if (
                key != "other"
                and tracks.current[key] == version
                and abs(one[axis] - at) < TRACK
                and abs(two[axis] - at) < TRACK
                and near(segment_bounds((one, two)), box)
            ):
                found.append((one[along], two[along]))
    return found


@_SETTINGS
@given(st.lists(_SEGMENT, min_size=1, max_size=12), st.sampled_from((0, 1)), _ON, _rects())
def test_runs_on_a_track_come_low_end_first(
    pieces: list[Segment], axis: int, at: float, box: Rect
) -> None:
    """Each run on a lane's track is given as `min` and `max` of its ends along the lane."""
    tracks = Tracks(Laid((0.0, 0.0, 1.0, 1.0)))
    level: list[Segment] = []
    for number, (one, two) in enumerate(pieces):  # runs along the lane, within a track of it
        ends = [list(one), list(two)]
        ends[0][axis], ends[1][axis] = at + (one[axis] % 4.0), at - (two[axis] % 4.0)
        level.append(((ends[0][0], ends[0][1]), (ends[1][0], ends[1][1])))
        tracks.take(f"l{number}", [level[-1][0], level[-1][1]])
    plain = [(min(one, two), max(one, two)) for one, two in _plain_on_track(tracks, axis, at, box)]
    assert tracks.on_track("other", axis, at, box) == plain
