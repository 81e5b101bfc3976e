"""A PNG drawn in two bands at once is the page one program draws, row for row.

Real neato draws both; the graph has no icons (an icon's resampling may round
a colour a level differently in a band) and lays text, boxes and lines across
the rows where the bands meet, with its nodes below and left of the origin
and its title below them (the drawing's box then reaches below the origin).
"""

from __future__ import annotations

import subprocess

import pytest

from archgen.layout.png_bands import PNG_DPI, TOP_SHARE, Box, band_sources, page_pixels
from archgen.layout.run import _pad, program, started
from tests import png_rows

NEATO = [program("neato"), "-n2"]
SOURCE = """digraph bands {
  graph [bgcolor=white fontname="DejaVu Sans" label="A title at the top of the page"]
  node [shape=box fontname="DejaVu Sans" fontsize=20 style=filled fillcolor="#E6F2F8"]
  a [label="far left, below the origin" pos="-300,-220"]
  b [label="a tall box\\nacross the seam\\nwith three lines" pos="40,0" height=3.2 width=3]
  c [label="top right" pos="260,240"]
  a -> b [label="a label near the seam"]
  b -> c
  a -> c [style=dashed color="#8C4FFF"]
}
"""


def _box(source: str) -> Box:
    """Return the drawing's box as graphviz writes it (`bb`), from a run given the source alone."""
    text = subprocess.run(
        [*NEATO, "-Tdot"], input=source.encode(), capture_output=True, check=True
    ).stdout.decode()
    return Box(*map(float, text.split('bb="')[1].split('"')[0].split(",")))


def _whole_page(source: str) -> bytes:
    """Draw the page in one program, through a viewport of the whole page."""
    box = _box(source)
    end = source.rstrip().rfind("}")
    points = 72 / PNG_DPI
    size = f"{page_pixels(box.width_inches) * points},{page_pixels(box.height_inches) * points}"
    centre = f"{(box.left + box.right) / 2},{(box.bottom + box.top) / 2}"
    view = f'graph [viewport="{size},1,{centre}"]'
    return subprocess.run(
        [*NEATO, "-Tpng"],
        input=f"{source[:end]}{view}\n{source[end:]}".encode(),
        capture_output=True,
        check=True,
    ).stdout


def test_the_bands_joined_are_the_page_one_program_draws() -> None:
    with started(NEATO, ("png",)) as draw:
        banded = draw(SOURCE)["png"]
    box = _box(SOURCE)
    whole = png_rows.rows(_whole_page(SOURCE))
    assert png_rows.rows(banded) == whole
    pixels = (page_pixels(box.width_inches), page_pixels(box.height_inches))
    assert (whole[0], len(whole[2])) == pixels
    assert whole[1] == 2  # RGB: a page of whole pixels has no transparent edge


def test_the_bands_meet_where_the_page_is_drawn() -> None:
    """The seam crosses the tall box: a band boundary inside drawn content, not blank page."""
    split = round(page_pixels(_box(SOURCE).height_inches) * TOP_SHARE)
    rows = png_rows.rows(_whole_page(SOURCE))[2]
    assert len(set(rows[split - 1])) > 1
    assert len(set(rows[split])) > 1


@pytest.mark.parametrize("height", [0.1, 3.0, 40.0])
def test_each_band_is_a_viewport_of_whole_pixels_and_the_two_cover_the_page(height: float) -> None:
    top, bottom = band_sources("digraph { }", Box(-20.0, -7.5, 340.0, height * 72 - 7.5))
    sizes = [
        [float(value) for value in band.split('viewport="')[1].split('"')[0].split(",")]
        for band in (top, bottom)
    ]
    rows = [size[1] * PNG_DPI / 72 for size in sizes]
    assert all(abs(row - round(row)) < 1e-6 for row in rows)
    assert min(rows) >= 1
    assert round(sum(rows)) == page_pixels(height)
    assert {band.count("viewport") for band in (top, bottom)} == {1}
    assert {size[0] for size in sizes} == {page_pixels(5.0) * 72 / PNG_DPI}


def test_the_drawing_sits_on_the_page_where_graphviz_alone_puts_it() -> None:
    """The bands' viewports are placed by the drawing's box: graphviz's own page agrees.

    Drawn without a viewport (the pad alone), the page may round its edges'
    antialiasing differently, but its ink starts and ends within a pixel. The
    title below the drawing extends its box under the origin.
    """
    box = _box(SOURCE)
    assert box.bottom < 0
    end = SOURCE.rstrip().rfind("}")
    pad = f"{_pad(box.width_inches)},{_pad(box.height_inches)}"
    padded = f'{SOURCE[:end]}graph [pad="{pad}"]\n{SOURCE[end:]}'
    alone = subprocess.run(
        [*NEATO, "-Tpng"], input=padded.encode(), capture_output=True, check=True
    )
    with started(NEATO, ("png",)) as draw:
        banded = draw(SOURCE)["png"]
    banded_ink, alone_ink = _ink(png_rows.rows(banded)[2]), _ink(png_rows.rows(alone.stdout)[2])
    assert max(abs(a - b) for a, b in zip(banded_ink, alone_ink, strict=True)) <= 1


def _ink(rows: list[bytes]) -> tuple[int, int, int, int]:
    """Return the first and last row, and the first and last column, that are not all white."""
    inked = [row for row in rows if row.strip(b"\xff")]
    first_row = next(y for y, row in enumerate(rows) if row.strip(b"\xff"))
    last_row = max(y for y, row in enumerate(rows) if row.strip(b"\xff"))
    first_column = min((len(row) - len(row.lstrip(b"\xff"))) // 3 for row in inked)
    last_column = max((len(row.rstrip(b"\xff")) - 1) // 3 for row in inked)
    return first_row, last_row, first_column, last_column
