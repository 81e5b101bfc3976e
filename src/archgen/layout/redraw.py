"""The picture in two graphviz runs: dot lays the scene out, `neato -n2` draws it as tidied.

`neato -n2` takes every position, box, route and label position as given and
only draws (routing afresh just the lines whose ends the tidy pass moved), so
the PNG, the SVG and the JSON the draw.io file is made from all show the
tidied layout. A text-only run first sizes the page in whole pixels, as `run` does for dot.
"""

from __future__ import annotations

from archgen.layout.dot import build_dot
from archgen.layout.laid import parse
from archgen.layout.run import program, run_graphviz
from archgen.layout.scene import Scene
from archgen.layout.tidy import tidy


def draw_tidied(scene: Scene, layout: bytes, formats: tuple[str, ...]) -> dict[str, bytes]:
    """Tidy dot's layout (its JSON) of `scene`; return each format `neato -n2` draws of it."""
    laid = parse(layout)
    tidy(scene, laid)
    final = build_dot(scene, laid)
    return run_graphviz([program("neato"), "-n2"], final, formats)
