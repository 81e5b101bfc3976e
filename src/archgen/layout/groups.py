"""Boxes that span zones: an Auto Scaling group or an ECS service drawn once across its subnets.

AWS draws one Auto Scaling group as one dashed box across the zones it spans,
with an instance in each subnet; an ECS service the same way, around a task
in each subnet. A box per subnet reads as several groups.
"""

from __future__ import annotations

import itertools

from archgen.layout.scene import Group, Scene

BOX_NAMES = {"asg": "Auto Scaling group", "ecs-service": "ECS service"}
"""The name written on each kind of box (`Boxed.box`) that holds a resource's copies."""

SLOT = "asg-slot"
"""The kind of one zone's share of a box across zones: dot lays it out, the box is drawn."""


def box_title(kind: str, label: str) -> str:
    """Return the title of a box of `kind` around a resource labelled `label`.

    Two services in the same subnets drawn as two boxes both titled "ECS
    service" cannot be told apart, so the title names the resource too:
    "ECS service: Orders service". The label adds nothing when there is none
    (the icons inside show the id already) or when it names the kind itself;
    then the title is the kind alone, or the label alone if it says more.
    """
    name = " ".join(label.split())
    kind_name = BOX_NAMES[kind]
    if not name or name.casefold() == kind_name.casefold():
        return kind_name
    if kind_name.casefold() in name.casefold():
        return name
    return f"{kind_name}: {name}"


def box_group(kind: str, node_id: str, label: str = "") -> Group:
    """Return the box of `kind` around one copy of a resource labelled `label`, in its subnet."""
    return Group(
        f"{kind}:{node_id}",
        kind,
        box_title(kind, label),
        nodes=[node_id],
        cell=f"{node_id}/group",
    )


def span_groups(vpc: Group, scene: Scene) -> None:
    """Draw a boxed resource in several zones as one box across them (AWS convention).

    dot lays out a slot per subnet around its instance or task; the tidy pass
    turns each one to the side of its subnet that faces the next zone and
    draws one box over the slots, so the box covers those copies alone.
    """
    parts: dict[str, list[Group]] = {}
    for zone in vpc.groups:
        for subnet in zone.groups:
            for child in subnet.groups:
                if child.kind in BOX_NAMES:
                    parts.setdefault(scene.nodes[child.nodes[0]].resource, []).append(child)
    for resource, slots in parts.items():
        if len(slots) < 2:
            continue
        kind = slots[0].kind
        for slot in slots:
            slot.kind = SLOT
        spans = [slot.id for slot in slots]
        vpc.groups.append(
            Group(
                f"{kind}:{resource}",
                kind,
                slots[0].label,
                cell=f"{resource}/group",
                spans=spans,
            )
        )
    _stack_slots(vpc, scene)


def _stack_slots(vpc: Group, scene: Scene) -> None:
    """Hold the slots of boxes across zones that share a subnet one under the other.

    Two ECS services in the same subnets, side by side, would each draw a
    box from its task in one zone to its task in the next, over the other
    service's task between them; a row each keeps every box a band of its own.
    """
    for zone in vpc.groups:
        for subnet in zone.groups:
            leads = [child.nodes[0] for child in subnet.groups if child.kind == SLOT]
            scene.above += list(itertools.pairwise(leads))


def box_ids(resource: str) -> tuple[str, ...]:
    """Return the ids a box drawing the whole of `resource` may have, in one zone or across.

    A resource boxed in one subnet keeps the same id as its box across zones
    (`box_group`), so what marks or joins the whole group finds one box either way.
    """
    return tuple(f"{kind}:{resource}" for kind in BOX_NAMES)
