"""Boxes snapped outward to a lattice, so that a grid is asked once for many nearby boxes.

A label's search asks the same grids about hundreds of boxes of one size,
most a few points from the last: spots along one straight run, spots slid to
the edges of one icon. Each box is widened to the lattice of `STEP` points
round it, and a grid is asked once per lattice box (`label_cost.Drawn`): its
answer holds every item near any box inside, so an exact test over it finds
exactly what it finds over the grid's own answer for the box (`nearby`: a
superset never changes an exact test's verdict). A few more items are tested;
far fewer questions are asked.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Protocol, TypeVar

from archgen.layout.laid import Rect

Item_co = TypeVar("Item_co", covariant=True)
Key = tuple[int, int, int, int]
"""A lattice box: its left, bottom, right and top lattice lines."""

STEP = 48.0
"""Points between lattice lines: about half a label, so neighbouring spots share a box."""


class Near(Protocol[Item_co]):
    """What a grid answers: the items near a box (and maybe a few more)."""

    def near(self, box: Rect) -> Sequence[Item_co]:
        """Return at least every item within a point of `box`."""
        ...


def lattice(box: Rect) -> Key:
    """Return the lattice box round `box`: exactly round it, never an ulp inside."""
    left, bottom = math.floor(box[0] / STEP), math.floor(box[1] / STEP)
    right, top = math.ceil(box[2] / STEP), math.ceil(box[3] / STEP)
    return (
        left - 1 if left * STEP > box[0] else left,
        bottom - 1 if bottom * STEP > box[1] else bottom,
        right + 1 if right * STEP < box[2] else right,
        top + 1 if top * STEP < box[3] else top,
    )


def lattice_box(key: Key) -> Rect:
    """Return the box in points a lattice box covers."""
    left, bottom, right, top = key
    return (left * STEP, bottom * STEP, right * STEP, top * STEP)
