"""The one layout of an architecture: its scene, its DOT source, and what graphviz drew."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from archgen.findings import Finding
from archgen.layout.connections import connect, legend
from archgen.layout.dot import build_dot
from archgen.layout.ladder import RUNGS, lay_out
from archgen.layout.marks import mark, marks
from archgen.layout.placement import place
from archgen.layout.run import Collect, laying_out, program, run_dot
from archgen.layout.scene import Scene
from archgen.layout.spare_work import Spare
from archgen.model.architecture import Architecture


class Drawing(NamedTuple):
    """The scene, its DOT source, and graphviz's outputs of one layout run (none yet, planned)."""

    name: str
    scene: Scene
    dot: str
    """The DOT source with every constraint: what the picture's fingerprint is made of."""
    outputs: dict[str, bytes]
    """What graphviz wrote, by format: empty while only planned."""
    rung: str = RUNGS[0].name
    """The rung of the layout ladder graphviz accepted (layout.ladder)."""


def build_scene(
    arch: Architecture, findings: Iterable[Finding] = (), view: str = "default"
) -> Scene:
    """Return the scene of `arch`: nodes in their boxes, edges with their badges.

    `findings` (the check's) put a marker on each resource with an error or a warning;
    the `network` view adds route tables, NACLs and security groups (layout.netview)
    and each private subnet's outbound line through its NAT gateway (layout.egress).
    """
    scene = place(arch)
    connect(arch, scene)
    if view == "network":  # each private subnet's way out through NAT, in the legend too
        from archgen.layout.egress import (
            egress_lines,
        )  # for this view alone: a default render needs neither
        from archgen.layout.netview import network_view

        egress_lines(arch, scene)
        scene.legend = legend(arch, scene)
        network_view(arch, scene)
    mark(scene, findings)  # after the view adds the boxes and lines it marks
    return scene


def plan(arch: Architecture, findings: Iterable[Finding] = (), view: str = "default") -> Drawing:
    """Return the scene and DOT source of `arch` in `view` without running graphviz."""
    scene = build_scene(arch, findings, view)
    return Drawing(arch.name, scene, build_dot(scene), {})


def marked(
    planned: Drawing, arch: Architecture, findings: Sequence[Finding], view: str = "default"
) -> Drawing:
    """Return the drawing of `arch` with `findings` marked: `planned` itself when none marks it.

    A render plans each design unmarked first, for its fingerprint; a clean
    design's marked plan would be the same scene and DOT, built again.
    """
    return plan(arch, findings, view) if any(map(marks, findings)) else planned


Settle = Callable[[Drawing], Drawing]
"""Given the planned drawing while dot lays it out, return the drawing to draw (a render marks
the check's findings on it: commands.render)."""


def draw(
    arch: Architecture | Drawing,
    formats: tuple[str, ...],
    settle: Settle | None = None,
    meanwhile: Spare | None = None,
) -> Drawing:
    """Lay out once and return the requested graphviz formats (png, svg, json).

    Given a planned drawing, its scene and DOT are reused rather than built again.
    dot starts on the planned DOT at once, and `settle` (a render's checks) runs
    while it lays out: when it returns the planned drawing itself (no finding
    marks the picture), that layout is the one drawn; another drawing stops
    that run and is laid out anew. `meanwhile` is done in pieces while dot lays
    out and, what is left of it, while graphviz draws (layout.spare_work).
    A layout graphviz refuses is asked again with fewer constraints (layout.ladder).
    neato, which draws the tidied layout, starts while the layout is tidied.
    """
    planned = arch if isinstance(arch, Drawing) else plan(arch)
    if not formats:
        return settle(planned) if settle is not None else planned
    dot = [program("dot")]  # graphviz missing is told by the program it runs first
    with laying_out(dot, planned.dot, ("json",)) as started:
        final = settle(planned) if settle is not None else planned
        if final is planned:
            return _drawn(final, formats, started, meanwhile)
    return _drawn(final, formats, None, meanwhile)


def _drawn(
    planned: Drawing,
    formats: tuple[str, ...],
    started: Collect | None,
    meanwhile: Spare | None,
) -> Drawing:
    """Lay `planned` out (`started`: dot already runs on its DOT), tidy it and draw it."""
    from archgen.layout.redraw import lay_out_and_draw  # the tidy pass loads while dot works

    rungs: list[str] = []

    def laid_out() -> bytes:
        collect = None if started is None else functools.partial(started, meanwhile)
        laid = lay_out(planned.scene, planned.dot, ("json",), run_dot, collect)
        rungs.append(laid.rung)
        return laid.outputs["json"]

    outputs = lay_out_and_draw(planned.scene, laid_out, formats, meanwhile=meanwhile)
    return planned._replace(outputs=outputs, rung=rungs[0])
