"""What is drawn and inside which box: icons, boxes, lines, and the scene that holds them.

A scene is derived from the model alone: `placement` puts each resource in its
box and row, `connections` draws the lines and the legend, and
`drawing.build_scene` does both. These types know nothing of either.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple


class Node(NamedTuple):
    """One icon: a resource, or one copy of it in one subnet."""

    id: str
    resource: str
    type: str
    label: str
    sublabel: str = ""
    subnet: str = ""
    """The subnet this copy is drawn in; "" for a node outside every subnet."""
    shape: str = ""
    """A drawing of its own instead of the type's icon: "eni" for a function's interface."""
    marker: str = ""
    """Rule ids of the errors and warnings on the resource, shown beside its icon."""
    severity: str = ""
    """"error" or "warning": the worst of those findings, which colours the marker."""


@dataclass
class Group:
    """A box: AWS Cloud, Region, VPC, Availability Zone, subnet, Auto Scaling or security group."""

    id: str
    kind: str
    label: str
    nodes: list[str] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    cell: str = ""
    """The id in an editable diagram: the model id for a VPC or subnet, else a derived one."""
    anchor: str = ""
    """An invisible point that pins a subnet to its zone column and tier row."""
    spans: list[str] = field(default_factory=list)
    """The nodes a box is drawn around across zones (an Auto Scaling group), held elsewhere."""
    notes: list[tuple[str, str]] = field(default_factory=list)
    """(icon, text) lines under the label: a subnet's route table and NACL in the network view.

    The icon is `route-table`, `nacl`, or "" for a line that continues the one above.
    """
    marker: str = ""
    """Rule ids of the errors and warnings on what the box is (a subnet, a security group)."""
    severity: str = ""
    """"error" or "warning": the worst of those findings, which colours the marker."""
    note_marks: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Per note icon (`route-table`, `nacl`): the rule ids and worst severity on that part."""


def name_lines(group: Group) -> list[str]:
    """Return the lines of a box's name: a security group's is wrapped by archgen (netview).

    Every other name is the author's text on one line; a line break in it is
    shown as a space, as in every picture.
    """
    return group.label.split("\n") if group.kind == "sg" else [group.label]


class Edge(NamedTuple):
    """A line: a connection (request direction), a DNS alias, replication or a role."""

    id: str
    source: str
    target: str
    kind: str
    label: str = ""
    badges: tuple[str, ...] = ()
    mode: str = "request"
    """A connection's mode (DESIGN.md 7.1): `event` and `poll` lines are one way, drawn dashed."""
    constraint: bool = True
    """Whether the line pulls its ends into rank order; the layout ladder may let it go."""
    label_outside: bool = False
    """Whether the label is placed after the layout (an `xlabel`) rather than ranked with it."""
    box: str = ""
    """The box the line ends at rather than its target's icon: the Auto Scaling group a role's
    instances run in (the target is then one of them, for dot to rank it by)."""
    after_layout: bool = False
    """Whether the line is left out of dot's layout and routed by the tidy pass alone.

    Reads spread over a store's readers would pull the zones apart, and
    change which layout graphviz accepts, for lines that place nothing."""


@dataclass
class Scene:
    """Everything one diagram shows, and the rows that keep tiers aligned across zones."""

    name: str
    title: str
    nodes: dict[str, Node] = field(default_factory=dict)
    outside: list[str] = field(default_factory=list)
    cloud: Group = field(
        default_factory=lambda: Group("cloud", "cloud", "AWS Cloud", cell="aws:cloud")
    )
    edges: list[Edge] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    """Per tier row, the anchors of its subnets in zone order, then their first nodes."""
    stacks: list[tuple[str, str]] = field(default_factory=list)
    """Pairs of anchors one row above the other in the same zone."""
    copies: dict[str, list[str]] = field(default_factory=dict)
    """The nodes drawn for each resource id: one, or one per subnet (`app@app-a`)."""
    above: list[tuple[str, str]] = field(default_factory=list)
    """Pairs (upper, lower) that hold a node above another: an ALB over its subnets' row."""
    straddle: list[str] = field(default_factory=list)
    """Nodes held between two zone columns on a tier row: a load balancer over its zones."""
    bars: dict[str, list[str]] = field(default_factory=dict)
    """A load balancer drawn as a bar across its subnets, by node: the ids of those subnets."""
    beside: list[tuple[str, str]] = field(default_factory=list)
    """Pairs drawn on one row, such as an IAM role next to the resource assuming it."""
    legend: list[tuple[str, str]] = field(default_factory=list)
    """(key, meaning) rows: flow badge prefixes, then the line styles used."""
    interfaces: dict[str, list[str]] = field(default_factory=dict)
    """A function in a VPC: its network interfaces, one per subnet; it is drawn once."""
    overlay: dict[str, dict[str, str]] = field(default_factory=dict)
    """graphviz attributes by node, group or line id that override its style: a diff's colours."""


def path_to(group: Group, node_id: str) -> list[Group]:
    """Return the boxes from `group` down to the one holding `node_id` ([] if none holds it)."""
    return _path_until(group, lambda box: node_id in box.nodes)


def path_to_group(group: Group, group_id: str) -> list[Group]:
    """Return the boxes from `group` down to the box `group_id` ([] if it is not inside)."""
    return _path_until(group, lambda box: box.id == group_id)


def _path_until(group: Group, found: Callable[[Group], bool]) -> list[Group]:
    """Return the boxes from `group` down to the first, depth first, that `found` accepts."""
    if found(group):
        return [group]
    for child in group.groups:
        path = _path_until(child, found)
        if path:
            return [group, *path]
    return []


def walk(group: Group) -> list[Group]:
    """Return `group` and every box inside it, outer boxes first."""
    return [group, *(inner for child in group.groups for inner in walk(child))]
