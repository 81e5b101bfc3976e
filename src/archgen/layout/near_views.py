"""Grids seen together, or without one owner's items: what a label's search asks of.

A label's search keeps off icons, box titles and the other labels. Icons and
titles stay put for a whole pass; labels move. So the pass files icons and
titles in one grid once, the labels by line in another (filed again only when
one moves), and each search asks both at once, without its own label.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

from archgen.layout.laid import Rect
from archgen.layout.nearby import Grid

Item = TypeVar("Item")


class Joined(Generic[Item]):
    """Two grids asked as one."""

    def __init__(self, first: Grid[Item] | AllBut[Item], second: Grid[Item]) -> None:
        self._grids = (first, second)

    def near(self, box: Rect) -> list[Item]:
        """Return the items near `box` in either grid, the first grid's first."""
        return [item for grid in self._grids for item in grid.near(box)]


class AllBut(Generic[Item]):
    """The items of every owner but one, from a grid of items by owner."""

    def __init__(self, grid: Grid[tuple[str, Item]], owner: str) -> None:
        self._grid = grid
        self._owner = owner

    def near(self, box: Rect) -> list[Item]:
        """Return the other owners' items near `box`."""
        return [item for owner, item in self._grid.near(box) if owner != self._owner]


def owned_grid(items: Iterable[tuple[str, Rect]]) -> Grid[tuple[str, Rect]]:
    """Return a grid of boxes by owner, each filed by itself."""
    grid: Grid[tuple[str, Rect]] = Grid()
    for owner, box in items:
        grid.add((owner, box), box)
    return grid
