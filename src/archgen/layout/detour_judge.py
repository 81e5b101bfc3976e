"""Whether a candidate route of a line is clear, and what it hides: judged piece by piece.

`detour` tries thousands of candidates per line, built of a few hundred
distinct pieces: the run out of each port to each lane, along the lane, and
into the other end. Each piece is judged once per line. Nearly every piece
is level or upright, and the pieces on one lane share what stands on that
lane: the boxes it crosses, the borders it runs beside, the other lines'
runs on its track. Those are gathered once per lane from the grids, so a
piece is then judged by comparing its two ends with a short list. The
answers are those of the exact tests of every piece against every box
(`piece_clear`), which judge the few pieces that are neither level nor upright.
"""

from __future__ import annotations

import itertools
from typing import NamedTuple

from archgen.layout.detour_ends import End
from archgen.layout.detour_lanes import LABEL, Standing, grown
from archgen.layout.laid import Laid, Point, Rect
from archgen.layout.nearby import MARGIN, Grid, segment_bounds
from archgen.layout.scene import Edge
from archgen.layout.tracks import TRACK, Tracks, crosses

LANE = 14.0
"""Points between a run and the box edge or icon it passes."""
OFF_BORDER = LANE / 2
"""Points a new run keeps from every border it runs beside."""

Segment = tuple[Point, Point]
Span = tuple[float, float]
Hidden = tuple[int, int]
"""What a route hides: the labels it runs over, the lines it crosses."""


class Fences(NamedTuple):
    """What a line must keep to: its holder, and the boxes it may not enter or run along."""

    holder: Rect
    fenced: Grid[tuple[str, Rect]]
    """Every box a route may not enter unless it holds an end, by group id."""
    holding: frozenset[str]
    """The boxes holding either end: these a route may enter."""
    walls: list[Rect]
    sides: list[Rect]
    borders: Grid[Rect]
    icons: Grid[tuple[str, Rect]]
    runs: Tracks
    standing: Standing
    """What stands on each lane, from `fenced`, `icons` and `borders`, shared by every line."""


class _Lane(NamedTuple):
    """What stands on one level or upright line, each as its stretch along the line."""

    stops: list[Span]
    """Boxes and icons the line passes through (strictly inside them across it), and the
    borders it runs beside, closer than `OFF_BORDER`: a stretch may meet none of them."""
    runs: list[Span]
    """Other lines' runs on the line's track, each from its low end to its high end."""


