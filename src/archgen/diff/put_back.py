"""The shapes of removed parts, put back as `render` draws them: a bar, one group box.

A removed load balancer is drawn as the bar across its subnets it was, and a
removed Auto Scaling group as one box across its zones, rather than as the
raw icons and per-subnet slots dot lays out: removed parts follow the same
conventions as the rest of the picture, only red and dashed.
"""

from __future__ import annotations

from archgen.layout.scene import Group, Scene


def put_back_shapes(before: Scene, after: Scene, status: dict[str, str]) -> None:
    """Give what was put back its old bar or spanning box; mark the boxes removed."""
    for node, subnets in before.bars.items():
        if status.get(node) == "removed" and node not in after.bars:
            after.bars[node] = subnets
            if node in before.straddle:
                after.straddle.append(node)
    present = {g.id: g for g in _groups(after.cloud)}
    for group in _groups(before.cloud):
        if not group.spans or group.id in present:
            continue
        parent = next((p for p in _groups(before.cloud) if group in p.groups), None)
        if parent is None or parent.id not in present:
            continue
        if all(slot in present for slot in group.spans):
            present[parent.id].groups.append(
                Group(group.id, group.kind, group.label, cell=group.cell, spans=list(group.spans))
            )
            status[group.id] = "removed"


def _groups(group: Group) -> list[Group]:
    return [group, *(g for child in group.groups for g in _groups(child))]
