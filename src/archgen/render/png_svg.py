"""PNG and SVG, drawn by graphviz from the architecture's one layout.

The SVG is made self-contained: graphviz links icons by absolute path, which
breaks on any other machine, so each icon is inlined as a data: URI. Only files
of the icon set are ever inlined: anything else an image link names is an
error, so no file of the machine that renders can end up inside an SVG.
"""

from __future__ import annotations

import base64
import functools
import re
from pathlib import Path

from archgen.errors import RenderError
from archgen.layout.drawing import Drawing
from archgen.layout.icons import icon_root
from archgen.render.base import Artifact

_IMAGE_HREF = re.compile(rb'xlink:href="([^"]+)"')


def render_png(drawing: Drawing) -> Artifact:
    """Return the PNG of the drawing."""
    return Artifact(f"{drawing.name}.png", drawing.outputs["png"])


def render_svg(drawing: Drawing) -> Artifact:
    """Return the SVG of the drawing, with every icon embedded."""
    return Artifact(f"{drawing.name}.svg", embed_images(drawing.outputs["svg"]))


def embed_images(svg: bytes) -> bytes:
    """Replace every linked image file with a data: URI of its content."""

    def inline(match: re.Match[bytes]) -> bytes:
        target = match.group(1).decode("utf-8")
        if target.startswith(("data:", "#", "http:", "https:")):
            return match.group(0)
        return b'xlink:href="' + _data_uri(target) + b'"'

    return _IMAGE_HREF.sub(inline, svg)


@functools.cache
def _data_uri(path: str) -> bytes:
    file = Path(path).resolve()
    if not file.is_relative_to(icon_root()) or file.suffix != ".png":
        raise RenderError(f"the drawing links {path!r}, which is not an icon of the icon set")
    if not file.is_file():
        raise RenderError(f"icon {file.name} is missing from the diagrams package")
    encoded = base64.b64encode(file.read_bytes())
    return b"data:image/png;base64," + encoded
