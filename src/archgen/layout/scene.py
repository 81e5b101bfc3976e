"""What is drawn and inside which box, derived from the model alone.

The scene follows the AWS Architecture Icons conventions: clients outside the
AWS Cloud box; global services in it; regional services in the Region box; in
each VPC one column per Availability Zone and one row per subnet tier, in the
same order in every zone. Multi-subnet resources are expanded: an Auto Scaling
group or a VPC Lambda shows one instance per subnet, a Multi-AZ database its
primary and standby. Ids come from the model (an expanded copy is `id@subnet`).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from archgen.model.architecture import Architecture
from archgen.model.flows import flow_badges, flow_letter
from archgen.model.resources.data import Rds
from archgen.model.resources.edge import Route53
from archgen.model.resources.facts import Drawn
from archgen.model.resources.network import Subnet, Vpc
from archgen.model.resources.services import IamRole
from archgen.model.types import TIERS


@dataclass(frozen=True)
class Node:
    """One icon: a resource, or one copy of it in one subnet."""

    id: str
    resource: str
    type: str
    label: str
    sublabel: str = ""


@dataclass
class Group:
    """A box: AWS Cloud, Region, VPC, Availability Zone, subnet or Auto Scaling group."""

    id: str
    kind: str
    label: str
    nodes: list[str] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    cell: str = ""
    """The id in an editable diagram: the model id for a VPC or subnet, else a derived one."""
    anchor: str = ""
    """An invisible point that pins a subnet to its zone column and tier row."""


@dataclass(frozen=True)
class Edge:
    """A line: a connection (request direction), a DNS alias, replication or a role."""

    id: str
    source: str
    target: str
    kind: str
    label: str = ""
    badges: tuple[str, ...] = ()


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
    beside: list[tuple[str, str]] = field(default_factory=list)
    """Pairs drawn on one row, such as an IAM role next to the resource assuming it."""
    legend: list[tuple[str, str]] = field(default_factory=list)
    """(key, meaning) rows: flow badge prefixes, then the line styles used."""


def build_scene(arch: Architecture) -> Scene:
    """Return the scene of `arch`: nodes in their boxes, edges with their badges."""
    scene = Scene(name=arch.name, title=arch.document.title)
    region = Group(
        "region", "region", f"Region {arch.document.region}", cell=f"aws:{arch.document.region}"
    )
    for resource_id in arch.resources:
        placement = arch.placement_of(resource_id)
        if _drawn(arch, resource_id) == "hidden" or placement in ("subnet", "vpc"):
            continue
        node = _node(arch, resource_id)
        scene.nodes[node.id] = node
        scene.copies[resource_id] = [node.id]
        if placement == "outside":
            scene.outside.append(node.id)
        elif placement == "global":
            scene.cloud.nodes.append(node.id)
        else:
            region.nodes.append(node.id)
    for vpc in arch.resources_of(Vpc):
        region.groups.append(_vpc_group(arch, vpc, scene))
    scene.cloud.groups.append(region)
    _edges(arch, scene)
    scene.legend = _legend(arch, scene)
    return scene


def _legend(arch: Architecture, scene: Scene) -> list[tuple[str, str]]:
    """Return (key, meaning) rows: each flow's badge prefix, then the line styles used."""
    flows = arch.document.flows
    rows: list[tuple[str, str]] = []
    if len(flows) == 1:
        rows.append((f"1-{len(flows[0].steps) - 1}", flows[0].name))
    else:
        rows += [(flow_letter(number), flow.name) for number, flow in enumerate(flows)]
    kinds = {edge.kind for edge in scene.edges}
    meanings = {
        "alias": "DNS alias: resolves to",
        "replication": "synchronous replication",
        "role": "IAM role assumed by",
    }
    rows += [(f"line:{kind}", text) for kind, text in meanings.items() if kind in kinds]
    return rows


def _drawn(arch: Architecture, resource_id: str) -> Drawn:
    """Return how the resource's type is drawn (its facts say)."""
    return arch.resource(resource_id).facts.drawn


def _node(arch: Architecture, resource_id: str, node_id: str = "", sublabel: str = "") -> Node:
    resource = arch.resource(resource_id)
    return Node(
        id=node_id or resource_id,
        resource=resource_id,
        type=arch.type_of(resource_id),
        label=resource.display_name,
        sublabel=sublabel,
    )


