"""The legend in an empty corner of the page, where one holds it, else under the AWS Cloud.

The tidy pass first puts the legend under the cloud (`legend_place`), a band of page
that holds nothing else. Where the page already has an empty stretch the
legend fits in (the column under an actor beside the cloud, say), that band
is dead space: every pixel of it costs drawing time, and the page's height
buys no legibility. Once every line is routed and every label placed, the
legend moves into the free stretch nearest the bottom right (where a reader
looks for it). It stays outside every box: inside the AWS Cloud it would
read as a part of the system. The choice is deterministic: the same layout
gives the same place.
"""

from __future__ import annotations

import functools
import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator

from archgen.layout.detour_judge import cuts
from archgen.layout.label_spots import Segment, curve_points, label_box
from archgen.layout.laid import Laid, Rect, hull
from archgen.layout.legend_grid import Grid, grid, grids
from archgen.layout.scene import Group, Scene

_GAP = 12.0
"""Points kept free between the legend and anything drawn."""


def settle_legend(scene: Scene, laid: Laid, groups: list[Group]) -> None:
    """Move the legend into the page's free stretch nearest its bottom right, if one holds it.

    Each of its shapes is tried, the fewest columns first: a free stretch
    beside a tall column of icons holds one column, one under a wide row of
    actors several.
    """
    legend = laid.nodes.get("legend")
    known = {*scene.nodes, *(group.anchor for group in groups), "legend"}
    if legend is None or any(name not in known for name in laid.nodes):
        return  # a caller's own node (a diff's colour key) goes beside the legend under the cloud
    taken = boxes(scene, laid)
    pieces = functools.cache(lambda: lines(scene, laid))
    shapes: list[Grid | None] = [None]
    if laid.legend_cells is not None:
        shapes = [g if g.columns > 1 else None for g in grids(laid.legend_cells)]
    for shape in shapes:
        width, height = shape.size() if shape is not None else _one_column(laid, legend)
        spot = free_spot(width, height, taken, pieces)
        if spot is not None:
            laid.legend_grid = shape
            laid.nodes["legend"] = (spot[0], spot[1], spot[0] + width, spot[1] + height)
            return


def _one_column(laid: Laid, legend: Rect) -> tuple[float, float]:
    """Return the one-column legend's size: as dot drew it, unless the tidy pass reshaped it."""
    if laid.legend_grid is None or laid.legend_cells is None:
        return (legend[2] - legend[0], legend[3] - legend[1])
    return grid(laid.legend_cells, len(laid.legend_cells.texts)).size()


def boxes(scene: Scene, laid: Laid) -> list[Rect]:
    """Return the boxes the legend must not cover: icons, group boxes and line labels."""
    found = [box for name, box in laid.nodes.items() if name != "legend"]
    found += laid.clusters.values()
    found += [
        label_box(edge, laid.labels[edge.id], laid.label_sizes)
        for edge in scene.edges
        if edge.id in laid.labels
    ]
    return found


def lines(scene: Scene, laid: Laid) -> list[Segment]:
    """Return every line as short straight pieces: the legend must not cover them either."""
    found: list[Segment] = []
    for edge in scene.edges:
        route = laid.routes.get(edge.id)
        if route is not None:
            found += [
                p for part in route.split(";") for p in itertools.pairwise(curve_points(part))
            ]
        elif edge.source in laid.nodes and edge.target in laid.nodes:  # neato draws it straight
            found.append((laid.centre(edge.source), laid.centre(edge.target)))
    return found


def free_spot(
    width: float, height: float, boxes: list[Rect], lines: Callable[[], list[Segment]]
) -> tuple[float, float] | None:
    """Return the bottom left of a `width` x `height` stretch clear of everything, or None.

    The stretch lies within what is drawn (`boxes`' hull: the page keeps its
    size), at `_GAP` from every box and line. Candidates line up with the
    page's sides and the sides of the boxes, the lowest first, then the
    rightmost. The lines are asked for only when a stretch is clear of every box.
    """
    if not boxes:
        return None
    left, bottom, right, top = hull(boxes)
    xs = {left, right - width} | {b[2] + _GAP for b in boxes} | {b[0] - _GAP - width for b in boxes}
    ys = (
        {bottom, top - height}
        | {b[3] + _GAP for b in boxes}
        | {b[1] - _GAP - height for b in boxes}
    )
    across = sorted(x for x in xs if left <= x <= right - width)
    up = sorted(y for y in ys if bottom <= y <= top - height)
    pieces: list[Segment] | None = None
    for y, x in _clear_of_boxes(across, up, (width, height), boxes):
        wide = (x - _GAP, y - _GAP, x + width + _GAP, y + height + _GAP)
        pieces = lines() if pieces is None else pieces
        if not any(cuts(piece, wide) for piece in pieces):
            return (x, y)
    return None


def _clear_of_boxes(
    xs: list[float], ys: list[float], size: tuple[float, float], boxes: list[Rect]
) -> Iterator[tuple[float, float]]:
    """Yield the candidates (of `xs` by `ys`, both sorted) whose stretch overlaps no box.

    Lowest first, then rightmost. A stretch grown by `_GAP` overlaps a box
    when each of its sides passes the box's opposite side. Those sides grow
    with the candidate's x (or y), so a box blocks a run of the sorted xs
    and a run of the sorted ys: a rectangle of candidates, found by halving.
    Row by row, the candidates no blocked run covers are the clear ones
    (a large design's page has a hundred thousand, and none is clear).
    """
    width, height = size
    lefts, rights = [x - _GAP for x in xs], [x + width + _GAP for x in xs]
    bottoms, tops = [y - _GAP for y in ys], [y + height + _GAP for y in ys]
    rows: list[list[tuple[int, int]]] = [[] for _ in ys]
    for box in boxes:
        first, last = bisect_right(rights, box[0]), bisect_left(lefts, box[2])
        if first >= last:
            continue
        for row in range(bisect_right(tops, box[1]), bisect_left(bottoms, box[3])):
            rows[row].append((first, last))
    for y, blocked in zip(ys, rows, strict=True):
        for column in _free(sorted(blocked), len(xs)):
            yield (y, xs[column])


def _free(blocked: list[tuple[int, int]], count: int) -> list[int]:
    """Return the places below `count` no run of `blocked` (sorted) covers, highest first."""
    free: list[int] = []
    reached = 0
    for first, last in blocked:
        free += range(reached, first)
        reached = max(reached, last)
    free += range(reached, count)
    return free[::-1]
