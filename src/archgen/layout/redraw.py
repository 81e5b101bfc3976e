"""The picture in two graphviz runs: dot lays the scene out, `neato -n2` draws it as tidied.

`neato -n2` takes every position, box, route and label position as given and
only draws (routing afresh just the lines whose ends the tidy pass moved), so
the PNG, the SVG and the JSON the draw.io file is made from all show the
tidied layout. A text-only run first sizes the page in whole pixels, as `run` does for dot.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from archgen.errors import RenderError
from archgen.layout.dot import build_dot
from archgen.layout.laid import parse
from archgen.layout.run import INSTALL_HINT, PNG_DPI
from archgen.layout.scene import Scene
from archgen.layout.style import PAGE_PAD_INCHES
from archgen.layout.tidy import tidy


def draw_tidied(scene: Scene, layout: bytes, formats: tuple[str, ...]) -> dict[str, bytes]:
    """Tidy dot's layout (its JSON) of `scene`; return each format `neato -n2` draws of it."""
    laid = parse(layout)
    tidy(scene, laid)
    final = build_dot(scene, laid)
    neato = shutil.which("neato")
    if neato is None:
        raise RenderError(f"graphviz's `neato` is not on PATH: {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="archgen-") as folder:
        outputs = {fmt: Path(folder) / f"out.{fmt}" for fmt in formats}
        options = [option for fmt, path in outputs.items() for option in (f"-T{fmt}", f"-o{path}")]
        drawing = _start([neato, "-n2", *options])  # loads its plugins while the page is sized
        try:
            text = _whole_pixel_page(neato, final) if "png" in formats else final
        except BaseException:
            drawing.kill()
            drawing.communicate()
            raise
        _finish(drawing, text)
        return {fmt: path.read_bytes() for fmt, path in outputs.items()}


def _whole_pixel_page(neato: str, final: str) -> str:
    """Return the laid-out source with the pad that makes the PNG page whole pixels."""
    size = _finish(_start([neato, "-n2", "-Tplain"]), final).split(maxsplit=4)  # graph 1 W H
    pad = f"{_pad(float(size[2]))},{_pad(float(size[3]))}"
    end = final.rstrip().rfind("}")
    return f'{final[:end]}\tgraph [pad="{pad}"]\n{final[end:]}'


def _pad(inches: float) -> str:
    """Return the pad (inches) that puts a quarter pixel past a whole page, well inside rounding.

    graphviz paints the background over the exact page; a fractional page
    leaves a half-transparent edge, and cairo then writes an alpha byte for
    every pixel (see `run.with_whole_pixel_page`).
    """
    natural = (inches + 2 * PAGE_PAD_INCHES) * PNG_DPI
    page_inches = (round(natural) + 0.25) / PNG_DPI
    return f"{(page_inches - inches) / 2:.6f}"


def _start(command: list[str]) -> subprocess.Popen[bytes]:
    """Start neato; it reads the laid-out source from standard input once given."""
    return subprocess.Popen(  # noqa: S603 (neato found on PATH, fixed arguments)
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def _finish(process: subprocess.Popen[bytes], source: str) -> bytes:
    """Give a started neato its source and return its standard output."""
    stdout, stderr = process.communicate(source.encode("utf-8"))
    if process.returncode != 0:
        message = stderr.decode("utf-8", "replace").strip()
        raise RenderError(f"graphviz failed to draw the laid-out picture: {message}")
    return stdout
