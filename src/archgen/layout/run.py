"""Run graphviz for an architecture: PNG, SVG and the JSON geometry from one layout.

A PNG takes one more, text-only, layout run first, to size its page in whole
pixels. Both programs can be started before their source is known (`started`):
starting them, loading their plugins and, for the sizing run, its fonts then
overlap the layout and the tidy pass instead of following them. A layout can
also be started on a known source and collected later (`laying_out`), so that
the render's checks run while dot works.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Protocol

from archgen.errors import LayoutRefused, RenderError
from archgen.layout.style import FONT, PAGE_PAD_INCHES

INSTALL_HINT = (
    "install graphviz (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz)"
)
PNG_DPI = 96
"""Pixels per inch of graphviz's PNG renderer (cairo's default, which archgen keeps)."""


class Draw(Protocol):
    """Given the DOT source, return each format's bytes from graphviz started earlier.

    `meanwhile` is called once graphviz has the whole source, while it draws.
    """

    def __call__(  # noqa: D102 (the class says what a call does)
        self, source: str, meanwhile: Callable[[], object] | None = None
    ) -> dict[str, bytes]: ...


def run_dot(source: str, formats: tuple[str, ...]) -> dict[str, bytes]:
    """Lay `source` out once and return each requested format's bytes."""
    return run_graphviz([program("dot")], source, formats)


def program(name: str) -> str:
    """Return the path of one of graphviz's programs (dot, neato), or say how to install it."""
    found = shutil.which(name)
    if found is None:
        raise RenderError(f"graphviz's `{name}` is not on PATH: {INSTALL_HINT}")
    return found


Collect = Callable[[], dict[str, bytes]]
"""Wait for graphviz started earlier on its source and return each format's bytes."""


def run_graphviz(command: list[str], source: str, formats: tuple[str, ...]) -> dict[str, bytes]:
    """Run a graphviz command once for every format of `source` and return each one's bytes.

    dot lays out and draws; `neato -n2` draws what is already laid out (redraw).
    """
    with started(command, formats) as draw:
        return draw(source)


@contextlib.contextmanager
def started(command: list[str], formats: tuple[str, ...]) -> Iterator[Draw]:
    """Start graphviz for `formats` now, and give the function that draws a source with it.

    The programs wait for their source on standard input; leaving the block
    without drawing (the layout failed) stops them and removes their folder.
    """
    with tempfile.TemporaryDirectory(prefix="archgen-") as folder:
        outputs = {fmt: Path(folder) / f"out.{fmt}" for fmt in formats}
        options = [option for fmt, path in outputs.items() for option in (f"-T{fmt}", f"-o{path}")]
        drawing = _start(command, options)
        sizing = None
        try:
            sizing = _warmed(command) if "png" in formats else None
            yield functools.partial(_draw, drawing, sizing, outputs)
        finally:
            for process in (drawing, sizing):
                if process is not None and process.returncode is None:
                    process.kill()
                    process.communicate()


@contextlib.contextmanager
def laying_out(command: list[str], source: str, formats: tuple[str, ...]) -> Iterator[Collect]:
    """Start graphviz on `source` now, and give the function that waits for its outputs.

    The source is given as a file on standard input, so starting never waits
    for graphviz to read it: the caller goes on with its own work (a render's
    checks) while graphviz lays out. graphviz reads a file on its standard
    input as it reads a pipe, so what it draws and says is the same as
    `run_graphviz`'s. Leaving the block without collecting (the layout is not
    wanted after all) stops it and removes its folder.
    """
    with tempfile.TemporaryDirectory(prefix="archgen-") as folder:
        given = Path(folder) / "source.gv"
        given.write_bytes(source.encode("utf-8"))
        outputs = {fmt: Path(folder) / f"out.{fmt}" for fmt in formats}
        options = [option for fmt, path in outputs.items() for option in (f"-T{fmt}", f"-o{path}")]
        with given.open("rb") as stdin:
            process = _start(command, options, stdin)
        try:
            yield functools.partial(_collect, process, outputs)
        finally:
            if process.returncode is None:
                process.kill()
                process.communicate()


def _collect(process: subprocess.Popen[bytes], outputs: dict[str, Path]) -> dict[str, bytes]:
    _finish(process, None)
    return {fmt: path.read_bytes() for fmt, path in outputs.items()}