def _vpc_group(arch: Architecture, vpc: Vpc, scene: Scene) -> Group:
    group = Group(f"vpc:{vpc.id}", "vpc", f"{vpc.display_name}  {vpc.cidr}", cell=vpc.id)
    subnets = [s for s in arch.resources_of(Subnet) if s.vpc == vpc.id]
    row_of = _row_keys(arch, subnets)
    zones = sorted({s.zone for s in subnets})
    placed: dict[str, list[tuple[Subnet, list[str]]]] = {}
    for subnet in sorted(subnets, key=lambda s: row_of[s.id]):
        placed.setdefault(subnet.zone, []).append((subnet, _subnet_nodes(arch, subnet, scene)))
    for zone in zones:
        az = Group(
            f"az:{vpc.id}:{zone}", "az", f"Availability Zone {zone}", cell=f"{vpc.id}.{zone}"
        )
        for subnet, node_ids in placed[zone]:
            az.groups.append(_subnet_group(arch, subnet, node_ids, scene))
        group.groups.append(az)
        for (upper, _), (lower, _) in itertools.pairwise(placed[zone]):
            scene.stacks.append((_anchor(upper.id), _anchor(lower.id)))
    albs = _vpc_level_nodes(arch, vpc, group, scene)
    for row in sorted(set(row_of.values())):
        in_row = [
            (subnet, node_ids)
            for zone in zones
            for subnet, node_ids in placed[zone]
            if row_of[subnet.id] == row
        ]
        anchors = [_anchor(subnet.id) for subnet, _ in in_row]
        scene.rows.append(anchors + [ids[0] for _, ids in in_row if ids])
        for alb in albs:
            if row_of[arch.subnets_of(alb)[0]] == row:
                scene.above.extend((alb, anchor) for anchor in anchors)
    return group


def _anchor(subnet_id: str) -> str:
    return f"{subnet_id}/anchor"


def _row_keys(arch: Architecture, subnets: list[Subnet]) -> dict[str, tuple[int, int]]:
    """Order subnets into rows: public first, then private ones by the tier they serve."""
    tiers: dict[str, list[int]] = {subnet.id: [] for subnet in subnets}
    for resource_id in arch.resources:
        for subnet_id in arch.subnets_of(resource_id):
            if subnet_id in tiers and subnet_id != resource_id:
                tiers[subnet_id] += [
                    TIERS.index(t) for t in arch.tiers_of(resource_id) if t != "network"
                ]
    return {
        subnet.id: (
            0 if arch.is_public(subnet.id) else 1,
            min(tiers[subnet.id], default=len(TIERS)),
        )
        for subnet in subnets
    }


def _subnet_nodes(arch: Architecture, subnet: Subnet, scene: Scene) -> list[str]:
    """Place every resource with an interface in `subnet`; return the node ids in order."""
    ids: list[str] = []
    for resource_id in arch.resources:
        if _drawn(arch, resource_id) in ("hidden", "across_zones"):
            continue
        if subnet.id not in arch.subnets_of(resource_id):
            continue
        node = _copy(arch, resource_id, subnet)
        if node is None:
            continue
        scene.nodes[node.id] = node
        scene.copies.setdefault(resource_id, []).append(node.id)
        ids.append(node.id)
    return ids


def _copy(arch: Architecture, resource_id: str, subnet: Subnet) -> Node | None:
    """Return the node drawn for the resource in `subnet`, or None where it has none there."""
    drawn = _drawn(arch, resource_id)
    if drawn == "primary_standby":
        return _database_copy(arch, arch.get(resource_id, Rds), subnet)
    if drawn == "per_subnet":
        many = len(arch.subnets_of(resource_id)) > 1
        return _node(arch, resource_id, f"{resource_id}@{subnet.id}" if many else "")
    return _node(arch, resource_id)


def _database_copy(arch: Architecture, db: Rds, subnet: Subnet) -> Node | None:
    """Return the primary's or the standby's node: a Multi-AZ database shows both."""
    subnets = arch.subnets_of(db.id)
    if not db.multi_az:
        return _node(arch, db.id) if subnet.id == subnets[0] else None
    primary_zone = arch.get(subnets[0], Subnet).zone
    standby = next((s for s in subnets if arch.get(s, Subnet).zone != primary_zone), None)
    if subnet.id == subnets[0]:
        return _node(arch, db.id, f"{db.id}@{subnet.id}", "primary")
    if subnet.id == standby:
        return _node(arch, db.id, f"{db.id}@{subnet.id}", "standby")
    return None


