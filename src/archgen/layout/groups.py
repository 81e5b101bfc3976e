"""Boxes that span zones: an Auto Scaling group drawn once across its subnets.

AWS draws one Auto Scaling group as one dashed box across the zones it spans,
with an instance in each subnet; a box per subnet reads as several groups.
"""

from __future__ import annotations

from archgen.layout.scene import Group, Scene


def span_groups(vpc: Group, scene: Scene) -> None:
    """Draw an Auto Scaling group in several zones as one box across them (AWS convention).

    dot lays out a slot per subnet around its instance; the tidy pass turns
    each instance to the side of its subnet that faces the next zone and
    draws one box over the slots, so the box covers the instances alone.
    """
    parts: dict[str, list[Group]] = {}
    for zone in vpc.groups:
        for subnet in zone.groups:
            for child in subnet.groups:
                if child.kind == "asg":
                    parts.setdefault(scene.nodes[child.nodes[0]].resource, []).append(child)
    for resource, slots in parts.items():
        if len(slots) < 2:
            continue
        for slot in slots:
            slot.kind = "asg-slot"
        spans = [slot.id for slot in slots]
        vpc.groups.append(
            Group(
                asg_box(resource),
                "asg",
                "Auto Scaling group",
                cell=f"{resource}/group",
                spans=spans,
            )
        )


def asg_box(resource: str) -> str:
    """Return the id of the box an Auto Scaling group is drawn as, in one zone or across.

    A group in one subnet is boxed there under the same id (`placement`), so
    what marks or joins the whole group finds one box either way.
    """
    return f"asg:{resource}"