def _draw(
    drawing: subprocess.Popen[bytes],
    sizing: subprocess.Popen[bytes] | None,
    outputs: dict[str, Path],
    source: str,
    meanwhile: Callable[[], object] | None = None,
) -> dict[str, bytes]:
    """Give the started programs `source`: the sizing run first, when a PNG needs one."""
    text = source if sizing is None else with_whole_pixel_page(sizing, source)
    if meanwhile is None:
        _finish(drawing, text)
    else:
        _finish_while(drawing, text, meanwhile)
    return {fmt: path.read_bytes() for fmt, path in outputs.items()}


def _finish_while(
    process: subprocess.Popen[bytes], source: str, meanwhile: Callable[[], object]
) -> None:
    """Give `process` its whole source here, then wait for it in a thread, calling `meanwhile`.

    The source is written before `meanwhile` starts: a thread writing it would
    wait for the interpreter between every pipe-full while `meanwhile` holds
    it, and the program could not start drawing. The thread only closes the
    program's input and waits on it, which does the work in its own process.
    A failure of either is raised once the program has finished.
    """
    import concurrent.futures  # only a drawing with work to do meanwhile waits in a thread

    if process.stdin is not None:
        with contextlib.suppress(BrokenPipeError):  # told by its exit status when finished
            process.stdin.write(source.encode("utf-8"))
            process.stdin.flush()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        finished = pool.submit(_finish, process, None)
        meanwhile()
        finished.result()


_WARM_UP = f'digraph warm {{ w [label="warm" fontname="{FONT}" pos="0,0"] }}\n'.encode()
"""A graph the sizing run lays out while it waits: it loads the fonts every label is measured in.

graphviz lays out each graph of its input in turn and writes each one's
text, ending in a line `stop`; the real source follows this one."""


def _warmed(command: list[str]) -> subprocess.Popen[bytes]:
    """Start the text-only sizing run and hand it the warm-up graph (a pipe holds it whole).

    A program that has already stopped is told by its exit status when its text is read.
    """
    process = _start(command, ["-Tplain"])
    # Written past the file object's buffer: bytes a stopped program refused would stay
    # in that buffer, and closing it in `communicate` would raise BrokenPipeError again.
    with contextlib.suppress(BrokenPipeError):
        if process.stdin is not None:
            os.write(process.stdin.fileno(), _WARM_UP)
    return process


def with_whole_pixel_page(sizing: subprocess.Popen[bytes], source: str) -> str:
    """Return `source` with the pad that makes the PNG page a whole number of pixels.

    graphviz rounds the page to the nearest pixel but paints the background
    over the exact page, so a fractional page leaves the last column or row
    half transparent, and cairo then writes every pixel with an alpha byte: a
    third more data to filter and compress than an opaque RGB image. Growing
    the pad by under a pixel on each side makes the page whole. The drawing's
    size comes from `sizing`, a text-only layout run (a tenth of the cost of
    the raster) started with `_warmed`; the pad is set by a graph attribute
    statement at the end, which overrides the one at the start.
    """
    text = _finish(sizing, source).partition(b"stop\n")[2]  # after the warm-up graph's text
    header = text.split(maxsplit=4)  # graph SCALE WIDTH HEIGHT ...
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


def _start(
    command: list[str], options: list[str], stdin: IO[bytes] | int = subprocess.PIPE
) -> subprocess.Popen[bytes]:
    """Start graphviz; it reads its DOT source from standard input (a pipe, once given)."""
    return subprocess.Popen(  # noqa: S603 (a graphviz program found on PATH, fixed arguments)
        [*command, *options], stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def _finish(process: subprocess.Popen[bytes], source: str | None) -> bytes:
    """Give a started dot its source (None: it has it already) and return its standard output."""
    stdout, stderr = process.communicate(None if source is None else source.encode("utf-8"))
    code = process.returncode
    if code > 0 or -code in _CRASHES:  # what graphviz says of this source, on any machine
        raise LayoutRefused(stderr.decode("utf-8", "replace"))
    if code < 0:  # stopped from outside (out of memory, a signal): no fault of the source
        raise RenderError(f"graphviz was stopped by {signal.Signals(-code).name}")
    return stdout


_CRASHES = frozenset({signal.SIGABRT, signal.SIGSEGV, signal.SIGBUS, signal.SIGFPE})
"""How graphviz itself ends on a layout it cannot make: a failed assertion or a fault.

Only these, and an error exit, are refusals that the layout ladder answers
with fewer constraints; a kill or a termination says nothing of the source,
and retrying on it would make the picture depend on the machine's state."""
