"""The picture of a change: the new design's scene, with what left put back where it was.

Every node, box and line is given a status: `added`, `removed`, `changed` or
`same`. The new design is laid out as it is; a removed resource is placed in
the box it had (its subnet, zone or VPC, recreated when the box left too), and
a removed line joins whatever of its ends is still drawn. Removed things are
not held to the tier rows and their lines pull on nothing (constraint=false),
so the rest of the picture keeps the new design's layout.

The Mermaid picture and the graphviz one (PNG, SVG) both read this value.
"""

from __future__ import annotations

from dataclasses import dataclass

from archgen.diff.compare import links
from archgen.diff.model import ArchitectureDiff, Link
from archgen.diff.put_back import put_back_shapes
from archgen.layout.drawing import build_scene
from archgen.layout.scene import Edge, Group, Node, Scene, path_to
from archgen.model.architecture import Architecture
from archgen.model.resources.network import Subnet

STATUSES = ("added", "removed", "changed", "same")
"""What a change did to a node, box or line; `same` is the rest, drawn grey."""


UNDRAWN_FIELDS = {"why"}
"""Fields no picture shows: an edit to them alone is listed, not coloured."""


@dataclass(frozen=True)
class ChangePicture:
    """The scene to draw and each of its ids' status (nodes, groups and lines)."""

    scene: Scene
    status: dict[str, str]


def change_picture(diff: ArchitectureDiff) -> ChangePicture:
    """Return the new design's scene with the change marked and the removed parts put back."""
    before = build_scene(diff.before) if diff.before else None
    if before is not None and diff.after is None:
        return _all_removed(before)
    after = (
        build_scene(diff.after) if diff.after else Scene(diff.name, before.title if before else "")
    )
    status: dict[str, str] = {}
    _mark_after(diff, after, before, status)
    _mark_new_flows(set(diff.flows.added), after)
    if before is not None:
        _put_back_nodes(before, after, status)
        put_back_shapes(before, after, status)
        _keep_old_order(before, after, status)
        _put_back_edges(diff, before, after, status)
    return ChangePicture(after, status)


def _all_removed(before: Scene) -> ChangePicture:
    """Return a deleted design as it was drawn, every part of it removed.

    Nothing stays to lay out around, so the old layout is the picture: its
    zones in their order, its empty public subnets, its rows.
    """
    status = dict.fromkeys(before.nodes, "removed")
    status |= dict.fromkeys((group.id for group in _groups(before.cloud)), "removed")
    status |= dict.fromkeys((edge.id for edge in before.edges), "removed")
    return ChangePicture(before, status)


def _mark_after(
    diff: ArchitectureDiff, after: Scene, before: Scene | None, status: dict[str, str]
) -> None:
    """Mark what the new design shows: its new and edited resources, new lines and boxes."""
    added = {rid for rid, _ in diff.resources.added}
    changed = {item.id for item in diff.resources.changed if set(item.fields) - UNDRAWN_FIELDS}
    for node in after.nodes.values():
        in_added, in_changed = node.resource in added, node.resource in changed
        status[node.id] = "added" if in_added else "changed" if in_changed else "same"
    old_groups = {g.id for g in _groups(before.cloud)} if before else set()
    for group in _groups(after.cloud):
        new_box = before is not None and group.id not in old_groups
        status[group.id] = "added" if new_box or group.cell in added else "same"
    if diff.after is not None:
        _mark_guarded(diff, diff.after, after, added | changed, status)
    link_of = _links_by_index(diff, after=True)
    new_links = set(diff.connections.added)
    edited_links = {item.link for item in diff.connections.changed}
    for edge in after.edges:
        link = link_of.get(_index(edge))
        ends_added = {after.nodes[end].resource for end in _ends(edge, after)} & added
        is_new = link in new_links if link is not None else bool(ends_added)
        status[edge.id] = "added" if is_new else "changed" if link in edited_links else "same"
    _mark_reach(diff, after, link_of, status)


NEW_FLOW = "+"
"""Marks a new flow's badges and its key: `+C1`, `+C: name (new flow)`."""


def _mark_new_flows(added: set[str], after: Scene) -> None:
    """Mark the badges of each flow the change adds, and their key in the legend.

    A new flow often follows lines that were already there: its badges are
    then all that is new on them.
    """
    prefixes = []
    for number, (key, meaning) in enumerate(after.legend):
        if key.startswith("line:") or meaning not in added:
            continue
        prefixes.append("" if key[:1].isdigit() else key)  # one flow's badges are bare numbers
        after.legend[number] = (NEW_FLOW + key, f"{meaning} (new flow)")
    if not prefixes:
        return
    for number, edge in enumerate(after.edges):
        badges = tuple(
            NEW_FLOW + badge if any(_of_flow(badge, prefix) for prefix in prefixes) else badge
            for badge in edge.badges
        )
        if badges != edge.badges:
            after.edges[number] = edge._replace(badges=badges)


def _of_flow(badge: str, prefix: str) -> bool:
    """Tell whether a badge (`C1`, or `1` in a design of one flow) is a step of that flow."""
    return badge.startswith(prefix) and badge[len(prefix) :].isdigit()


def _mark_reach(
    diff: ArchitectureDiff, after: Scene, link_of: dict[int, Link], status: dict[str, str]
) -> None:
    """Mark a kept connection the change blocked or unblocked: its line is what a reviewer reads.

    The edit behind it (a NACL rule, a security group) is often drawn nowhere,
    so the line turns amber and its words say which way the verdict went.
    """
    verdicts = {reach.link: "now blocked" for reach in diff.behaviour.reach_closed}
    verdicts |= {reach.link: "now reachable" for reach in diff.behaviour.reach_opened}
    for number, edge in enumerate(after.edges):
        link = link_of.get(_index(edge))
        if link not in verdicts or status[edge.id] != "same":
            continue
        status[edge.id] = "changed"
        if edge.label:
            after.edges[number] = edge._replace(label=f"{edge.label} ({verdicts[link]})")


