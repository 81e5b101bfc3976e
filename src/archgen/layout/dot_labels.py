"""HTML-like labels archgen builds for the DOT: line labels, finding markers, the legend.

Every piece of user text in them passes through `html_text`, so a label is
never more than the text it shows (see `dot`).
"""

from __future__ import annotations

from pathlib import Path

from archgen.layout import style
from archgen.layout.legend_boxes import swatch
from archgen.layout.legend_grid import BORDER, PADDING, PROBE, SPACING, Grid
from archgen.layout.line_looks import look
from archgen.layout.marks import legend_mark
from archgen.layout.scene import Edge
from archgen.safe_text import html_text


def marker_cell(marker: str, severity: str) -> str:
    """Return a cell with rule ids on the colour of their worst severity; "" for no marker."""
    if not marker:
        return ""
    return f'<TD VALIGN="TOP">{marker_table(marker, severity)}</TD>'


def marker_table(text: str, severity: str) -> str:
    """Return the rounded red (error) or amber (warning) tag of rule ids."""
    colour = style.BLOCKED if severity == "error" else style.WARNING
    return (
        f'<TABLE BORDER="0" CELLPADDING="1"><TR><TD BGCOLOR="{colour}" '
        f'STYLE="rounded"><FONT COLOR="white" POINT-SIZE="{style.FONT_SIZES["small"]}"><B>'
        f"&nbsp;{html_text(text)}&nbsp;</B></FONT></TD></TR></TABLE>"
    )


def legend_label(
    rows: list[tuple[str, str]], grid: Grid | None = None, *, probe: bool = False
) -> str:
    """Return the legend: flow badges with their names, then the line styles, then the boxes.

    Without a `grid` the rows stand in one column; `probe` paints each marker
    cell in white, for `legend_grid.measure` to read each row's box from dot's
    layout. With a grid, the rows flow down its columns in cells of its sizes.
    """
    head = (
        f'<<TABLE BORDER="{BORDER:g}" COLOR="#AAB7B8" CELLBORDER="0" '
        f'CELLSPACING="{SPACING:g}" CELLPADDING="{PADDING:g}">'
    )
    if grid is None or grid.columns == 1:
        paint = f' BORDER="1" CELLPADDING="{PADDING - 1:g}" COLOR="{PROBE}"' if probe else ""
        cells = [
            f'<TR><TD ALIGN="CENTER"{paint}>{_legend_marker(key)}</TD>'
            f'<TD ALIGN="LEFT">{html_text(meaning)}</TD></TR>'
            for key, meaning in rows
        ]
        title = '<TR><TD COLSPAN="2" ALIGN="LEFT"><B>Legend</B></TD></TR>'
        return head + title + "".join(cells) + "</TABLE>>"
    title = (
        f'<TR><TD COLSPAN="{2 * grid.columns}" ALIGN="LEFT" HEIGHT="{grid.title:g}">'
        "<B>Legend</B></TD></TR>"
    )
    return head + title + "".join(_grid_rows(rows, grid)) + "</TABLE>>"


def _grid_rows(rows: list[tuple[str, str]], grid: Grid) -> list[str]:
    """Return the table rows of a columned legend: row i of each column side by side."""
    lines = []
    for index, height in enumerate(grid.heights):
        cells = []
        for column, width in enumerate(grid.widths):
            number = column * grid.per_column + index
            key, meaning = rows[number] if number < len(rows) else ("", "")
            size = f'HEIGHT="{height:g}"'
            marker = _legend_marker(key) if key else ""
            cells.append(f'<TD ALIGN="CENTER" WIDTH="{grid.marker:g}" {size}>{marker}</TD>')
            cells.append(f'<TD ALIGN="LEFT" WIDTH="{width:g}" {size}>{html_text(meaning)}</TD>')
        lines.append("<TR>" + "".join(cells) + "</TR>")
    return lines


def _legend_marker(key: str) -> str:
    """Return what a legend row shows of its key: a line's sample, a box's swatch, a badge."""
    if key.startswith("line:"):
        seen = look(key.removeprefix("line:"))
        return f'<FONT COLOR="{seen.colour}"><B>{seen.sample()}</B></FONT>'
    if (box := swatch(key)) is not None:
        dashed = ' STYLE="dashed"' if box.dashed else ""
        return (
            f'<TABLE BORDER="1"{dashed} COLOR="{box.border}" CELLPADDING="0"><TR>'
            f'<TD BGCOLOR="{box.fill}" WIDTH="30" HEIGHT="12"></TD></TR></TABLE>'
        )
    if (finding := legend_mark(key)) is not None:
        return marker_table(finding[1], finding[0])
    return (
        f'<TABLE BORDER="0" CELLPADDING="1"><TR><TD BGCOLOR="{style.BADGE}" '
        f'STYLE="rounded"><FONT COLOR="white"><B>&nbsp;{html_text(key)}&nbsp;</B></FONT>'
        "</TD></TR></TABLE>"
    )


def edge_label(edge: Edge) -> str:
    """Return a line's label: its flow badges, then its text; "" when it has neither."""
    if not edge.label and not edge.badges:
        return ""
    cells = "".join(
        f'<TD BGCOLOR="{style.BADGE}" STYLE="rounded"><FONT COLOR="white"><B>&nbsp;{html_text(b)}'
        "&nbsp;</B></FONT></TD>"
        for b in edge.badges
    )
    lines = "<BR/>".join(html_text(line) for line in edge.label.split("\n"))
    text = f"<TD>{lines}</TD>" if edge.label else ""
    return (
        '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="1" BGCOLOR="white">'
        f"<TR>{cells}{text}</TR></TABLE>>"
    )


def wrapped_title(icon: Path | str, lines: list[str], marker: str) -> str:
    """Return a box's title on several lines: icon, first line and marker on top, the rest under.

    The icon and the marker keep to the first line, as on a one-line title:
    beside all the lines, the marker's tag stretched to their height and the
    icon sank to their middle.
    """
    left = '<BR ALIGN="LEFT"/>'
    rest = left.join(f"&nbsp;{html_text(line)}" for line in lines[1:]) + left
    return (
        '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">'
        f'<TR><TD FIXEDSIZE="TRUE" WIDTH="20" HEIGHT="20"><IMG SRC="{icon}" SCALE="TRUE"/></TD>'
        f'<TD ALIGN="LEFT">&nbsp;{html_text(lines[0])}</TD>{marker}</TR>'
        f'<TR><TD></TD><TD ALIGN="LEFT" COLSPAN="2">{rest}</TD></TR></TABLE>>'
    )
