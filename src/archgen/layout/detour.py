"""The route a line is given when dot's breaks a rule: straight pieces through free lanes.

Candidates are elbows and runs along lanes just beside the boxes' and icons'
edges, leaving and entering each icon at its centre or a port beside it. The
shortest first, the first that hides nothing wins: a route that stays in its
holder, enters no box holding neither end, cuts no icon but its ends, runs
along no border and on no other line's track; among those that hide
something, the one over fewest labels, then across fewest lines.
"""

from __future__ import annotations

import heapq
import itertools
import operator
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from archgen.layout.detour_judge import LANE, Fences, Hidden, Judge
from archgen.layout.detour_reach import AWAY, Reach
from archgen.layout.laid import Laid, Point
from archgen.layout.landing import icon_box
from archgen.layout.scene import Edge

_TRIES = 300
"""Candidates tried per pair of ports, shortest first: a longer detour hides more anyway."""


def best_route(laid: Laid, edge: Edge, fences: Fences) -> list[Point] | None:
    """Return the clear route that hides least, shortest first; None when none is clear.

    Leaving and entering at the icons' centres is tried first; ports beside
    them only when every such route hides something.
    """
    ys = (_centre(laid, edge.source)[1], _centre(laid, edge.target)[1])
    xs = (_centre(laid, edge.source)[0], _centre(laid, edge.target)[0])
    levels = _near_ends(_levels(laid, fences, 1, 3), ys)
    columns = _near_ends(_levels(laid, fences, 0, 2), xs)
    best: tuple[Hidden, list[Point]] | None = None
    judge = Judge(laid, edge, fences)
    reach = Reach(judge, (laid.nodes[edge.source], laid.nodes[edge.target]), levels, columns)
    for ports in ([(0.0, 0.0)], list(itertools.product(_PORTS[:3], _PORTS))[1:]):
        streams = [
            _candidates(
                judge,
                reach,
                _centre(laid, edge.source, leaving),
                _centre(laid, edge.target, entering),
                (levels, columns),
            )
            for leaving, entering in ports
        ]
        for _, corners in heapq.merge(*streams, key=operator.itemgetter(0)):
            drawn = judge.route(corners)
            if drawn is None:
                continue
            hidden = judge.hides_less(drawn, best[0] if best is not None else None)
            if hidden is None:
                continue
            best = (hidden, drawn)
            if hidden == (0, 0):
                return drawn
    return best[1] if best is not None else None


def _candidates(
    judge: Judge,
    reach: Reach,
    source: Point,
    target: Point,
    lanes: tuple[list[float], list[float]],
) -> Iterator[tuple[float, list[Point]]]:
    """Yield the elbows and the runs along each lane, each with its length, `_TRIES` shortest.

    The lengths are ranked first, each with its place (ties keep the order:
    elbows, levels, columns); of those kept, a run along a lane one end
    cannot reach or a blocked run (`Reach`) and a route whose first piece is
    not clear are dropped before they are built (they could never be chosen).
    Each is judged only when the one before it was not chosen. A route
    certain to hold a blocked piece along its lane, or one crossing too many
    lines to hide less than the best found so far, is dropped; away from
    both ends a route holds its first piece as it is (judged with the route).
    """
    levels, columns = lanes
    for length, i, kind in _kept(reach, source, target):
        corners = _route(source, target, levels, columns, i)
        run = reach.run(kind, corners) if i >= 2 else None
        if run is not None and not (judge.clear(run) and judge.may_hide_less(run)):
            continue
        if kind != AWAY and not judge.may_leave(source, corners[1], target):
            continue
        yield length, corners


def _kept(reach: Reach, source: Point, target: Point) -> list[tuple[float, int, int]]:
    """Return the open candidates among the `_TRIES` shortest, shortest first (ties by place).

    Most pairs of ports leave only the elbows open; these two are the
    shortest of all unless rounding makes more than `_TRIES` runs shorter
    (`Reach.below_elbows`), so their lengths alone are needed.
    """
    opened = reach.open(source, target)
    if len(opened) == 2 and reach.below_elbows(source, target) < _TRIES - 1:
        length = abs(source[0] - target[0]) + abs(source[1] - target[1])
        return [(length, i, kind) for i, kind in opened]
    lengths = reach.lengths(source, target)
    cutoff, place = _last_kept(lengths)
    return sorted(
        (length, i, kind)
        for i, kind in opened
        if (length := lengths[i]) < cutoff or (length == cutoff and i <= place)
    )


def _last_kept(lengths: list[float]) -> tuple[float, int]:
    """Return the length and place of the last of the `_TRIES` shortest (ties by place)."""
    if len(lengths) <= _TRIES:
        return (float("inf"), len(lengths))
    ranked = sorted(lengths)
    cutoff = ranked[_TRIES - 1]
    ties = itertools.compress(
        range(len(lengths)), map(operator.eq, lengths, itertools.repeat(cutoff))
    )
    kept = _TRIES - bisect_left(ranked, cutoff)  # the first ties by place are kept
    return (cutoff, next(itertools.islice(ties, kept - 1, None)))


def _route(
    source: Point, target: Point, levels: list[float], columns: list[float], index: int
) -> list[Point]:
    """Return the candidate at `index`: the two elbows, then a run along each level, each column.

    Its second corner is where it turns first.
    """
    (sx, sy), (tx, ty) = source, target
    if index < 2:
        return [source, (tx, sy) if index == 0 else (sx, ty), target]
    if index < 2 + len(levels):
        y = levels[index - 2]
        return [source, (sx, y), (tx, y), target]
    x = columns[index - 2 - len(levels)]
    return [source, (x, sy), (x, ty), target]


def _levels(laid: Laid, fences: Fences, low: int, high: int) -> list[float]:
    """Return the lanes a run may take: just beside every box's and icon's edge, in the holder.

    The picture's lanes are found once for every line (`Standing.lanes`).
    """

    def every() -> list[float]:
        edges = {box[i] for box in fences.sides for i in (low, high)}
        edges |= {box[i] for box in laid.nodes.values() for i in (low, high)}
        return sorted({e + k * LANE for e in edges for k in (-3, -2, -1, 1, 2, 3)})

    lanes = fences.standing.lanes(low, every)
    inside = fences.holder[low] + LANE, fences.holder[high] - LANE
    return lanes[bisect_left(lanes, inside[0]) : bisect_right(lanes, inside[1])]


def _near_ends(lanes: list[float], ends: tuple[float, float]) -> list[float]:
    """Return the lanes between the ends, or up to `_REACH` beyond them: no detour goes further."""
    one, two = ends
    low, high = min(ends) - _REACH, max(ends) + _REACH
    near = lanes[bisect_left(lanes, low) : bisect_right(lanes, high)]
    return sorted(near, key=lambda lane: min(abs(lane - one), abs(lane - two)))[:_TRIES]


_REACH = 160.0
"""Points beyond its ends a rerouted line may run: about a tier row."""


def _centre(laid: Laid, node: str, offset: float = 0.0) -> Point:
    """Return the icon's centre, or a point `offset` right of it (a port beside the centre)."""
    left, bottom, right, top = icon_box(laid.nodes[node], "", marked=False)
    return ((left + right) / 2 + offset, (bottom + top) / 2)


_PORTS = (0.0, -10.0, 10.0, -20.0, 20.0)
"""Points from an icon's centre where a rerouted line may enter it, nearest first."""