class Judge:
    """One line's candidates judged: each piece once, each lane's obstacles gathered once."""

    def __init__(self, laid: Laid, edge: Edge, fences: Fences) -> None:
        self._fences = fences
        self._edge = edge
        self._names = (edge.source, edge.target)
        self._source = End(laid.nodes[edge.source])
        self._target = End(laid.nodes[edge.target])
        self._clear: dict[Segment, bool] = {}
        self._labels: dict[Segment, frozenset[str]] = {}
        self._crossings: dict[Segment, int] = {}
        self._least: Hidden | None = None
        """What the route that hides least among those judged hides (`hides_less`)."""
        self._across: dict[tuple[int, float], list[tuple[Rect, Segment]]] = {}
        self._lanes: dict[tuple[int, float], _Lane] = {}
        self._leaves: dict[tuple[Point, Point], bool] = {}
        holder = fences.holder
        self._inner = (holder[0] - 1.0, holder[1] - 1.0, holder[2] + 1.0, holder[3] + 1.0)
        """The holder grown by the point `_in` allows a piece's ends beyond it."""

    def may_leave(self, source: Point, first: Point, target: Point) -> bool:
        """Tell whether a route from `source` through the corner `first` may be clear.

        Its first piece, from where it leaves the source's icon to `first`, is
        judged (and kept for `route`); a corner on either end leaves it open.
        """
        if first in (source, target):
            return True
        key = (source, first)
        answer = self._leaves.get(key)
        if answer is None:
            answer = self._leaves[key] = self.clear((self._source.side(source, first), first))
        return answer

    def turn(self, end: int, centre: Point, towards: Point) -> Point:
        """Return where `route` has a run from `centre` to `towards` leave an end (1: target)."""
        return (self._target if end else self._source).side(centre, towards)

    def clear(self, piece: Segment) -> bool:
        """Tell what `piece_is_clear` tells of a piece, judging each piece once."""
        answer = self._clear.get(piece)
        if answer is None:
            answer = self._clear[piece] = self.piece_is_clear(piece)
        return answer

    def route(self, corners: list[Point]) -> list[Point] | None:
        """Return the candidate as drawn when it is clear, None when it is not.

        Drawn, a corner repeating the one before it goes (a run of no length),
        and the first and last are cut back to where the line meets its icons.
        Most candidates fail on a piece judged before: they are turned down
        before the rest of their route is built.
        """
        drawn = [corners[0]]
        for corner in corners[1:]:
            if corner != drawn[-1]:
                drawn.append(corner)
        self._source.cut(drawn)
        self._target.cut(drawn, last=True)
        known, start = self._clear, drawn[0]
        for end in drawn[1:]:
            piece = (start, end)
            answer = known.get(piece)
            if answer is None:
                answer = known[piece] = self.piece_is_clear(piece)
            if not answer:
                return None
            start = end
        return drawn

    def hides_less(self, corners: list[Point], than: Hidden | None) -> Hidden | None:
        """Return what a route hides when it is less than `than` (any, when None), else None.

        `than` is what the least found hides: a route that hides less becomes it.

        What it hides: the labels it runs over (worst), then the lines it crosses.
        Lines are counted only while the route may still hide less; when only
        a route over no label may, lines are counted first (most routes cross
        too many and are turned down on the few pieces they share).
        """
        hidden = self._hides_less(list(itertools.pairwise(corners)), than)
        if hidden is not None:
            self._least = hidden
        return hidden

    def may_hide_less(self, piece: Segment) -> bool:
        """Tell whether a route holding the piece may hide less than the least one found.

        When that one runs over no label, a route whose piece alone crosses as
        many lines cannot.
        """
        least = self._least
        return least is None or least[0] > 0 or self._crossed([piece], least[1]) is not None

    def _hides_less(self, pieces: list[Segment], than: Hidden | None) -> Hidden | None:
        if than is not None and than[0] == 0:
            crossed = self._crossed(pieces, than[1])
            return None if crossed is None or self._over(pieces) else (0, crossed)
        over = len(self._over(pieces))
        if than is not None and over > than[0]:
            return None
        crossed = self._crossed(pieces, than[1] if than is not None and over == than[0] else None)
        return None if crossed is None else (over, crossed)

    def _over(self, pieces: list[Segment]) -> set[str]:
        """Return the labels of other lines the pieces run over."""
        over: set[str] = set()
        for piece in pieces:
            labels = self._labels.get(piece)
            if labels is None:
                labels = self._labels[piece] = self._labels_over(piece)
            over |= labels
        return over

    def _crossed(self, pieces: list[Segment], limit: int | None) -> int | None:
        """Return how many lines the pieces cross; None once they reach `limit`."""
        crossed = 0
        for piece in pieces:
            count = self._crossings.get(piece)
            if count is None:
                count = self._crossings[piece] = self._crossings_of(piece)
            crossed += count
            if limit is not None and crossed >= limit:
                return None
        return crossed

    def _crossings_of(self, piece: Segment) -> int:
        """Return how many lines a piece crosses: from the pieces across its lane when it has one.

        Only a piece with an end on each side of a level or upright piece's
        line can cross it, and those are gathered once per line.
        """
        (x1, y1), (x2, y2) = piece
        axis = 1 if y1 == y2 else 0 if x1 == x2 else -1
        holder = self._fences.holder
        bounds = segment_bounds(piece)
        along = 1 - axis
        if (
            axis < 0
            or bounds[along] < holder[along] - 1.0
            or bounds[along + 2] > holder[along + 2] + 1.0
        ):
            return self._fences.runs.crossings(self._edge.id, [*piece])
        lane = self._across.get((axis, piece[0][axis]))
        if lane is None:
            low, high = holder[along] - 1.0, holder[along + 2] + 1.0
            at = piece[0][axis]
            strip = (low, at, high, at) if axis == 1 else (at, low, at, high)
            lane = self._across[axis, at] = self._fences.runs.straddling(
                self._edge.id, axis, at, strip
            )
        left, bottom = bounds[0] - MARGIN, bounds[1] - MARGIN  # `near(box, bounds)`, written out
        return sum(
            1
            for box, other in lane
            if box[0] - MARGIN <= bounds[2]
            and left <= box[2]
            and box[1] - MARGIN <= bounds[3]
            and bottom <= box[3]
            and crosses(piece, other)
        )

    def _labels_over(self, piece: Segment) -> frozenset[str]:
        own = f"{LABEL}{self._edge.id}"
        return frozenset(
            name
            for name, box in self._fences.icons.near(segment_bounds(piece))
            if name.startswith(LABEL) and name != own and cuts(piece, box)
        )

    def piece_is_clear(self, piece: Segment) -> bool:
        """Tell what `piece_clear` tells of a piece: from its lane when level or upright."""
        fences = self._fences
        (x1, y1), (x2, y2) = piece
        left, bottom, right, top = self._inner
        if not (
            left <= x1 <= right
            and bottom <= y1 <= top
            and left <= x2 <= right
            and bottom <= y2 <= top
        ):
            return False
        if y1 == y2:
            return _free(self._lane(1, y1), x1, x2)
        if x1 == x2 and abs(y1 - y2) >= 0.5:  # nearer, the exact tests take it as level
            return _free(self._lane(0, x1), y1, y2)
        return piece_clear(piece, fences, self._names, self._edge.id)

    def _lane(self, axis: int, at: float) -> _Lane:
        """Return what stands on the level (`axis` 1, at y) or upright (`axis` 0, at x) line."""
        lane = self._lanes.get((axis, at))
        if lane is None:
            lane = self._lanes[axis, at] = self._gather(axis, at)
        return lane

    def _gather(self, axis: int, at: float) -> _Lane:
        fences = self._fences
        along = 1 - axis
        low, high = fences.holder[along] - 1.0, fences.holder[along + 2] + 1.0
        on = fences.standing.on(axis, at, low, high)
        blocks = [span for g, span in on.fenced if g not in fences.holding]
        blocks += [span for name, span in on.icons if name not in self._names]
        strip = (low, at, high, at) if axis == 1 else (at, low, at, high)
        runs = fences.runs.on_track(self._edge.id, axis, at, grown(strip, TRACK))
        return _Lane([*blocks, *on.sides], runs)


