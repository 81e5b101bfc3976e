"""The legend's rows for boxes: what a green or a teal subnet, or a dashed box, means.

A reader new to the AWS conventions cannot tell that a green box is a
public subnet (its route table sends 0.0.0.0/0 to an internet gateway) and
a teal one a private subnet, nor what the dashed blue and dashed orange
boxes are; the key says so wherever such boxes are drawn. Each format draws
the swatch from `style.GROUPS`, so the key and the boxes share one colour
and one border.
"""

from __future__ import annotations

from typing import NamedTuple

from archgen.layout import style
from archgen.layout.scene import Group, Scene

PREFIX = "box:"
"""A legend key for a box colour: `box:<group kind>`."""

_MEANINGS = {
    "subnet-public": "public subnet: routes to an internet gateway",
    "subnet-private": "private subnet: no route from the internet",
    "az": "Availability Zone: isolated location",
    "asg": "Auto Scaling group: its instances",
    "ecs-service": "ECS service: its running tasks",
    "sg": "security group: admits traffic to what it holds",
}


def box_rows(scene: Scene) -> list[tuple[str, str]]:
    """Return a row for each kind of box in the key drawn in `scene`, subnets first."""
    kinds = {group.kind for group in _groups(scene.cloud)}
    return [(PREFIX + kind, text) for kind, text in _MEANINGS.items() if kind in kinds]


class Swatch(NamedTuple):
    """The small box a legend row draws: the border and fill of the boxes it explains."""

    border: str
    fill: str
    dashed: bool


def swatch(key: str) -> Swatch | None:
    """Return the swatch of a box key; None for another key. An unfilled box shows white."""
    if not key.startswith(PREFIX):
        return None
    colours = style.GROUPS[key.removeprefix(PREFIX)]
    dashed = colours.get("style") == "dashed"
    return Swatch(colours["color"], colours.get("fillcolor", "#FFFFFF"), dashed)


def _groups(group: Group) -> list[Group]:
    return [group, *(g for child in group.groups for g in _groups(child))]
