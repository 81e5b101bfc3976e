"""A box across zones drawn on top of every subnet it crosses, whatever order graphviz keeps.

`neato -n2` draws sibling clusters in the order of their internal ids, which
follow where graphviz happened to store their names, not the order of the
DOT: a box across zones drawn at the VPC's level may come before a zone,
whose subnets then paint over its border and half of it goes missing. A
box nested in a subnet is always drawn after that subnet, so the box is drawn
once inside each subnet it crosses, at its full size and without a fill:
whichever zone comes last, its copy completes the box. Every copy carries
the name at the same place: a long title ("ECS service: Orders service")
runs on into the next zone, whose subnet covers it unless that zone's copy
draws it again.
"""

from __future__ import annotations

from collections.abc import Callable

from archgen.layout import style
from archgen.layout.dot_writer import DotGraph
from archgen.layout.groups import BOX_NAMES
from archgen.layout.laid import Laid, rect_text
from archgen.layout.scene import Group, Scene


def drawn_over_slots(group: Group) -> bool:
    """Tell whether a box is drawn over its slots (in their subnets) rather than where it sits."""
    return bool(group.spans) and group.kind in BOX_NAMES


def draw_over_slot(
    graph: DotGraph,
    slot: Group,
    scene: Scene,
    at: Laid,
    label: Callable[[Group], str],
) -> None:
    """Draw the box across zones that `slot` is one zone's share of, inside the slot's subnet."""
    owner = span_owner(scene.cloud, slot.id)
    if owner is None or f"cluster_{owner.id}" not in at.clusters:
        return
    index = owner.spans.index(slot.id)
    name = f"cluster_{owner.id}" + (f"~{index}" if index else "")
    attrs = {**style.GROUPS.get(owner.kind, {}), **scene.overlay.get(owner.id, {})}
    with graph.subgraph(name=name) as box:
        box.attr(
            label=label(owner),
            labeljust="l",
            fontname=style.FONT,
            fontsize=style.FONT_SIZES["group"],
            margin="12",
            bb=rect_text(at.clusters[f"cluster_{owner.id}"]),
            **{**attrs, "bgcolor": "transparent"},
        )


def span_owner(group: Group, slot: str) -> Group | None:
    """Return the box across zones whose slots include `slot`."""
    if slot in group.spans and drawn_over_slots(group):
        return group
    for child in group.groups:
        found = span_owner(child, slot)
        if found is not None:
            return found
    return None
