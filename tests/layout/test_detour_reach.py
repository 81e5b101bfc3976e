"""A detour's lanes dropped by reach: never one whose route the full judgement would keep."""

from __future__ import annotations

import itertools
import operator
from random import Random

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from archgen.layout import detour
from archgen.layout.detour_judge import LANE, OFF_BORDER, Fences, Hidden, Judge
from archgen.layout.detour_lanes import LABEL, Standing
from archgen.layout.detour_reach import AWAY, Reach
from archgen.layout.laid import Laid, Point, Rect
from archgen.layout.nearby import Grid, box_grid
from archgen.layout.scene import Edge
from archgen.layout.tracks import Tracks
from tests.layout.rects import rects

_EDGE = Edge("line", "source", "target", "connection")
_HOLDER = (0.0, 0.0, 400.0, 400.0)
# Even points (icons are 52 high, lanes 14 apart) and halves, in a small picture: ends,
# icons, boxes and lanes often line up exactly and crowd each other, as dot's do.
_AT = st.one_of(
    st.integers(0, 100).map(lambda v: v * 2.0), st.integers(0, 400).map(lambda v: v / 2)
)
_SIZE = st.sampled_from([8.0, 20.0, 30.0, 48.0, 51.5, 52.0, 60.0, 90.0, 130.0])
_SETTINGS = settings(derandomize=True, max_examples=150, deadline=None)


_BOX = rects(_AT, _SIZE)


@st.composite
def _stacked(draw: st.DrawFn) -> Rect:
    """Return a target box just above, below or beside the source's (`_SOURCE`)."""
    dx, dy = draw(st.integers(-25, 25)) * 2.0, draw(st.integers(-70, 70)) * 2.0
    return (100.0 + dx, 100.0 + dy, 100.0 + dx + draw(_SIZE), 100.0 + dy + draw(_SIZE))


@st.composite
def _picture(draw: st.DrawFn) -> tuple[Laid, Fences]:
    """Return two ends, other icons, fenced boxes (some holding an end), labels and runs.

    The ends are anywhere, or stacked close (a corner by one end may then lie in the other's icon).
    """
    stacked = draw(st.booleans())
    source = (100.0, 100.0, 100.0 + draw(_SIZE), 100.0 + draw(_SIZE)) if stacked else draw(_BOX)
    nodes = {"source": source, "target": draw(_stacked() if stacked else _BOX)}
    assume(nodes["source"][2:] != nodes["target"][2:])  # one icon over the other: no line
    nodes |= {f"icon{i}": box for i, box in enumerate(draw(st.lists(_BOX, max_size=4)))}
    laid = Laid(_HOLDER, nodes=nodes)
    boxes = draw(st.lists(_BOX, max_size=3))
    fenced: Grid[tuple[str, Rect]] = Grid()
    for index, box in enumerate(boxes):
        fenced.add((f"g{index}", box), box)
    icons: Grid[tuple[str, Rect]] = Grid()
    for name, box in nodes.items():
        icons.add((name, box), box)
    for index, box in enumerate(draw(st.lists(_BOX, max_size=2))):
        icons.add((f"{LABEL}other{index}", box), box)
    tracks = Tracks(laid)
    for index, (x, y, dx, dy) in enumerate(draw(st.lists(st.tuples(_AT, _AT, _AT, _AT)))):
        corners: list[Point] = [(x, y), (x + dx - 200, y), (x + dx - 200, y + dy - 200)]
        tracks.take(f"other{index}", corners)
    sides = [*boxes, _HOLDER]
    borders = box_grid(sides)
    holding = frozenset(f"g{i}" for i in range(len(boxes)) if draw(st.booleans()))
    standing = Standing(fenced, icons, borders, OFF_BORDER)
    fences = Fences(_HOLDER, fenced, holding, [], sides, borders, icons, tracks, standing)
    return laid, fences


def _ports(laid: Laid) -> list[tuple[Point, Point]]:
    """Return the pairs of ports `best_route` tries, centres first."""
    pairs = [(0.0, 0.0), *list(itertools.product(detour._PORTS[:3], detour._PORTS))[1:]]
    return [
        (detour._centre(laid, "source", one), detour._centre(laid, "target", two))
        for one, two in pairs
    ]


def judged(laid: Laid, fences: Fences) -> tuple[Judge, Reach, tuple[list[float], list[float]]]:
    """Return the judge and the reach of the line from `source` to `target`, and the lanes."""
    levels = detour._levels(laid, fences, 1, 3)
    columns = detour._levels(laid, fences, 0, 2)
    judge = Judge(laid, _EDGE, fences)
    reach = Reach(judge, (laid.nodes["source"], laid.nodes["target"]), levels, columns)
    return judge, reach, (levels, columns)


