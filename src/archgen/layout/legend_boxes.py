"""The legend's rows for box colours: what a green or a teal subnet means.

A reader new to the AWS conventions cannot tell that a green box is a
public subnet (its route table sends 0.0.0.0/0 to an internet gateway) and
a teal one a private subnet; the key says so wherever such boxes are drawn.
Each format draws the swatch from `style.GROUPS`, so the key and the boxes
share one colour.
"""

from __future__ import annotations

from archgen.layout import style
from archgen.layout.scene import Group, Scene

PREFIX = "box:"
"""A legend key for a box colour: `box:<group kind>`."""

_MEANINGS = {
    "subnet-public": "public subnet: routes to an internet gateway",
    "subnet-private": "private subnet: no route from the internet",
}


def box_rows(scene: Scene) -> list[tuple[str, str]]:
    """Return a row for each kind of subnet drawn in `scene`, public first."""
    kinds = {group.kind for group in _groups(scene.cloud)}
    return [(PREFIX + kind, text) for kind, text in _MEANINGS.items() if kind in kinds]


def swatch(key: str) -> tuple[str, str] | None:
    """Return the (border, fill) colours of a box key's swatch; None for another key."""
    if not key.startswith(PREFIX):
        return None
    colours = style.GROUPS[key.removeprefix(PREFIX)]
    return colours["color"], colours["fillcolor"]


def _groups(group: Group) -> list[Group]:
    return [group, *(g for child in group.groups for g in _groups(child))]
