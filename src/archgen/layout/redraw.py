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
from archgen.layout.run import INSTALL_HINT, PNG_DPI, run_dot
from archgen.layout.scene import Scene
from archgen.layout.style import PAGE_PAD_INCHES
from archgen.layout.tidy import tidy


def draw_tidied(scene: Scene, source: str, formats: tuple[str, ...]) -> dict[str, bytes]:
    """Lay `source` out with dot, tidy it, and return each format `neato -n2` draws of it."""
    laid = parse(run_dot(source, ("json",))["json"])
    tidy(scene, laid)
    final = build_dot(scene, laid)
    if "png" not in formats:
        return _neato(final, formats)
    size = _neato(final, ("plain",))["plain"].split(maxsplit=4)  # graph SCALE W H: its inches
    pad = f"{_pad(float(size[2]))},{_pad(float(size[3]))}"
    end = final.rstrip().rfind("}")
    return _neato(f'{final[:end]}\tgraph [pad="{pad}"]\n{final[end:]}', formats)


def _pad(inches: float) -> str:
    """Return the pad (inches) that puts a quarter pixel past a whole page, well inside rounding.

    graphviz paints the background over the exact page; a fractional page
    leaves a half-transparent edge, and cairo then writes an alpha byte for
    every pixel (see `run.with_whole_pixel_page`).
    """
    natural = (inches + 2 * PAGE_PAD_INCHES) * PNG_DPI
    page_inches = (round(natural) + 0.25) / PNG_DPI
    return f"{(page_inches - inches) / 2:.6f}"


def _neato(source: str, formats: tuple[str, ...]) -> dict[str, bytes]:
    """Draw a laid-out source in each format with `neato -n2`, which keeps every position."""
    neato = shutil.which("neato")
    if neato is None:
        raise RenderError(f"graphviz's `neato` is not on PATH: {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="archgen-") as folder:
        outputs = {fmt: Path(folder) / f"out.{fmt}" for fmt in formats}
        options = [option for fmt, path in outputs.items() for option in (f"-T{fmt}", f"-o{path}")]
        done = subprocess.run(  # noqa: S603 (neato found on PATH, fixed arguments)
            [neato, "-n2", *options], input=source.encode("utf-8"), capture_output=True, check=False
        )
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip()
            raise RenderError(f"graphviz failed to draw the laid-out picture: {message}")
        return {fmt: path.read_bytes() for fmt, path in outputs.items()}
