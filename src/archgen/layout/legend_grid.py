"""The legend's rows flowed into columns, sized from what dot measured of them in one column.

dot lays the legend out as one column (`dot_labels.legend_label`), each
row's marker cell outlined in white (on the white page; its border takes
one point of its padding, so the cell keeps its size) so graphviz's JSON
tells each row's height and the marker column's width; each meaning's width
is its text's. (graphviz 2.43 crashes on a filled cell in this table beside
the dashed swatches, so the probe is an outline, not a fill.) From
those numbers alone a legend of any number of columns is sized to the
point, before it is drawn: every cell of the columned table is given its
size (graphviz's `WIDTH`/`HEIGHT` are minimums, and each one is at least
what its content took in one column), so the table graphviz draws is the
size the tidy pass placed. Rows flow down the first column, then the next,
so the reading order stays: flows, then lines, then boxes.
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

BORDER = 1.0
"""The legend table's border (points)."""
SPACING = 2.0
"""graphviz's CELLSPACING in the legend table."""
PADDING = 3.0
"""graphviz's CELLPADDING in the legend table."""
COLUMN_GAP = 18.0
"""Points of white after a column's longest meaning, before the next column's markers."""
PROBE = "#FFFFFF"
"""The marker cells' outline in the laid-out legend: white on white, read back as each row's box."""
_CLOSE = 0.6
"""Points within which two of graphviz's coordinates are one edge."""


class Cells(NamedTuple):
    """What dot measured of the one-column legend (points)."""

    marker: float
    """The marker column's width, padding included."""
    title: float
    """The title row's height."""
    heights: tuple[float, ...]
    """Each row's height, in reading order."""
    texts: tuple[float, ...]
    """Each meaning's text width, in reading order."""


class Grid(NamedTuple):
    """The legend as a table of columns: each row's place, and every cell's size."""

    per_column: int
    """Rows down each column; the last column may hold fewer."""
    marker: float
    widths: tuple[float, ...]
    """Each column's meaning cell width, padding and the gap after it included."""
    heights: tuple[float, ...]
    """Each table row's height: the tallest of the legend rows side by side in it."""
    title: float

    @property
    def columns(self) -> int:
        """Return how many columns the rows fill."""
        return len(self.widths)

    def size(self) -> tuple[float, float]:
        """Return the table's width and height, as graphviz sizes a table of these cells."""
        width = 2 * BORDER + SPACING + sum(self.marker + w + 2 * SPACING for w in self.widths)
        height = 2 * BORDER + 2 * SPACING + self.title + sum(h + SPACING for h in self.heights)
        return (width, height)


def grid(cells: Cells, per_column: int) -> Grid:
    """Return the legend with `per_column` rows down each column (the last may hold fewer)."""
    count = len(cells.texts)
    per_column = max(1, min(per_column, count))
    columns = math.ceil(count / per_column)
    starts = range(0, count, per_column)
    widths = tuple(
        max(cells.texts[start : start + per_column])
        + 2 * PADDING
        + COLUMN_GAP * (index < columns - 1)
        for index, start in enumerate(starts)
    )
    heights = tuple(
        max(cells.heights[row + start] for start in starts if row + start < count)
        for row in range(per_column)
    )
    return Grid(per_column, cells.marker, widths, heights, cells.title)


def grids(cells: Cells) -> list[Grid]:
    """Return every shape of the legend with its columns evenly filled, the fewest columns first.

    For each number of columns the rows go down as few rows as hold them
    all, so no column stands much shorter than the others.
    """
    found: dict[int, Grid] = {}
    for per_column in range(1, len(cells.texts) + 1):
        shaped = grid(cells, per_column)
        found.setdefault(shaped.columns, shaped)
    return sorted(found.values(), key=lambda shaped: shaped.columns)


def measure(item: dict[str, Any]) -> Cells | None:
    """Return the cells of the one-column legend graphviz laid out (its JSON object), or None.

    None when its drawing is not the one `legend_label` asks for (a row
    without its painted marker cell): the legend then keeps one column.
    """
    x, y = (float(v) for v in item["pos"].split(","))
    half_w = float(item["width"]) * 36
    top = y + float(item["height"]) * 36
    ops = item.get("_ldraw_", [])
    rows = _painted(ops, x - half_w + BORDER + SPACING)
    if not rows:
        return None
    marker = rows[0][2] - rows[0][0]
    column = rows[0][2] + SPACING + PADDING
    texts = sorted(
        ((-op["pt"][1], float(op["width"])) for op in ops if _text_at(op, column)),
    )
    if len(texts) != len(rows):
        return None
    return Cells(  # graphviz sizes table cells in whole points
        marker=round(marker),
        title=round(top - BORDER - 2 * SPACING - rows[0][3]),
        heights=tuple(round(r[3] - r[1]) for r in rows),
        texts=tuple(math.ceil(width) for _, width in texts),
    )


def _painted(ops: list[dict[str, Any]], left: float) -> list[tuple[float, float, float, float]]:
    """Return the marker cells' boxes, top first: the white outlines at the table's inner left."""
    colour, found = "", []
    for op in ops:
        if op.get("op") == "c":  # the pen's colour
            colour = str(op.get("color", "")).upper()
        elif op.get("op") == "p" and colour == PROBE:
            xs = [p[0] for p in op["points"]]
            ys = [p[1] for p in op["points"]]
            if abs(min(xs) - left) < _CLOSE:
                found.append((min(xs), min(ys), max(xs), max(ys)))  # whole points: see `measure`
    return sorted(found, key=lambda box: -box[3])


def _text_at(op: dict[str, Any], column: float) -> bool:
    """Tell whether a drawing operation is a meaning: a left-aligned text at the meaning column."""
    return op.get("op") == "T" and op.get("align") == "l" and abs(op["pt"][0] - column) < _CLOSE
