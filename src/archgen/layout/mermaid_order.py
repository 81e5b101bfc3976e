"""Invisible links that keep a Mermaid flowchart's tiers in the PNG's order.

graphviz is held to tier rows by the scene's anchors (`Scene.stacks`,
`Scene.above`); Mermaid has no anchors, so a subnet holding nothing but a NAT
gateway drifts anywhere in its zone. An invisible link (`~~~`) from a node of
the upper subnet to a node of the lower one gives Mermaid the same order, and
the load balancer and internet gateway their place above the subnets.
"""

from __future__ import annotations

from archgen.layout.scene import Group, Scene


def order_links(scene: Scene) -> list[tuple[str, str]]:
    """Return (upper, lower) node pairs, each to be drawn as an invisible link."""
    first = _first_nodes(scene.cloud)
    pairs: list[tuple[str, str]] = []
    for upper, lower in [*scene.stacks, *scene.above]:
        top, bottom = first.get(upper, upper), first.get(lower, lower)
        if top in scene.nodes and bottom in scene.nodes and (top, bottom) not in pairs:
            pairs.append((top, bottom))
    return pairs


def _first_nodes(group: Group) -> dict[str, str]:
    """Return, for each subnet's anchor, the first node drawn in that subnet."""
    found: dict[str, str] = {}
    nodes = _all_nodes(group)
    if group.anchor and nodes:
        found[group.anchor] = nodes[0]
    for child in group.groups:
        found |= _first_nodes(child)
    return found


def _all_nodes(group: Group) -> list[str]:
    return [*group.nodes, *(n for child in group.groups for n in _all_nodes(child))]
