"""The draw.io legend: the picture's rows, in the picture's columns.

The picture's legend flows its rows down as many columns as the room under
the AWS Cloud holds (`layout.legend_grid`); graphviz's JSON tells how many
(`Geometry.legend_columns`), and the draw.io legend flows its rows the same
way, as an HTML table in one text cell, so both read alike: flows, then
lines, then boxes, down each column in turn.
"""

from __future__ import annotations

import math

from archgen.layout import style
from archgen.layout.legend_boxes import swatch
from archgen.layout.line_looks import look
from archgen.layout.marks import legend_mark
from archgen.render import drawio_styles
from archgen.safe_text import html_text

_LINE_HEIGHT = 1.2
"""draw.io's line height in HTML labels, in font sizes (mxConstants.LINE_HEIGHT)."""
_ROW = drawio_styles.LEGEND_FONT * _LINE_HEIGHT
"""Pixels a row of the legend takes in draw.io: 15.6 at 13 px."""
_ABOVE = drawio_styles.LEGEND_SPACING + 5.0
"""Pixels from the legend's border to its first line: its spacing, plus the 5 draw.io adds
above a top-aligned label (Graph.js sets mxText.prototype.baseSpacingTop to 5)."""
_COLUMN_GAP = 18
"""Pixels between a column's longest meaning and the next column, as in the picture."""


def legend_value(rows: list[tuple[str, str]], columns: int) -> str:
    """Return the legend cell's HTML: its title, then its rows in `columns` columns."""
    texts = [f"{_marker(key)}&nbsp; {html_text(meaning)}" for key, meaning in rows]
    if columns <= 1:
        return "<b>Legend</b><br>" + "<br>".join(texts)
    down = math.ceil(len(texts) / columns)
    cell = f'<td style="padding: 0 {_COLUMN_GAP}px 0 0; white-space: nowrap;">'
    lines = [
        "<tr>"
        + "".join(
            cell + (texts[number] if number < len(texts) else "") + "</td>"
            for number in (column * down + row for column in range(columns))
        )
        + "</tr>"
        for row in range(down)
    ]
    return '<b>Legend</b><table style="border-collapse: collapse;">' + "".join(lines) + "</table>"


def legend_height(rows: int, columns: int) -> float:
    """Return the legend cell's height in draw.io: its title and its longest column.

    The rows are laid out by draw.io, not graphviz, so the box is measured
    as draw.io lays them (a line of 13 px text is 15.6 px high), with as much
    room under the last row as above the title: a row sized any shorter
    pushes the last rows over the bottom border.
    """
    lines = math.ceil(rows / max(1, columns)) + 1  # the title, then the longest column
    return 2 * _ABOVE + _ROW * lines


def _marker(key: str) -> str:
    """Return a row's marker: a line's sample, a box's swatch, a finding's or a flow's badge."""
    if key.startswith("line:"):
        seen = look(key.removeprefix("line:"))
        return f'<font color="{seen.colour}"><b>{seen.sample()}</b></font>'
    if (kind := swatch(key)) is not None:
        return drawio_styles.swatch(kind.border, kind.fill, dashed=kind.dashed)
    if (finding := legend_mark(key)) is not None:
        return drawio_styles.badge(
            finding[1], style.BLOCKED if finding[0] == "error" else style.WARNING
        )
    return drawio_styles.badge(key)
