"""The one layout of an architecture: its scene, its DOT source, and what graphviz drew."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field

from archgen.findings import Finding
from archgen.layout.connections import connect
from archgen.layout.dot import build_dot
from archgen.layout.marks import mark
from archgen.layout.placement import place
from archgen.layout.redraw import draw_tidied
from archgen.layout.scene import Scene
from archgen.model.architecture import Architecture


@dataclass(frozen=True)
class Drawing:
    """The scene, its DOT source, and graphviz's outputs of one layout run (none yet, planned)."""

    name: str
    scene: Scene
    dot: str
    outputs: dict[str, bytes] = field(default_factory=dict)


def build_scene(arch: Architecture, findings: Iterable[Finding] = ()) -> Scene:
    """Return the scene of `arch`: nodes in their boxes, edges with their badges.

    `findings` (the check's) put a marker on each resource with an error or a warning.
    """
    scene = place(arch)
    connect(arch, scene)
    mark(scene, findings)
    return scene


def plan(arch: Architecture, findings: Iterable[Finding] = ()) -> Drawing:
    """Return the scene and DOT source of `arch` without running graphviz."""
    scene = build_scene(arch, findings)
    return Drawing(arch.name, scene, build_dot(scene))


def draw(arch: Architecture | Drawing, formats: tuple[str, ...]) -> Drawing:
    """Lay out once and return the requested graphviz formats (png, svg, json).

    Given a planned drawing, its scene and DOT are reused rather than built again.
    """
    planned = arch if isinstance(arch, Drawing) else plan(arch)
    outputs = draw_tidied(planned.scene, planned.dot, formats) if formats else {}
    return dataclasses.replace(planned, outputs=outputs)
