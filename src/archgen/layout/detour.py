"""The route a line is given when dot's breaks a rule: straight pieces through free lanes.

Candidates are elbows and runs along lanes just beside the boxes' and icons'
edges, leaving and entering each icon at its centre or a port beside it. The
shortest first, the first that hides nothing wins: a route that stays in its
holder, enters no box holding neither end, cuts no icon but its ends, runs
along no border and on no other line's track; among those that hide
something, the one over fewest labels, then across fewest lines.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from archgen.layout.laid import Laid, Point, Rect
from archgen.layout.landing import icon_box
from archgen.layout.nearby import Grid, segment_bounds
from archgen.layout.scene import Edge
from archgen.layout.tracks import Tracks

LANE = 14.0
"""Points between a run and the box edge or icon it passes."""
_OFF_BORDER = LANE / 2
"""Points a new run keeps from every border it runs beside."""
LABEL = "label:"
"""How a line's label is named among the icons a route is checked against."""
_TRIES = 300
"""Candidates tried per pair of ports, shortest first: a longer detour hides more anyway."""

Segment = tuple[Point, Point]


@dataclass(frozen=True)
class Fences:
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


def best_route(laid: Laid, edge: Edge, fences: Fences) -> list[Point] | None:
    """Return the clear route that hides least, shortest first; None when none is clear.

    Leaving and entering at the icons' centres is tried first; ports beside
    them only when every such route hides something.
    """
    ys = (_centre(laid, edge.source)[1], _centre(laid, edge.target)[1])
    xs = (_centre(laid, edge.source)[0], _centre(laid, edge.target)[0])
    levels = _near_ends(_levels(laid, fences, 1, 3), ys)
    columns = _near_ends(_levels(laid, fences, 0, 2), xs)
    best: tuple[tuple[int, int], list[Point]] | None = None
    known: _Known = {}
    for ports in ([(0.0, 0.0)], list(itertools.product(_PORTS[:3], _PORTS))[1:]):
        candidates: list[tuple[float, list[Point]]] = []
        for leaving, entering in ports:
            source = _centre(laid, edge.source, leaving)
            target = _centre(laid, edge.target, entering)
            candidates += _candidates(source, target, levels, columns)
        candidates.sort(key=lambda candidate: candidate[0])
        for _, corners in candidates:
            drawn = _ends(laid, edge, _distinct(corners))
            if not _clear(drawn, fences, (edge.source, edge.target), edge.id, known):
                continue
            hidden = _hidden(drawn, fences, edge.id)
            if best is None or hidden < best[0]:
                best = (hidden, drawn)
            if hidden == (0, 0):
                return drawn
    return best[1] if best is not None else None


def _candidates(
    source: Point, target: Point, levels: list[float], columns: list[float]
) -> list[tuple[float, list[Point]]]:
    """Return the elbows and the runs along each lane, each with its length."""
    (sx, sy), (tx, ty) = source, target
    across, down = abs(sx - tx), abs(sy - ty)
    found = [
        (across + down, [source, (tx, sy), target]),
        (across + down, [source, (sx, ty), target]),
    ]
    found += [
        (across + abs(sy - y) + abs(y - ty), [source, (sx, y), (tx, y), target]) for y in levels
    ]
    found += [
        (down + abs(sx - x) + abs(x - tx), [source, (x, sy), (x, ty), target]) for x in columns
    ]
    return sorted(found, key=lambda candidate: candidate[0])[:_TRIES]


def _hidden(corners: list[Point], fences: Fences, edge_id: str) -> tuple[int, int]:
    """Return what a route hides: the labels it runs over (worst), then the lines it crosses."""
    over = {
        name
        for piece in itertools.pairwise(corners)
        for name, box in fences.icons.near(segment_bounds(piece))
        if name.startswith(LABEL) and name != f"{LABEL}{edge_id}" and _cuts(piece, box)
    }
    return (len(over), fences.runs.crossings(edge_id, corners))


def _distinct(corners: list[Point]) -> list[Point]:
    """Return the corners without one repeating the corner before it (a run of no length)."""
    return [corners[0], *(b for a, b in itertools.pairwise(corners) if a != b)]


def _levels(laid: Laid, fences: Fences, low: int, high: int) -> list[float]:
    """Return the lanes a run may take: just beside every box's and icon's edge, in the holder."""
    edges = {box[i] for box in fences.sides for i in (low, high)}
    edges |= {box[i] for box in laid.nodes.values() for i in (low, high)}
    lanes = {e + k * LANE for e in edges for k in (-3, -2, -1, 1, 2, 3)}
    inside = fences.holder[low] + LANE, fences.holder[high] - LANE
    return sorted(lane for lane in lanes if inside[0] <= lane <= inside[1])


