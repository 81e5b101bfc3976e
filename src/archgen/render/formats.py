"""The output formats of `archgen render`: their names, file suffixes and what draws each.

The command line takes its `--format` choices from here, and the render use
case its order of writing. png, svg and drawio are drawn from one graphviz
layout; each entry imports its own renderer only when called, so a run that
compares fingerprints loads none. md, the explanation, is written from the
model without graphviz (commands.explain), so it has no graphviz output here;
mermaid is written from the scene alone, for GitHub or MkDocs to lay out.
It is asked for by name: the default set stays the four outputs of the contract.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from archgen.layout.drawing import Drawing
    from archgen.render.base import Artifact


class OutputFormat(NamedTuple):
    """One output format: its name on the command line and in stamps, and how it is made."""

    name: str
    suffix: str
    """The end of an output's file name: `capstone.png`."""
    graphviz: str | None
    """The graphviz format it is drawn from; None: made from the model alone."""
    draw: Callable[[Drawing], Artifact] | None
    """Turn the drawing into the output; None: written from the model (the explanation)."""
    default: bool = True
    """Written when `--format` is not given (DESIGN.md 5: png, svg, drawio and md)."""


def _png(drawing: Drawing) -> Artifact:
    from archgen.render.png_svg import render_png

    return render_png(drawing)


def _svg(drawing: Drawing) -> Artifact:
    from archgen.render.png_svg import render_svg

    return render_svg(drawing)


def _drawio(drawing: Drawing) -> Artifact:
    from archgen.layout.geometry import from_dot_json
    from archgen.render.drawio import render_drawio

    return render_drawio(drawing.scene, from_dot_json(drawing.outputs["json"]))


def _mermaid(drawing: Drawing) -> Artifact:
    from archgen.render.mermaid import render_mermaid

    return render_mermaid(drawing)


OUTPUT_FORMATS: dict[str, OutputFormat] = {
    entry.name: entry
    for entry in (
        OutputFormat("png", ".png", "png", _png),
        OutputFormat("svg", ".svg", "svg", _svg),
        OutputFormat("drawio", ".drawio", "json", _drawio),
        OutputFormat("md", ".md", None, None),
        OutputFormat("mermaid", ".mmd", None, _mermaid, default=False),
    )
}
"""Every output format, in the order archgen writes them."""

DEFAULT_FORMATS = tuple(name for name, entry in OUTPUT_FORMATS.items() if entry.default)
"""What `archgen render` writes unless told: the four outputs DESIGN.md 5 names."""

VIEWS = ("default", "network")
"""What `render --view` draws: the default picture, or with route tables, NACLs and security
groups (layout.netview). A view other than the default is recorded in the pictures' names."""


def output_suffix(fmt: str, view: str = "default") -> str:
    """Return the end of an output's name: `.png`, `.network.png`; the explanation is one per file.

    The Markdown explains the design, not a picture of it, so every view shares `<name>.md`.
    """
    suffix = OUTPUT_FORMATS[fmt].suffix
    return suffix if view == "default" or fmt == "md" else f".{view}{suffix}"
