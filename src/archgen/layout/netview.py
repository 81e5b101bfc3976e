"""The network view: each subnet's route table and NACL, and security groups as boxes.

`render --view network` draws the same scene as the default view, with what
an architect adds for a network review (AWS Architecture Icons conventions):
under each subnet's name its route table with the routes that decide where
traffic leaves (network.subnet_summary, the analysis's own lookup) and its
NACL with what it admits; around the resources of a security group, the red
"Security group" box.

A security group is a set of network interfaces, and an interface sits in
one subnet, so a group whose members are in several subnets is drawn as one
box per subnet, each labelled with the group's name, as AWS reference
diagrams do: one box across zones would cross the zone and subnet borders
and seem to hold whatever lies between. Members with the same groups share
a box; a member in several groups is in a box named after all of them (boxes
nest strictly, so two overlapping boxes cannot both be drawn). Inside an Auto
Scaling group the box sits around the instance, within the group's box.
"""

from __future__ import annotations

import textwrap

from archgen.layout.groups import BOX_NAMES, SLOT
from archgen.layout.legend_boxes import box_rows
from archgen.layout.scene import Group, Scene
from archgen.model.architecture import Architecture
from archgen.network.subnet_summary import summarise

_WRAPPED = ("vpc", "az", "subnet-public", "subnet-private", SLOT, *BOX_NAMES)
"""Boxes whose icons may be members of a security group (and the boxes that hold those)."""

_NOTE_WIDTH = 30
"""Characters of a route or NACL line before it wraps, at the notes' own font size."""
_NAME_WIDTH = 14
"""Characters of a security group box's name before it wraps: "Importer / security group"."""


def network_view(arch: Architecture, scene: Scene) -> None:
    """Add route tables, NACLs and security-group boxes to `scene`, in place.

    The legend gains the row of the security-group box once one is drawn.
    """
    for region in scene.cloud.groups:
        for vpc in region.groups:
            if vpc.kind == "vpc":
                _annotate(arch, vpc)
                _wrap(arch, scene, vpc)
                _see_through(scene, vpc)
    scene.legend += [row for row in box_rows(scene) if row not in scene.legend]


def _see_through(scene: Scene, vpc: Group) -> None:
    """Let a box across zones (Auto Scaling group, ECS service) show the boxes it is drawn over.

    Drawn after the zones, its white inside would hide the instances' boxes.
    """
    for group in vpc.groups:
        if group.kind in BOX_NAMES and group.spans:
            scene.overlay.setdefault(group.id, {})["bgcolor"] = "transparent"


def _annotate(arch: Architecture, group: Group) -> None:
    """Write each subnet's route table and NACL under its name."""
    if group.kind.startswith("subnet"):
        group.notes = subnet_notes(arch, group.cell)
    for child in group.groups:
        _annotate(arch, child)


def subnet_notes(arch: Architecture, subnet_id: str) -> list[tuple[str, str]]:
    """Return the (icon, text) lines of a subnet: its route table and routes, its NACL's rules.

    The table's name leads its first route, the ACL's its inbound rules;
    outbound rules follow, since a reply is refused there as often as a
    request inbound. Lines wrap narrow: a subnet stays one zone wide, and
    the notes' text stays large enough to read once the picture is shrunk.
    """
    summary = summarise(arch, subnet_id)
    notes = _lines("route-table", f"{summary.table}: {summary.routes[0]}")
    for route in summary.routes[1:]:
        notes += _lines("", route)
    notes += _lines("nacl", f"{summary.nacl}: in {summary.admits}")
    return notes + _lines("", f"out {summary.sends}")


def _lines(icon: str, text: str) -> list[tuple[str, str]]:
    """Wrap one note; only its first line carries the icon."""
    lines = textwrap.wrap(text, _NOTE_WIDTH, break_on_hyphens=False) or [""]
    return [(icon if index == 0 else "", line) for index, line in enumerate(lines)]


def _wrap(arch: Architecture, scene: Scene, group: Group) -> None:
    """Put the icons of `group` (and of the boxes in it) into their security groups' boxes."""
    for child in group.groups:
        if child.kind in _WRAPPED:
            _wrap(arch, scene, child)
    boxes: dict[tuple[str, ...], Group] = {}
    kept: list[str] = []
    for node_id in group.nodes:
        key = arch.security_groups_of(scene.nodes[node_id].resource)
        if not key:
            kept.append(node_id)
            continue
        if key not in boxes:
            boxes[key] = _box(arch, key, group)
        boxes[key].nodes.append(node_id)
    if group.kind == "vpc":  # a load balancer straddles its zones: its box is drawn round it
        for box in boxes.values():
            box.spans, box.nodes = box.nodes, []
        kept = list(group.nodes)
    group.nodes = kept
    group.groups.extend(boxes.values())


def _wrapped_name(name: str) -> str:
    """Return a box's name in lines of `_NAME_WIDTH`, "security group" kept on one line.

    A box as wide as its name on one line widened each zone of the capstone
    by a third; "App" over "security group" reads as the AWS console names it.
    """
    kept = name.replace("security group", _KEPT)
    lines = textwrap.wrap(kept, _NAME_WIDTH, break_on_hyphens=False, break_long_words=False)
    return "\n".join(line.replace(_KEPT, "security group") for line in lines)


_KEPT = "security\u00a0group"
"""The words "security group" joined by a no-break space while the name is wrapped."""


def _box(arch: Architecture, key: tuple[str, ...], holder: Group) -> Group:
    """Return an empty security-group box for the groups `key`, inside `holder`."""
    written = " + ".join(arch.resource(group_id).display_name for group_id in key)
    names = " ".join(written.split())  # the author's line breaks read as spaces: name_lines
    if holder.kind != "vpc":  # a bar's box names it in one line over the bar
        names = _wrapped_name(names)
    where = holder.id.replace(":", "/")
    joined = "+".join(key)
    return Group(f"sg:{joined}@{where}", "sg", names, cell=f"{joined}@{where}")
