"""Run graphviz for an architecture: PNG, SVG and the JSON geometry from one layout.

A PNG takes one more, text-only, layout run first, to size its page in whole
pixels, and is drawn as two bands at once (`layout.png_bands`). Every program
can be started before its source is known (`started`, in a thread): starting
them, loading their plugins and, for the sizing run, its fonts then overlap
the tidy pass instead of following it. A layout can also be started on a
known source and collected later (`laying_out`), so that the render's checks
run while dot works; dot itself may have been started earlier still
(`layout.layout_ahead`).
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple, Protocol

from archgen.errors import RenderError
from archgen.layout import layout_ahead
from archgen.layout.graphviz_process import (
    Writing,
    finish,
    finish_writing,
    give_source,
    start_program,
    start_writing,
    stop,
)
from archgen.layout.png_bands import (
    PNG_DPI,
    Bands,
    Box,
    band_sources,
    joined,
    page_pixels,
    ready_top_band,
    start_bands,
)
from archgen.layout.spare_work import InThread, Spare, finish_spare, while_running
from archgen.layout.style import FONT

INSTALL_HINT = (
    "install graphviz (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz)"
)


class Draw(Protocol):
    """Given the DOT source, return each format's bytes from graphviz started earlier.

    What is left of `meanwhile` is done once graphviz has the whole source, while it draws.
    """

    def __call__(  # noqa: D102 (the class says what a call does)
        self, source: str, meanwhile: Spare | None = None
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


class Collect(Protocol):
    """Wait for graphviz started earlier on its source and return each format's bytes.

    Pieces of the work given (`layout.spare_work`) are done while it still runs.
    """

    def __call__(self, spare: Spare | None = None) -> dict[str, bytes]: ...  # noqa: D102


def run_graphviz(command: list[str], source: str, formats: tuple[str, ...]) -> dict[str, bytes]:
    """Run a graphviz command once for every format of `source` and return each one's bytes.

    dot lays out and draws; `neato -n2` draws what is already laid out (redraw).
    """
    with started(command, formats) as draw:
        return draw(source)


@contextlib.contextmanager
def started(command: list[str], formats: tuple[str, ...]) -> Iterator[Draw]:
    """Start graphviz for `formats`, and give the function that draws a source with it.

    A PNG takes three programs: the sizing run and its two bands; one more
    draws the other formats. They are started in a thread while the caller
    goes on (the tidy pass): a program takes about ten milliseconds of a core
    to start, and the caller's work leaves the other core idle. Drawing waits
    for them. The programs wait for their source on standard input; leaving
    the block without drawing (the layout failed) stops them and removes their
    folder.
    """
    with tempfile.TemporaryDirectory(prefix="archgen-") as folder:
        programs: list[subprocess.Popen[bytes]] = []
        leaving = threading.Event()
        starting = InThread(
            functools.partial(_start, command, formats, Path(folder), programs, leaving)
        )
        try:
            yield _Drawer(starting)
        finally:
            leaving.set()  # no program is started after this; all started are in `programs`
            starting.settle()
            for process in programs:
                stop(process)


class _Drawer(NamedTuple):
    """Draws a source with programs started in a thread (`started`), once they have started."""

    started: Callable[[], tuple[Writing | None, _Png, dict[str, Path]]]
    """Waits for the programs to start and gives them: the drawing, the PNG's, the outputs."""

    def __call__(self, source: str, meanwhile: Spare | None = None) -> dict[str, bytes]:
        """Give the programs `source` and return each format's bytes (layout.run.Draw)."""
        return _draw(*self.started(), source, meanwhile)


def _start(
    command: list[str],
    formats: tuple[str, ...],
    folder: Path,
    programs: list[subprocess.Popen[bytes]],
    leaving: threading.Event,
) -> tuple[Writing | None, _Png, dict[str, Path]]:
    """Start the programs that draw `formats` into `folder`, each added to `programs` at once.

    None is started once `leaving` is set: the block that wanted them was left.
    """
    others = {fmt: folder / f"out.{fmt}" for fmt in formats if fmt != "png"}
    options = [option for fmt, path in others.items() for option in (f"-T{fmt}", f"-o{path}")]
    sizing = _warmed(command) if "png" in formats and _staying(leaving) else None
    programs += [sizing] if sizing is not None else []  # the first a PNG needs
    bands = (
        start_bands(command, folder, programs) if "png" in formats and _staying(leaving) else None
    )
    drawing = None
    if others and _staying(leaving):
        drawing = start_writing(command, options, folder / "out.errors", programs)
    return drawing, _Png(sizing, bands), others


def _staying(leaving: threading.Event) -> bool:
    """Tell that the block is not being left; raise RenderError once it is (no drawing follows)."""
    if leaving.is_set():
        raise RenderError("the drawing was abandoned while its programs started")
    return True


@contextlib.contextmanager
def laying_out(command: list[str], source: str, formats: tuple[str, ...]) -> Iterator[Collect]:
    """Start graphviz on `source` now, and give the function that waits for its outputs.

    The source is given as a file on standard input, so starting never waits
    for graphviz to read it: the caller goes on with its own work (a render's
    checks) while graphviz lays out. graphviz reads a file on its standard
    input as it reads a pipe, so what it draws and says is the same as
    `run_graphviz`'s. Leaving the block without collecting (the layout is not
    wanted after all) stops it and removes its folder. A program started
    ahead for the same command and formats (`layout.layout_ahead`) is given
    the source instead, through its pipe.
    """
    with layout_ahead.given(command, formats, source) as ahead:
        if ahead is not None:
            yield functools.partial(_collect, ahead.process, ahead.outputs, errors=ahead.errors)
            return
    with tempfile.TemporaryDirectory(prefix="archgen-") as folder:
        given = Path(folder) / "source.gv"
        given.write_bytes(source.encode("utf-8"))
        outputs = {fmt: Path(folder) / f"out.{fmt}" for fmt in formats}
        options = [option for fmt, path in outputs.items() for option in (f"-T{fmt}", f"-o{path}")]
        with given.open("rb") as stdin:
            process = start_program(command, options, stdin)
        try:
            yield functools.partial(_collect, process, outputs)
        finally:
            stop(process)


