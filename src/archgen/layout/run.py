"""Run graphviz for an architecture: PNG, SVG and the JSON geometry from one layout.

A PNG takes one more, text-only, layout run first, to size its page in whole
pixels; the drawing process starts at the same time and waits for its input.
Every process may have been started before its source existed (processes.ahead).
"""

from __future__ import annotations

import shutil
import signal

from archgen.errors import LayoutRefused, RenderError
from archgen.layout.processes import Run, Started, take
from archgen.layout.style import PAGE_PAD_INCHES

INSTALL_HINT = (
    "install graphviz (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz)"
)
PNG_DPI = 96
"""Pixels per inch of graphviz's PNG renderer (cairo's default, which archgen keeps)."""


def run_dot(source: str, formats: tuple[str, ...]) -> dict[str, bytes]:
    """Lay `source` out once and return each requested format's bytes."""
    return run_graphviz(layout_command(), source, formats)


def layout_command() -> list[str]:
    """Return the command that lays a DOT source out: dot."""
    return [program("dot")]


def redraw_command() -> list[str]:
    """Return the command that draws a laid-out DOT source as it stands: `neato -n2`."""
    return [program("neato"), "-n2"]


def pipeline(formats: tuple[str, ...]) -> list[Run]:
    """Return the processes a drawing in `formats` runs when graphviz takes the full layout.

    dot lays out to JSON (layout.drawing), then `neato -n2` draws the tidied
    layout in every format (layout.redraw), after sizing a PNG's page.
    """
    return [*_runs(layout_command(), ("json",)), *_runs(redraw_command(), formats)]


def _runs(command: list[str], formats: tuple[str, ...]) -> list[Run]:
    """Return the processes `run_graphviz(command, _, formats)` runs, in the order it needs them."""
    sizing = [(tuple(command), ("plain",))] if "png" in formats else []
    return [*sizing, (tuple(command), formats)]


def program(name: str) -> str:
    """Return the path of one of graphviz's programs (dot, neato), or say how to install it."""
    found = shutil.which(name)
    if found is None:
        raise RenderError(f"graphviz's `{name}` is not on PATH: {INSTALL_HINT}")
    return found


def run_graphviz(command: list[str], source: str, formats: tuple[str, ...]) -> dict[str, bytes]:
    """Run a graphviz command once for every format of `source` and return each one's bytes.

    dot lays out and draws; `neato -n2` draws what is already laid out (redraw).
    """
    drawing = take(command, formats)  # loads graphviz's plugins while the page is sized
    try:
        text = with_whole_pixel_page(command, source) if "png" in formats else source
    except BaseException:
        drawing.stop()
        raise
    return _finish(drawing, text)


def with_whole_pixel_page(command: list[str], source: str) -> str:
    """Return `source` with the pad that makes the PNG page a whole number of pixels.

    graphviz rounds the page to the nearest pixel but paints the background
    over the exact page, so a fractional page leaves the last column or row
    half transparent, and cairo then writes every pixel with an alpha byte: a
    third more data to filter and compress than an opaque RGB image. Growing
    the pad by under a pixel on each side makes the page whole. The drawing's
    size comes from a text-only layout run, a tenth of the cost of the raster;
    the pad is set by a graph attribute statement at the end, which overrides
    the one at the start.
    """
    plain = _finish(take(command, ("plain",)), source)["plain"]
    header = plain.split(maxsplit=4)  # graph SCALE W H ...
    try:
        width, height = float(header[2]), float(header[3])
    except (IndexError, ValueError) as error:
        raise RenderError(f"graphviz gave no drawing size: {header[:4]!r}") from error
    end = source.rstrip().rfind("}")
    return f'{source[:end]}\tgraph [pad="{_pad(width)},{_pad(height)}"]\n{source[end:]}'


def _pad(drawing_inches: float) -> str:
    """Return the pad (inches) that puts a quarter pixel past a whole page, well inside rounding."""
    natural = (drawing_inches + 2 * PAGE_PAD_INCHES) * PNG_DPI
    page_inches = (round(natural) + 0.25) / PNG_DPI
    return f"{(page_inches - drawing_inches) / 2:.6f}"


def _finish(process: Started, source: str) -> dict[str, bytes]:
    """Give a started graphviz its source and return each format's bytes."""
    try:
        code, stderr = process.communicate(source)
        if code > 0 or -code in _CRASHES:  # what graphviz says of this source, on any machine
            raise LayoutRefused(stderr.decode("utf-8", "replace"))
        if code < 0:  # stopped from outside (out of memory, a signal): no fault of the source
            raise RenderError(f"graphviz was stopped by {signal.Signals(-code).name}")
        return process.outputs()
    finally:
        process.stop()


_CRASHES = frozenset({signal.SIGABRT, signal.SIGSEGV, signal.SIGBUS, signal.SIGFPE})
"""How graphviz itself ends on a layout it cannot make: a failed assertion or a fault.

Only these, and an error exit, are refusals that the layout ladder answers
with fewer constraints; a kill or a termination says nothing of the source,
and retrying on it would make the picture depend on the machine's state."""