def _mark_guarded(
    diff: ArchitectureDiff,
    arch: Architecture,
    after: Scene,
    edited: set[str],
    status: dict[str, str],
) -> None:
    """Show an edit to what is not drawn (NACL, route table, security group) on what it guards.

    A subnet whose NACL or route table was added or changed, and a resource whose
    security group was, are marked changed: the box or icon a reviewer looks at.
    """
    hidden = {rid for rid in edited if rid not in after.copies}
    for subnet in arch.resources_of(Subnet):
        if {subnet.nacl, subnet.route_table} & hidden and status.get(
            f"subnet:{subnet.id}"
        ) == "same":
            status[f"subnet:{subnet.id}"] = "changed"
    for resource_id, resource in arch.resources.items():
        if set(getattr(resource, "security_groups", None) or ()) & hidden:
            for copy in after.copies.get(resource_id, []):
                if status.get(copy) == "same":
                    status[copy] = "changed"


def _put_back_nodes(before: Scene, after: Scene, status: dict[str, str]) -> None:
    """Draw each node the old design had and the new lacks, in the box it was in."""
    for node_id, node in before.nodes.items():
        if node_id in after.nodes:
            continue
        path = path_to(before.cloud, node_id)
        box = path[-1].id if path else None
        if box is not None and any(_holds(after, box, copy) for copy in _copies(after, node)):
            continue  # the resource is still drawn in that box, under another id
        after.nodes[node_id] = node
        status[node_id] = "removed"
        if not path:
            after.outside.append(node_id)
            continue
        parent = after.cloud
        for group in path[1:]:
            parent = _find(after.cloud, group.id) or _recreate(parent, group, status)
        parent.nodes.append(node_id)


def _copies(after: Scene, node: Node) -> list[str]:
    return after.copies.get(node.resource, [])


def _holds(scene: Scene, group_id: str, node_id: str) -> bool:
    group = _find(scene.cloud, group_id)
    return group is not None and node_id in _all_nodes(group)


def _recreate(parent: Group, old: Group, status: dict[str, str]) -> Group:
    """Add an empty copy of a box the new design lacks; it holds only what left with it."""
    box = Group(old.id, old.kind, old.label, cell=old.cell, anchor=old.anchor)
    parent.groups.append(box)
    status[box.id] = "removed"
    return box


def _keep_old_order(before: Scene, after: Scene, status: dict[str, str]) -> None:
    """Hold what left wholly (a VPC, a zone) in its old rows and columns, among itself alone.

    Only constraints between removed nodes and the anchors of removed boxes are
    kept, so nothing that stayed is pulled out of the new design's layout.
    """
    gone = {key for key, value in status.items() if value == "removed"}
    gone |= {g.anchor for g in _groups(after.cloud) if g.id in gone and g.anchor}
    after.rows += [row for row in before.rows if row and set(row) <= gone]
    after.stacks += [pair for pair in before.stacks if set(pair) <= gone]
    after.above += [pair for pair in before.above if set(pair) <= gone]


def _put_back_edges(
    diff: ArchitectureDiff, before: Scene, after: Scene, status: dict[str, str]
) -> None:
    """Draw each removed connection, and each old line to a removed node, between what is drawn."""
    link_of = _links_by_index(diff, after=False)
    gone = set(diff.connections.removed)
    for edge in before.edges:
        link = link_of.get(_index(edge))
        removed_link = link is not None and link in gone
        to_removed = any(status.get(end) == "removed" for end in (edge.source, edge.target))
        if not (removed_link or (link is None and to_removed)):
            continue
        source, target = _end(edge.source, before, after), _end(edge.target, before, after)
        if source is None or target is None:
            continue
        moved = edge._replace(
            id=f"removed:{edge.id}", source=source, target=target, badges=()
        )  # its old step numbers would read as the new flows'; the words stay
        after.edges.append(moved)
        status[moved.id] = "removed"


def _end(node_id: str, before: Scene, after: Scene) -> str | None:
    """Return where an old line's end is drawn now: the node itself, or its resource's copy."""
    if node_id in after.nodes:
        return node_id
    copies = after.copies.get(before.nodes[node_id].resource, []) if node_id in before.nodes else []
    return copies[0] if copies else None


def _links_by_index(diff: ArchitectureDiff, *, after: bool) -> dict[int, Link]:
    arch = diff.after if after else diff.before
    return {index: link for link, index in links(arch).items()}


def _index(edge: Edge) -> int:
    """Return the connection index of a connection's line (`c3:a>b`), or -1 for another line."""
    head = edge.id.split(":", 1)[0]
    return int(head[1:]) if edge.kind != "role" and head[:1] == "c" and head[1:].isdigit() else -1


def _ends(edge: Edge, scene: Scene) -> list[str]:
    return [end for end in (edge.source, edge.target) if end in scene.nodes]


def _find(group: Group, group_id: str) -> Group | None:
    return next((found for found in _groups(group) if found.id == group_id), None)


def _groups(group: Group) -> list[Group]:
    return [group, *(g for child in group.groups for g in _groups(child))]


def _all_nodes(group: Group) -> list[str]:
    return [*group.nodes, *(n for child in group.groups for n in _all_nodes(child))]
