"""The one layout of an architecture, and what graphviz drew from it."""

from __future__ import annotations

from dataclasses import dataclass

from archgen.layout.dot import build_dot
from archgen.layout.run import run_dot
from archgen.layout.scene import Scene, build_scene
from archgen.model.architecture import Architecture


@dataclass(frozen=True)
class Drawing:
    """The scene, its DOT source, and graphviz's outputs of one layout run."""

    name: str
    scene: Scene
    dot: str
    outputs: dict[str, bytes]


def plan(arch: Architecture) -> str:
    """Return the DOT source of `arch` without running graphviz."""
    return build_dot(build_scene(arch))


def draw(arch: Architecture, formats: tuple[str, ...], source: str | None = None) -> Drawing:
    """Lay `arch` out once and return the requested graphviz formats (png, svg, json).

    `source` is the DOT that `plan` already built for the same architecture.
    """
    scene = build_scene(arch)
    source = source if source is not None else build_dot(scene)
    return Drawing(arch.name, scene, source, run_dot(source, formats) if formats else {})
