"""Pictures in memory: draw a design's outputs, and fingerprint what a picture is drawn from.

The render use case writes what these return; the MkDocs plugin puts the
outputs into its site as they are; `render --check` compares only the
fingerprints, which need the DOT source and never a graphviz run.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from archgen.errors import RenderError
from archgen.render.base import Artifact
from archgen.render.formats import OUTPUT_FORMATS
from archgen.render.stamp import fingerprint

if TYPE_CHECKING:
    from archgen.layout.drawing import Drawing, Settle
    from archgen.layout.spare_work import Spare
    from archgen.model.architecture import Architecture


def draw_outputs(
    arch: Architecture | Drawing,
    formats: Sequence[str],
    settle: Settle | None = None,
    meanwhile: Spare | None = None,
) -> dict[str, Artifact]:
    """Lay `arch` out once and draw it in each of `formats` (png, svg, drawio), in memory.

    `settle` gives the drawing to draw instead of the planned one, and runs
    while dot lays the planned one out; `meanwhile` is done in pieces while
    graphviz works (layout.drawing.draw).
    The outputs carry no stamp: a render stamps what it writes, and the MkDocs
    plugin puts them into its site as they are.
    """
    from archgen.layout.drawing import draw  # drawn outputs only: not for --check

    chosen = [OUTPUT_FORMATS[fmt] for fmt in formats]
    drawing = draw(
        arch, tuple(entry.graphviz for entry in chosen if entry.graphviz), settle, meanwhile
    )
    return {entry.name: entry.draw(drawing) for entry in chosen if entry.draw is not None}


def picture_print(planned: Drawing, fmt: str) -> str:
    """Fingerprint a picture: its DOT source and, for draw.io, the styles of its shapes."""
    if fmt != "drawio":
        return fingerprint(planned.dot, fmt)
    styles = sorted({_shape_style(node.type) for node in planned.scene.nodes.values()})
    return fingerprint(planned.dot, fmt, "\n".join(styles))


def _shape_style(type_name: str) -> str:
    """Return a type's draw.io style; drawing one without a shape fails later, when drawn."""
    from archgen.render.drawio_styles import node_style

    try:
        return node_style(type_name)
    except RenderError:
        return f"{type_name}: no shape"
