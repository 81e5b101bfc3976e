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

import itertools
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

from archgen.layout.label_owner import astray, meets
from archgen.layout.label_spots import curve_points
from archgen.layout.laid import Laid, Point, Rect
from archgen.layout.nearby import segment_grid


class _Labelled(Protocol):
    @property
    def edge_id(self) -> str: ...


End = TypeVar("End", bound=_Labelled)


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
    others = [piece for key, route in drawn.items() if key != edge_id for piece in _pieces(route)]
    crossing = [piece for key in routes if key != edge_id for piece in _pieces(drawn[key])]
    return any(meets(piece, box) for piece in crossing) or astray(box, own, segment_grid(others))


def _pieces(route: str) -> list[tuple[Point, Point]]:
    return list(itertools.pairwise(curve_points(route)))
