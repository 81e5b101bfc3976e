"""A PNG drawn as two bands of rows at once, by two graphviz programs, then joined.

cairo's rasterising and libpng's filtering and compressing are most of a
render's time (some 150 ms of the capstone's 420) and each graphviz program
does them on one core. Here two programs each draw one band of the page, a
`viewport` of whole pixels, at the same time; the top band, the smaller, is
made ready to join (`layout.png_join`) while the bottom one is still drawn.
The page has the size a single drawing's has: the sizing run's drawing size
with the pad that makes it whole pixels (`layout.run`), and the drawing sits
on it within an eighth of a pixel of where a single drawing puts it. A band's
viewport places its rows of the page exactly: the two bands are, pixel for
pixel, one program's drawing of that page through a viewport of it all, save
the icons' resampling, which may round a colour differently by a level or two.
"""

from __future__ import annotations

import functools
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple, TypeVar

from archgen.errors import RenderError
from archgen.layout.graphviz_process import Writing, finish_writing, start_writing
from archgen.layout.png_join import NotJoinable, Top, join_bands, ready_top
from archgen.layout.style import PAGE_PAD_INCHES

_T = TypeVar("_T")

PNG_DPI = 96
"""Pixels per inch of graphviz's PNG renderer (cairo's default, which archgen keeps)."""
_POINTS_PER_PIXEL = 72 / PNG_DPI
TOP_SHARE = 0.4
"""The top band's share of the rows. Readying it to join costs about a third of drawing
it, so a top band of two fifths is ready when the bottom one is drawn (capstone: 118 ms
for the page where one program takes 160)."""


def page_pixels(drawing_inches: float) -> int:
    """Return the page's pixels along one side of a drawing: the drawing and its pad, rounded."""
    return round((drawing_inches + 2 * PAGE_PAD_INCHES) * PNG_DPI)


class Band(NamedTuple):
    """One started program drawing a band, and the PNG it writes."""

    program: Writing
    image: Path


class Bands(NamedTuple):
    """The two started programs that draw the PNG's bands."""

    top: Band
    bottom: Band


def start_bands(command: list[str], folder: Path, started: list[subprocess.Popen[bytes]]) -> Bands:
    """Start the two programs; each waits for its band's source on standard input.

    Each program is added to `started` as soon as it runs, for the caller to stop.
    """
    return Bands(*(_start_band(command, folder, name, started) for name in ("top", "bottom")))


def _start_band(
    command: list[str], folder: Path, name: str, started: list[subprocess.Popen[bytes]]
) -> Band:
    image = folder / f"{name}.png"
    options = ["-Tpng", f"-o{image}"]
    return Band(start_writing(command, options, folder / f"{name}.errors", started), image)


class Box(NamedTuple):
    """The drawing's box as graphviz gives it (`bb`): lower left and upper right, in points."""

    left: float
    bottom: float
    right: float
    top: float

    @property
    def width_inches(self) -> float:
        """The drawing's width."""
        return (self.right - self.left) / 72

    @property
    def height_inches(self) -> float:
        """The drawing's height."""
        return (self.top - self.bottom) / 72


def band_sources(source: str, drawing: Box) -> tuple[str, str]:
    """Return the top and the bottom band's sources, given the drawing's box.

    The page is centred on the drawing, as its pad is; a viewport is given in
    points, centred on the middle of its rows.
    """
    width_pixels = page_pixels(drawing.width_inches)
    height_pixels = page_pixels(drawing.height_inches)
    split = min(max(1, round(height_pixels * TOP_SHARE)), height_pixels - 1)
    end = source.rstrip().rfind("}")
    across = (drawing.left + drawing.right) / 2
    page_middle = (drawing.bottom + drawing.top) / 2

    def band(first: int, stop: int) -> str:
        middle = page_middle + (height_pixels / 2 - (first + stop) / 2) * _POINTS_PER_PIXEL
        size = f"{width_pixels * _POINTS_PER_PIXEL:.6f},{(stop - first) * _POINTS_PER_PIXEL:.6f}"
        view = f'graph [viewport="{size},1,{across:.6f},{middle:.6f}"]'
        return f"{source[:end]}\t{view}\n{source[end:]}"

    return band(0, split), band(split, height_pixels)


def ready_top_band(bands: Bands) -> Top:
    """Wait for the top band, then ready it to join (while the bottom one is still drawn)."""
    finish_writing(bands.top.program)
    return _joining(ready_top, bands.top.image.read_bytes())


def joined(bands: Bands, top: Top) -> bytes:
    """Return the PNG of the whole page, once the bottom band is drawn."""
    return _joining(functools.partial(join_bands, top), bands.bottom.image.read_bytes())


def _joining(step: Callable[[bytes], _T], band: bytes) -> _T:
    try:
        return step(band)
    except NotJoinable as error:
        raise RenderError(f"graphviz drew PNG bands archgen cannot join: {error}") from error
