"""The retry ladder: when graphviz refuses a layout, ask again with fewer constraints.

graphviz's `dot` aborts on some combinations of clusters, `rank=same` groups
and edges that a valid design can produce (`trouble in init_rank`, a
`merge_chain` assertion, a failed spline triangulation). A scene states two
kinds of things: what the picture shows (every icon, box, line and label) and
hints for where it goes (labels ranked with their lines, tier rows, zone
columns, an ALB over its subnets, a role beside its holder, lines pulling
their ends into rank order). Each rung below drops more of the hints and none
of the picture, so whichever rung graphviz
accepts draws every resource in its box and every line between its ends.

The ladder is climbed in a fixed order, and graphviz's answer for a given
source is the same on every run, so the rung used, and the bytes drawn, depend
on the design and the graphviz release alone: never on time, load or machine.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import NamedTuple

from archgen.errors import LayoutRefused, RenderError
from archgen.layout.dot import build_dot
from archgen.layout.scene import Scene

Relax = Callable[[Scene], Scene]


def _as_is(scene: Scene) -> Scene:
    return scene


def _outside_labels(scene: Scene) -> Scene:
    """Place line labels after the layout: a label ranked with a line along a row is lost.

    graphviz makes a label a node of its own between the line's ends; on a line
    whose ends share a rank (a database's replication between zones of one tier
    row) that node is what `trouble in init_rank` reports lost. An `xlabel`
    takes no part in ranking and is placed beside the line afterwards.
    """
    edges = [edge._replace(label_outside=True) for edge in scene.edges]
    return dataclasses.replace(scene, edges=edges)


def _no_hints(scene: Scene) -> Scene:
    """Also drop the placement hints: an ALB over its subnets' row, a role beside its holder."""
    return dataclasses.replace(_outside_labels(scene), above=[], beside=[])


def _no_rows(scene: Scene) -> Scene:
    """Also drop the `rank=same` tier rows; each zone still stacks its subnets in tier order."""
    return dataclasses.replace(_no_hints(scene), rows=[])


def _free_lines(scene: Scene) -> Scene:
    """Also let no line pull its ends into rank order (`constraint=false`)."""
    loose = _no_rows(scene)
    edges = [edge._replace(constraint=False) for edge in loose.edges]
    return dataclasses.replace(loose, edges=edges)


def _boxes_only(scene: Scene) -> Scene:
    """Also drop the stacking of a zone's subnets: only the nesting of the boxes is left."""
    return dataclasses.replace(_free_lines(scene), stacks=[])


class Rung(NamedTuple):
    """One way of asking graphviz for a layout: the scene relaxed, graph attributes set."""

    name: str
    relax: Relax
    graph: tuple[tuple[str, str], ...] = ()
    """Graph attributes stated after everything else, where they override the first ones."""

    def source(self, scene: Scene) -> str:
        """Return the DOT source of `scene` asked for on this rung."""
        dot = build_dot(self.relax(scene))
        if not self.graph:
            return dot
        end = dot.rstrip().rfind("}")
        attrs = " ".join(f'{key}="{value}"' for key, value in self.graph)
        return f"{dot[:end]}\tgraph [{attrs}]\n{dot[end:]}"


RUNGS: tuple[Rung, ...] = (
    Rung("full", _as_is),
    Rung("outside-labels", _outside_labels),
    Rung("no-placement-hints", _no_hints),
    Rung("no-tier-rows", _no_rows),
    Rung("free-lines", _free_lines),
    Rung("boxes-only", _boxes_only),
    Rung("classic-ranking", _boxes_only, (("newrank", "false"), ("splines", "polyline"))),
)
"""The rungs, from the picture as designed to the nesting of boxes alone; each draws it all."""

Run = Callable[[str, tuple[str, ...]], dict[str, bytes]]
"""Lay a DOT source out and return each format's bytes (layout.run.run_dot)."""


class Laid(NamedTuple):
    """graphviz's outputs, and the rung they were laid out on."""

    outputs: dict[str, bytes]
    rung: str


def lay_out(
    scene: Scene,
    first_source: str,
    formats: tuple[str, ...],
    run: Run,
    started: Callable[[], dict[str, bytes]] | None = None,
) -> Laid:
    """Lay `scene` out on the first rung graphviz accepts; `first_source` is the full DOT.

    `started` collects a run of `first_source` started earlier (layout.run.laying_out),
    which then stands for the first rung's.
    Only a refusal of the layout (LayoutRefused) moves down a rung; any other
    failure, such as graphviz missing, is no matter of constraints and stops.
    """
    for rung in RUNGS:
        source = first_source if rung is RUNGS[0] else rung.source(scene)
        try:
            if started is not None and rung is RUNGS[0]:
                return Laid(started(), rung.name)
            return Laid(run(source, formats), rung.name)
        except LayoutRefused:
            continue
    raise RenderError(
        f"graphviz refused all {len(RUNGS)} layouts archgen asks for, down to the boxes "
        "alone: please report this design to archgen"
    )
