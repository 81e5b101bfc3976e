"""Ends spread along an icon's side keep each labelled line on the side of its label.

`spread_ends` orders the ends on one side of an icon so that their lines
cross least. A label beside the bundle then lies nearer the line that took
the outer place than its own (the capstone's "SQL query", 12 points from
app-a's line's neighbour and 18 from app-a's): it names the wrong path
(`label_owner`). A line whose label lies beyond one end of the places takes
that end's place when that makes the label its own again; a crossing more
reads, a label on the wrong line misleads.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

from archgen.layout.label_owner import astray, meets
from archgen.layout.label_spots import curve_points
from archgen.layout.laid import Laid, Point, Rect


class _Labelled(Protocol):
    @property
    def edge_id(self) -> str: ...


End = TypeVar("End", bound=_Labelled)
Segment = tuple[Point, Point]


def label_sides(
    laid: Laid,
    order: list[End],
    places: Sequence[float],
    axis: int,
    routed: Callable[[list[End]], dict[str, str]],
) -> list[End]:
    """Return `order` with each labelled line whose label names another moved to its label's side.

    A label names another line when that line comes nearer it, or runs through
    it (`repair.free_labels` then moves it off, further from its own line).
    `routed` gives the routes of the side's lines with their ends in a given order.
    """
    for end in list(order):
        box = _label(laid, end.edge_id)
        if box is None:
            continue
        centre = (box[axis] + box[axis + 2]) / 2
        if places[0] <= centre <= places[-1]:
            continue
        rest = [e for e in order if e is not end]
        moved = [*rest, end] if centre > places[-1] else [end, *rest]
        if moved != order and _misread(laid, box, end.edge_id, routed(order)):
            order = moved
    return order


def _label(laid: Laid, edge_id: str) -> Rect | None:
    """Return a line's label box as dot measured it, if it has one."""
    if edge_id not in laid.labels or edge_id not in laid.label_sizes:
        return None
    (x, y), (width, height) = laid.labels[edge_id], laid.label_sizes[edge_id]
    return (x - width / 2, y - height / 2, x + width / 2, y + height / 2)


def _misread(laid: Laid, box: Rect, edge_id: str, routes: dict[str, str]) -> bool:
    """Tell whether another of the side's lines runs through the label or comes nearer it."""
    drawn = {**laid.routes, **routes}
    own: list[Point] = curve_points(drawn[edge_id])
    crossing = [piece for key in routes if key != edge_id for piece in _pieces(drawn[key])]
    others = _Lines([route for key, route in drawn.items() if key != edge_id])
    return any(meets(piece, box) for piece in crossing) or astray(box, own, others)


class _Lines:
    """Other lines' pieces near a box: a line's pieces are made only when its route comes near.

    A large design has hundreds of lines and a label's question reaches a
    few of them. A line's curve lies within the bounds of its control points
    (rounding aside, far below `_SLACK`), so a line whose bounds stay clear
    of the box by more than that holds no piece near it. The pieces of the
    lines that do come near are handed to the exact test, a few more than a
    grid would give: the answer is the same.
    """

    def __init__(self, routes: list[str]) -> None:
        self._routes = routes

    def near(self, box: Rect) -> list[Segment]:
        """Return at least every piece within a point of `box`."""
        left, bottom = box[0] - _SLACK, box[1] - _SLACK
        right, top = box[2] + _SLACK, box[3] + _SLACK
        found: list[Segment] = []
        for route in self._routes:
            bounds = _bounds(route)
            if (
                bounds[0] <= right
                and left <= bounds[2]
                and bounds[1] <= top
                and bottom <= bounds[3]
            ):
                found += _pieces(route)
        return found


_SLACK = 2.0
"""Points a line's bounds may stay from a box and still have its pieces handed on: the grid's
margin (a point) and the rounding of a curve's points past its control points' bounds."""


@functools.lru_cache(maxsize=2048)
def _bounds(route: str) -> Rect:
    """Return the bounds of the control points of a route's first curve (as `curve_points`)."""
    words = [w for w in route.split(";")[0].split() if not w.startswith(("e,", "s,"))]
    xs = [float(w.split(",")[0]) for w in words]
    ys = [float(w.split(",")[1]) for w in words]
    if not words:  # no curve: nothing to come near
        return (math.inf, math.inf, -math.inf, -math.inf)
    return (min(xs), min(ys), max(xs), max(ys))


@functools.lru_cache(maxsize=2048)
def _pieces(route: str) -> tuple[Segment, ...]:
    """Return a route's straight pieces: asked again of the same lines for every label moved."""
    return tuple(itertools.pairwise(curve_points(route)))