def _near_ends(lanes: list[float], ends: tuple[float, float]) -> list[float]:
    """Return the lanes between the ends, or up to `_REACH` beyond them: no detour goes further."""
    low, high = min(ends) - _REACH, max(ends) + _REACH
    near = [lane for lane in lanes if low <= lane <= high]
    return sorted(near, key=lambda lane: min(abs(lane - end) for end in ends))[:_TRIES]


_REACH = 160.0
"""Points beyond its ends a rerouted line may run: about a tier row."""


def _centre(laid: Laid, node: str, offset: float = 0.0) -> Point:
    """Return the icon's centre, or a point `offset` right of it (a port beside the centre)."""
    left, bottom, right, top = icon_box(laid.nodes[node], "", marked=False)
    return ((left + right) / 2 + offset, (bottom + top) / 2)


_PORTS = (0.0, -10.0, 10.0, -20.0, 20.0)
"""Points from an icon's centre where a rerouted line may enter it, nearest first."""


def _ends(laid: Laid, edge: Edge, corners: list[Point]) -> list[Point]:
    """Return the corners with the first and last cut back to where the line meets its icons."""
    leaving = _cut(laid.nodes[edge.source], corners)
    return _cut(laid.nodes[edge.target], leaving[::-1])[::-1]


def _cut(box: Rect, corners: list[Point]) -> list[Point]:
    """Return the corners from where the line leaves the node at `corners[0]`'s icon.

    A first run that turns inside the icon (a lane beside the icon's centre)
    leaves by the icon's side at the turn: cut back to the box's edge, it
    would start under the name and climb through it (a stub through the text),
    or end in an arrowhead inside the icon.
    """
    icon = icon_box(box, "", marked=False)
    if len(corners) > 2 and _in(corners[1], icon):
        return [_side(box, corners[1], corners[2]), *corners[2:]]
    return [_side(box, corners[0], corners[1]), *corners[1:]]


def _side(box: Rect, centre: Point, towards: Point) -> Point:
    """Return where a run from an icon's centre towards `towards` leaves the node.

    Sideways it leaves the icon's side; up, the box's top; down, under the name.
    """
    left, _, right, _ = icon_box(box, "", marked=False)
    x, y = centre
    if abs(towards[1] - y) < 0.5:
        return (left if towards[0] < x else right, y)
    return (x, box[3] if towards[1] > y else box[1])


def _clear(
    corners: list[Point], fences: Fences, ends: tuple[str, str], edge_id: str, known: _Known
) -> bool:
    """Tell whether the route keeps in its holder, out of fences, icons, and off borders.

    Candidates share most of their pieces (the run out of the source to each
    lane): each piece is judged once per line, in `known`.
    """
    for piece in itertools.pairwise(corners):
        if piece not in known:
            known[piece] = _piece_clear(piece, fences, ends, edge_id)
        if not known[piece]:
            return False
    return True


_Known = dict[tuple[Point, Point], bool]


def _piece_clear(piece: Segment, fences: Fences, ends: tuple[str, str], edge_id: str) -> bool:
    if not all(_in(p, fences.holder, 1.0) for p in piece):
        return False
    bounds = segment_bounds(piece)
    if any(_cuts(piece, box) for g, box in fences.fenced.near(bounds) if g not in fences.holding):
        return False
    icons = fences.icons.near(bounds)
    if any(_cuts(piece, box) for n, box in icons if n not in ends and not n.startswith(LABEL)):
        return False
    wide = (bounds[0] - LANE, bounds[1] - LANE, bounds[2] + LANE, bounds[3] + LANE)
    if any(_on_side(piece, box) for box in fences.borders.near(wide)):
        return False
    return not fences.runs.shares(edge_id, piece)


def _cuts(piece: Segment, box: Rect) -> bool:
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
        on = any(abs(y1 - side) < _OFF_BORDER for side in (bottom, top))
        return on and min(x1, x2) < right and left < max(x1, x2)
    on = any(abs(x1 - side) < _OFF_BORDER for side in (left, right))
    return on and min(y1, y2) < top and bottom < max(y1, y2)


def _length(corners: list[Point]) -> float:
    return sum(abs(b[0] - a[0]) + abs(b[1] - a[1]) for a, b in itertools.pairwise(corners))


def _in(point: Point, box: Rect, margin: float = 0.0) -> bool:
    left, bottom, right, top = box
    x, y = point
    return left - margin <= x <= right + margin and bottom - margin <= y <= top + margin