def _free(lane: _Lane, one: float, two: float) -> bool:
    """Tell whether the stretch from `one` to `two` of a lane meets nothing standing on it.

    Asked thousands of times per line, mostly of lanes with no other line's
    run on them: plain comparisons, no generator, where a line has none.
    """
    low, high = (one, two) if one < two else (two, one)
    for start, end in lane.stops:
        if start < high and low < end:
            return False
    for start, end in lane.runs:
        if (end if end < high else high) - (start if start > low else low) > TRACK:
            return False
    return True


def piece_clear(piece: Segment, fences: Fences, ends: tuple[str, str], edge_id: str) -> bool:
    """Tell whether a piece keeps in the holder, out of fences and icons, off borders and tracks."""
    if not all(_in(p, fences.holder, 1.0) for p in piece):
        return False
    bounds = segment_bounds(piece)
    if any(cuts(piece, box) for g, box in fences.fenced.near(bounds) if g not in fences.holding):
        return False
    icons = fences.icons.near(bounds)
    if any(cuts(piece, box) for n, box in icons if n not in ends and not n.startswith(LABEL)):
        return False
    if any(_on_side(piece, box) for box in fences.borders.near(grown(bounds, LANE))):
        return False
    return not fences.runs.shares(edge_id, piece)


def cuts(piece: Segment, box: Rect) -> bool:
    """Tell whether a level or upright piece runs into a box."""
    (x1, y1), (x2, y2) = piece
    return (
        min(x1, x2) < box[2]
        and box[0] < max(x1, x2)
        and min(y1, y2) < box[3]
        and box[1] < max(y1, y2)
    )


def _on_side(piece: Segment, box: Rect) -> bool:
    """Tell whether a level or upright piece runs along a side of a box for any length."""
    (x1, y1), (x2, y2) = piece
    left, bottom, right, top = box
    if abs(y1 - y2) < 0.5:
        on = any(abs(y1 - side) < OFF_BORDER for side in (bottom, top))
        return on and min(x1, x2) < right and left < max(x1, x2)
    on = any(abs(x1 - side) < OFF_BORDER for side in (left, right))
    return on and min(y1, y2) < top and bottom < max(y1, y2)


def _in(point: Point, box: Rect, margin: float = 0.0) -> bool:
    left, bottom, right, top = box
    x, y = point
    return left - margin <= x <= right + margin and bottom - margin <= y <= top + margin