def _collect(
    process: subprocess.Popen[bytes],
    outputs: dict[str, Path],
    spare: Spare | None = None,
    errors: Path | None = None,
) -> dict[str, bytes]:
    while_running(process, spare)
    finish(process, None, errors)
    return {fmt: path.read_bytes() for fmt, path in outputs.items()}


class _Png(NamedTuple):
    """The programs a PNG takes, when one is asked for: its sizing run and its two bands."""

    sizing: subprocess.Popen[bytes] | None
    bands: Bands | None


def _draw(
    drawing: Writing | None,
    png: _Png,
    outputs: dict[str, Path],
    source: str,
    meanwhile: Spare | None = None,
) -> dict[str, bytes]:
    """Give the started programs `source`: the sizing run first, when a PNG needs one.

    Every program is given its whole source here, then waited for in a thread
    of its own while `meanwhile` runs: a thread writing it would wait for the
    interpreter between every pipe-full while `meanwhile` holds it, and the
    program could not start drawing. The threads close the programs' input
    (each starts drawing then) and wait on them, which does the work in the
    programs' own processes; the top band is readied for joining in its
    thread while the bottom one is still drawn. A failure of any is raised
    once every program has finished.
    """
    given = _sources(drawing, png, source)
    for program, text in given:
        give_source(program.process, text)
    bands = png.bands
    waited = [program for program, _ in given if bands is None or program is not bands.top.program]
    top = InThread(functools.partial(ready_top_band, bands)) if bands is not None else None
    finished = [InThread(functools.partial(finish_writing, program)) for program in waited]
    try:
        finish_spare(meanwhile)
        for wait in finished:
            wait()
        drawn = {} if top is None or bands is None else {"png": joined(bands, top())}
    except BaseException:  # the programs are stopped and every wait has ended before it is raised
        for program, _ in given:
            with contextlib.suppress(OSError):
                program.process.kill()
        for wait in (*finished, *((top,) if top is not None else ())):
            wait.settle()
        raise
    return drawn | {fmt: path.read_bytes() for fmt, path in outputs.items()}


def _sources(drawing: Writing | None, png: _Png, source: str) -> list[tuple[Writing, str]]:
    """Return each started program with the source it draws (a PNG's bands each their own)."""
    if png.sizing is None or png.bands is None:
        return [(drawing, source)] if drawing is not None else []
    text, drawing_box = with_whole_pixel_page(png.sizing, source)
    top, bottom = band_sources(text, drawing_box)
    given = [(png.bands.top.program, top), (png.bands.bottom.program, bottom)]
    return given + ([(drawing, text)] if drawing is not None else [])


_WARM_UP = f'digraph warm {{ w [label="warm" fontname="{FONT}" pos="0,0"] }}\n'.encode()
"""A graph the sizing run lays out while it waits: it loads the fonts every label is measured in.

graphviz lays out each graph of its input in turn and writes each one, ending
in a line `}`; the real source follows this one."""


def _warmed(command: list[str]) -> subprocess.Popen[bytes]:
    """Start the sizing run (DOT out, no drawing) and hand it the warm-up graph (a pipe holds it).

    A program that has already stopped is told by its exit status when its text is read.
    """
    process = start_program(command, ["-Tdot"])
    # Written past the file object's buffer: bytes a stopped program refused would stay
    # in that buffer, and closing it in `communicate` would raise BrokenPipeError again.
    with contextlib.suppress(BrokenPipeError):
        if process.stdin is not None:
            os.write(process.stdin.fileno(), _WARM_UP)
    return process


def with_whole_pixel_page(sizing: subprocess.Popen[bytes], source: str) -> tuple[str, Box]:
    """Return `source` with the pad that makes the PNG page a whole number of pixels.

    graphviz rounds the page to the nearest pixel but paints the background
    over the exact page, so a fractional page leaves the last column or row
    half transparent, and cairo then writes every pixel with an alpha byte: a
    third more data to filter and compress than an opaque RGB image. Growing
    the pad by under a pixel on each side makes the page whole. The drawing's
    box (points, also returned: the PNG's bands are placed by it) comes from
    `sizing`, a layout run that writes DOT and draws nothing (a tenth of the
    cost of the raster), started with `_warmed`; the pad is set by a graph
    attribute statement at the end, which overrides the one at the start.
    """
    text = finish(sizing, source).partition(b"\n}\n")[2]  # after the warm-up graph's
    found = _BOX.search(text)
    try:
        box = Box(*(float(value) for value in found.group(1).split(b","))) if found else None
    except (TypeError, ValueError):
        box = None
    if box is None:
        raise RenderError(f"graphviz gave no drawing size: {text[:80]!r}")
    end = source.rstrip().rfind("}")
    pad = f"{_pad(box.width_inches)},{_pad(box.height_inches)}"
    return f'{source[:end]}\tgraph [pad="{pad}"]\n{source[end:]}', box


_BOX = re.compile(rb'\bbb="([^"]*)"')
"""The drawing's box, the first attribute graphviz writes of the graph itself."""


def _pad(drawing_inches: float) -> str:
    """Return the pad (inches) that puts a quarter pixel past a whole page, well inside rounding."""
    page_inches = (page_pixels(drawing_inches) + 0.25) / PNG_DPI
    return f"{(page_inches - drawing_inches) / 2:.6f}"
