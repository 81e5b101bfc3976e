"""Boxes across zones that share a subnet, staggered so each one's lines have a lane of their own.

Two ECS services in the same subnets are drawn as two bands, one under the
other (`groups`); dot stands their tasks in one column, and the lines into
both tasks and out of both (from the load balancer, to the NAT gateway) then
run as one rope, with no room left for their labels. An architect steps the
lower task aside, so every line reaches its own task in a lane of its own.
"""

from __future__ import annotations

import math

from archgen.layout.groups import SLOT
from archgen.layout.laid import Laid, Rect, open_column
from archgen.layout.scene import Group

_GAP = 24.0
"""Points between one staggered slot's right side and the next one's left side."""
_INSET = 8.0
"""Points a staggered slot keeps from its subnet's right side."""


def stagger_slots(laid: Laid, subnets: list[Group]) -> None:
    """Step each subnet's lower slots right, each icon clear of the icons above it.

    The subnet widens where it has no room (its zone follows; `mirror_rows`
    then widens the other zones to match).
    """
    for subnet in subnets:
        slots = [c for c in subnet.groups if c.kind == SLOT and f"cluster_{c.id}" in laid.clusters]
        if len(slots) < 2 or f"cluster_{subnet.id}" not in laid.clusters:
            continue
        slots.sort(key=lambda s: -laid.clusters[f"cluster_{s.id}"][3])  # top first (y is up)
        edge = _icons_right(laid, slots[0])
        for slot in slots[1:]:
            dx = edge + _GAP - _icons_left(laid, slot)
            if dx > 0:
                _make_room(laid, subnet, laid.clusters[f"cluster_{slot.id}"][2] + dx)
                _shift(laid, slot, dx)
            edge = _icons_right(laid, slot)


def _make_room(laid: Laid, subnet: Group, right: float) -> None:
    """Widen `subnet` (and what holds it) so that a box reaching `right` fits inside it."""
    edge = laid.clusters[f"cluster_{subnet.id}"][2]
    short = right + _INSET - edge
    if short > 0:
        open_column(laid, edge - 0.01, short)


def _icons_left(laid: Laid, slot: Group) -> float:
    return min(
        (laid.nodes[n][0] for g in _all(slot) for n in g.nodes if n in laid.nodes), default=math.inf
    )


def _icons_right(laid: Laid, slot: Group) -> float:
    return max(
        (laid.nodes[n][2] for g in _all(slot) for n in g.nodes if n in laid.nodes),
        default=-math.inf,
    )


def _shift(laid: Laid, slot: Group, dx: float) -> None:
    """Move a slot, its icons and the boxes inside it `dx` points to the right."""
    for group in _all(slot):
        name = f"cluster_{group.id}"
        if name in laid.clusters:
            laid.clusters[name] = _moved(laid.clusters[name], dx)
        for node in group.nodes:
            if node in laid.nodes:
                laid.move(node, dx)


def _moved(box: Rect, dx: float) -> Rect:
    return (box[0] + dx, box[1], box[2] + dx, box[3])


def _all(group: Group) -> list[Group]:
    return [group, *(g for child in group.groups for g in _all(child))]
