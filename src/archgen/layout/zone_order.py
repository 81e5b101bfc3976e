"""Availability Zone columns in name order: 1a left of 1b, in every VPC and every view.

dot orders clusters to cross fewer lines, and a line from zone b of one VPC
to zone a of another can swap a VPC's columns, though its tier rows chain
the zones in order. After the zones are given one width (tidy.mirror_rows),
the columns change places here: each zone, with every icon and box in it,
moves to the slot its name's rank gives, and the lines at what moved are
routed again.
"""

from __future__ import annotations

from archgen.layout.laid import Laid, Rect
from archgen.layout.scene import Group


def order_zones(laid: Laid, vpcs: list[Group]) -> None:
    """Move each VPC's zone columns into name order, keeping the slots dot gave them."""
    for vpc in vpcs:
        zones = [z for z in vpc.groups if z.kind == "az" and f"cluster_{z.id}" in laid.clusters]
        slots = sorted(laid.clusters[f"cluster_{z.id}"][0] for z in zones)
        by_name = sorted(zones, key=lambda z: z.label)
        moves = [
            (laid.clusters[f"cluster_{zone.id}"], slot - laid.clusters[f"cluster_{zone.id}"][0])
            for zone, slot in zip(by_name, slots, strict=True)
        ]
        if any(dx for _, dx in moves):
            _shift(laid, [(box, dx) for box, dx in moves if dx])


def _shift(laid: Laid, moves: list[tuple[Rect, float]]) -> None:
    """Move everything inside each zone's box (as it was) sideways by its zone's distance."""
    nodes = {name: _home(box, moves) for name, box in laid.nodes.items()}
    clusters = {name: _home(box, moves) for name, box in laid.clusters.items()}
    for name, dx in nodes.items():
        if dx:
            laid.move(name, dx)
    for name, dx in clusters.items():
        if dx:
            left, bottom, right, top = laid.clusters[name]
            laid.clusters[name] = (left + dx, bottom, right + dx, top)


def _home(box: Rect, moves: list[tuple[Rect, float]]) -> float:
    """Return how far a box moves: its zone's distance, or 0 outside every moving zone."""
    for zone, dx in moves:
        if all(zone[i] - 0.5 <= box[i] for i in (0, 1)) and all(
            box[i] <= zone[i] + 0.5 for i in (2, 3)
        ):
            return dx
    return 0.0