def _subnet_group(arch: Architecture, subnet: Subnet, node_ids: list[str], scene: Scene) -> Group:
    public = arch.is_public(subnet.id)
    kind = "public" if public else "private"
    group = Group(
        f"subnet:{subnet.id}",
        f"subnet-{kind}",
        f"{subnet.display_name}  {subnet.cidr}",
        cell=subnet.id,
        anchor=_anchor(subnet.id),
    )
    for node_id in node_ids:
        node = scene.nodes[node_id]
        if node.type == "autoscaling_group":
            group.groups.append(
                Group(
                    f"asg:{node_id}",
                    "asg",
                    "Auto Scaling group",
                    nodes=[node_id],
                    cell=f"{node_id}/group",
                )
            )
        else:
            group.nodes.append(node_id)
    return group


def _vpc_level_nodes(arch: Architecture, vpc: Vpc, group: Group, scene: Scene) -> list[str]:
    """Place ALBs between their zones and gateways on the VPC's edge; return the ALBs."""
    albs: list[str] = []
    for resource_id in arch.resources:
        drawn = _drawn(arch, resource_id)
        if drawn not in ("vpc_edge", "across_zones") or arch.vpc_of(resource_id) != vpc.id:
            continue
        node = _node(arch, resource_id)
        scene.nodes[node.id] = node
        scene.copies[resource_id] = [node.id]
        group.nodes.append(node.id)
        if drawn == "across_zones" and arch.subnets_of(resource_id):
            albs.append(resource_id)
    gateways = [n for n in group.nodes if arch.type_of(n) == "internet_gateway"]
    scene.above.extend((gateway, alb) for gateway in gateways for alb in albs)
    return albs


def _edges(arch: Architecture, scene: Scene) -> None:
    _connection_edges(arch, scene)
    for route53 in arch.resources_of(Route53):
        for alias in route53.aliases:
            target = scene.copies[alias][0]
            scene.edges.append(
                Edge(f"alias:{route53.id}>{alias}", route53.id, target, "alias", "resolves to")
            )
    for db in arch.resources_of(Rds):
        copies = scene.copies.get(db.id, [])
        if db.multi_az and len(copies) == 2:
            scene.edges.append(
                Edge(
                    f"replication:{db.id}",
                    copies[0],
                    copies[1],
                    "replication",
                    "synchronous replication",
                )
            )
    _role_edges(arch, scene)


def _connection_edges(arch: Architecture, scene: Scene) -> None:
    """Draw each connection between the copies of its ends; label and badge the first."""
    badges = flow_badges(arch)
    for index, connection in enumerate(arch.connections):
        sources = _ends(arch, scene, connection.source, sending=True)
        targets = _ends(arch, scene, connection.target, sending=False)
        label = f"{connection.protocol.upper()} {arch.port_of(connection)}"
        pairs = [(s, t) for s in sources for t in _nearest(scene, s, targets)]
        for number, (source, target) in enumerate(pairs):
            first = number == 0
            scene.edges.append(
                Edge(
                    f"c{index}:{source}>{target}",
                    source,
                    target,
                    "connection",
                    label if first else "",
                    badges.get(index, ()) if first else (),
                )
            )


def _role_edges(arch: Architecture, scene: Scene) -> None:
    """Tie each IAM role to what assumes it, and draw it on the same row as the first holder."""
    for role in arch.resources_of(IamRole):
        holders = [h for h in arch.holders_of(role.id) if h in scene.copies]
        for holder in holders:
            target = scene.copies[holder][0]
            scene.edges.append(Edge(f"role:{role.id}>{holder}", role.id, target, "role"))
        if holders:
            scene.beside.append((role.id, scene.copies[holders[0]][0]))


def _ends(arch: Architecture, scene: Scene, resource_id: str, *, sending: bool) -> list[str]:
    """Return the nodes a connection end is drawn at: every copy, or the primary only."""
    copies = scene.copies.get(resource_id, [])
    if not sending and _drawn(arch, resource_id) == "primary_standby":
        return copies[:1]
    return copies


def _nearest(scene: Scene, source: str, targets: list[str]) -> list[str]:
    """Match copies subnet by subnet when both ends are expanded, else fan out."""
    if len(targets) <= 1 or "@" not in source:
        return targets
    subnet = source.split("@", 1)[1]
    same = [t for t in targets if t.endswith(f"@{subnet}")]
    return same or targets[:1]
