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

_ROW = 14.0
"""Points a row of 11 px draw.io text takes."""
_SPACING = 6.0
"""draw.io's spacing inside the legend cell (`drawio_styles.LEGEND`)."""
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
    """Return the legend cell's height in draw.io: its title and its longest column."""
    lines = math.ceil(rows / max(1, columns)) + 1  # graphviz spaces rows wider than draw.io
    return 2 * _SPACING + _ROW * lines + 4


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