@_SETTINGS
@given(_picture())
def test_reach_keeps_every_candidate_the_full_judgement_could_choose(
    picture: tuple[Laid, Fences],
) -> None:
    laid, fences = picture
    judge, reach, (levels, columns) = judged(laid, fences)
    for source, target in _ports(laid):
        if source == target:  # ports on one point: no route to judge
            continue
        kept = dict(reach.open(source, target))
        for index in range(2 + len(levels) + len(columns)):
            corners = detour._route(source, target, levels, columns, index)
            drawn = judge.route(corners)
            if index not in kept:
                assert not judge.may_leave(source, corners[1], target) or drawn is None
                continue
            run = reach.run(kept[index], corners) if index >= 2 else None
            if drawn is not None and run is not None:  # a clear route holds it as it is
                assert run in itertools.pairwise(drawn)
            if kept[index] == AWAY:  # its first piece is judged with the route
                assert judge.may_leave(source, corners[1], target) or drawn is None


@_SETTINGS
@given(_picture())
def test_the_route_chosen_is_the_one_every_candidate_judged_chooses(
    picture: tuple[Laid, Fences],
) -> None:
    laid, fences = picture
    assert detour.best_route(laid, _EDGE, fences) == _every_candidate_judged(laid, fences)


def _every_candidate_judged(laid: Laid, fences: Fences) -> list[Point] | None:
    """Return the route `best_route` chose by judging each candidate, before `Reach`."""
    ends = (detour._centre(laid, "source"), detour._centre(laid, "target"))
    levels = _near_ends(_lanes(laid, fences, 1, 3), (ends[0][1], ends[1][1]))
    columns = _near_ends(_lanes(laid, fences, 0, 2), (ends[0][0], ends[1][0]))
    judge = Judge(laid, _EDGE, fences)
    best: tuple[Hidden, list[Point]] | None = None
    pairs = _ports(laid)
    for ports in (pairs[:1], pairs[1:]):
        candidates: list[tuple[float, list[Point]]] = []
        for source, target in ports:
            (sx, sy), (tx, ty) = source, target
            across, down = abs(sx - tx), abs(sy - ty)
            lengths = [across + down, across + down]
            lengths += [across + abs(sy - y) + abs(y - ty) for y in levels]
            lengths += [down + abs(sx - x) + abs(x - tx) for x in columns]
            for length, i in sorted(zip(lengths, itertools.count(), strict=False))[: detour._TRIES]:
                corners = detour._route(source, target, levels, columns, i)
                if judge.may_leave(source, corners[1], target):
                    candidates.append((length, corners))
        candidates.sort(key=operator.itemgetter(0))
        for _, corners in candidates:
            drawn = judge.route(corners)
            hidden = None if drawn is None else judge.hides_less(drawn, best and best[0])
            if drawn is not None and hidden is not None:
                best = (hidden, drawn)
                if hidden == (0, 0):
                    return drawn
    return best[1] if best is not None else None


def _lanes(laid: Laid, fences: Fences, low: int, high: int) -> list[float]:
    """Return the lanes beside every box's and icon's edge in the holder, as first written."""
    edges = {box[i] for box in fences.sides for i in (low, high)}
    edges |= {box[i] for box in laid.nodes.values() for i in (low, high)}
    lanes = {e + k * LANE for e in edges for k in (-3, -2, -1, 1, 2, 3)}
    inside = fences.holder[low] + LANE, fences.holder[high] - LANE
    return sorted(lane for lane in lanes if inside[0] <= lane <= inside[1])


def _near_ends(lanes: list[float], ends: tuple[float, float]) -> list[float]:
    """Return the lanes within `_REACH` of the ends, nearest first, as first written."""
    low, high = min(ends) - detour._REACH, max(ends) + detour._REACH
    near = [lane for lane in lanes if low <= lane <= high]
    return sorted(near, key=lambda lane: min(abs(lane - end) for end in ends))[: detour._TRIES]


_RUNS_OF_LENGTHS = st.lists(
    st.tuples(st.sampled_from([0.0, 14.0, 28.5, 28.5000001, 300.0]), st.integers(1, 160)),
    max_size=8,
)
"""Lengths in runs of equal ones, in any order: ties straddle the `_TRIES`-th most times."""


@_SETTINGS
@given(_RUNS_OF_LENGTHS, st.randoms(use_true_random=False))
def test_the_last_candidate_kept_is_the_last_of_the_shortest_ranked_with_their_places(
    runs: list[tuple[float, int]], shuffle: Random
) -> None:
    lengths = [length for length, count in runs for _ in range(count)]
    shuffle.shuffle(lengths)
    ranked = sorted(zip(lengths, itertools.count(), strict=False))
    last = detour._last_kept(lengths)
    assert [key for key in ranked if key <= last] == ranked[: detour._TRIES]
