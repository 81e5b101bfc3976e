"""Which box each resource is drawn in, and the rows that keep tiers aligned across zones.

The scene follows the AWS Architecture Icons conventions: clients outside the
AWS Cloud box; global services in it; regional services in the Region box; in
each VPC one column per Availability Zone and one row per subnet tier, in the
same order in every zone. Multi-subnet resources are expanded: an Auto Scaling
group shows one instance per subnet, a VPC Lambda an interface per subnet, a
replicated database or cache each of its copies (`replicas`). Ids come from
the model (an expanded copy is `id@subnet`).
"""

from __future__ import annotations

import itertools

from archgen.layout import replicas
from archgen.layout.attachments import attachment_nodes
from archgen.layout.endpoint_rows import lead, stack_endpoints
from archgen.layout.groups import BOX_NAMES, SLOT, box_group, span_groups
from archgen.layout.regions import region_label
from archgen.layout.scene import Group, Node, Scene, path_to
from archgen.model.architecture import Architecture
from archgen.model.resources.facts import Boxed, Drawn
from archgen.model.resources.network import Subnet, Vpc
from archgen.model.resources.services import IamRole
from archgen.model.types import TIERS
from archgen.network.calls import INVOKED_THROUGH_SERVICE

_Placed = dict[str, list[tuple[Subnet, list[str]]]]
"""Per zone, its subnets in row order, each with the node ids drawn in it."""


def place(arch: Architecture) -> Scene:
    """Return the scene of `arch` with every node in its box and no lines yet."""
    scene = Scene(name=arch.name, title=arch.document.title)
    code = arch.document.region
    region = Group("region", "region", region_label(code), cell=f"aws:{code}")
    for resource_id in arch.resources:
        placement = arch.placement_of(resource_id)
        if drawn_as(arch, resource_id) == "hidden":
            continue
        if placement in ("subnet", "vpc") and not has_interfaces(arch, resource_id):
            continue
        node = _node(arch, resource_id)
        scene.nodes[node.id] = node
        scene.copies[resource_id] = [node.id]
        if placement == "outside":
            scene.outside.append(node.id)
        elif placement == "global":
            if not arch.holders_of(resource_id):  # else level with its holder: _place_roles
                scene.cloud.nodes.append(node.id)
        else:
            region.nodes.append(node.id)
    for vpc in arch.resources_of(Vpc):
        region.groups.append(_vpc_group(arch, vpc, scene))
    scene.cloud.groups.append(region)
    _place_roles(arch, scene)
    for resource_id, copies in scene.copies.items():  # a store's copies on one row
        if len(copies) > 1 and replicas.parts(arch, resource_id) is not None:
            scene.beside += [(copies[0], copy) for copy in copies[1:]]
    return scene


def _place_roles(arch: Architecture, scene: Scene) -> None:
    """Draw each IAM role level with the first resource assuming it, outside every VPC.

    IAM is global: a role inside a VPC, a zone or a subnet would say it lives
    there. An architect still draws it next to the compute that assumes it,
    since a line from a far corner crosses every box, so it takes the
    innermost box of that compute that is not part of a network (the Region
    beside a VPC, else the box the compute is in) and shares its row.
    """
    users = [(role.id, arch.holders_of(role.id)) for role in arch.resources_of(IamRole)]
    for node_id, holding in users:
        holders = [h for h in holding if h in scene.copies]
        if node_id not in scene.nodes or not holders:
            continue
        holder = scene.copies[holders[0]][0]
        outer = [g for g in path_to(scene.cloud, holder) if g.kind not in _NETWORK_BOXES]
        for group in path_to(scene.cloud, node_id)[-1:]:
            group.nodes.remove(node_id)
        (outer[-1] if outer else scene.cloud).nodes.append(node_id)
        scene.beside.append((node_id, holder))


_NETWORK_BOXES = frozenset({"vpc", "az", "subnet-public", "subnet-private", SLOT, *BOX_NAMES})
"""Boxes of the network a role is never drawn in."""


def drawn_as(arch: Architecture, resource_id: str) -> Drawn:
    """Return how the resource is drawn (its facts say, unless a field changes it)."""
    return arch.resource(resource_id).drawn()


def has_interfaces(arch: Architecture, resource_id: str) -> bool:
    """Tell whether the resource is drawn once, with a network interface in each subnet.

    A function in a VPC is one function that AWS invokes through its service;
    only its network interfaces live in the subnets (AWS Lambda, VPC access).
    An EFS file system is one resource of the Region, reached at its mount
    targets: its facts say it is drawn that way (`interfaces`).
    """
    through_service = arch.type_of(resource_id) in INVOKED_THROUGH_SERVICE
    drawn_once = through_service or drawn_as(arch, resource_id) == "interfaces"
    return drawn_once and bool(arch.subnets_of(resource_id))


def _node(
    arch: Architecture, resource_id: str, node_id: str = "", sublabel: str = "", subnet: str = ""
) -> Node:
    resource = arch.resource(resource_id)
    return Node(
        id=node_id or resource_id,
        resource=resource_id,
        type=arch.type_of(resource_id),
        label=resource.display_name,
        sublabel=sublabel,
        subnet=subnet,
    )


def _vpc_group(arch: Architecture, vpc: Vpc, scene: Scene) -> Group:
    """Return the VPC's box: a column per zone, a row per tier, ALBs and gateways on its edge."""
    group = Group(f"vpc:{vpc.id}", "vpc", f"{vpc.display_name}  {vpc.cidr}", cell=vpc.id)
    subnets = [s for s in arch.resources_of(Subnet) if s.vpc == vpc.id]
    row_of = _row_keys(arch, subnets)
    placed: _Placed = {}
    for subnet in sorted(subnets, key=lambda s: row_of[s.id]):
        placed.setdefault(subnet.zone, []).append((subnet, _subnet_nodes(arch, subnet, scene)))
    for zone in sorted(placed):
        group.groups.append(_zone_group(arch, vpc, zone, placed[zone], scene))
        _stack(placed[zone], row_of, scene)
        for _, node_ids in placed[zone]:  # interface endpoints on a row under their callers
            stack_endpoints(scene, node_ids)
    span_groups(group, scene)
    albs = _vpc_level_nodes(arch, vpc, group, scene)
    _align_rows(arch, placed, row_of, albs, scene)
    return group


def _zone_group(
    arch: Architecture, vpc: Vpc, zone: str, subnets: list[tuple[Subnet, list[str]]], scene: Scene
) -> Group:
    """Return the zone's column of subnet boxes, each one stacked above the next."""
    az = Group(f"az:{vpc.id}:{zone}", "az", f"Availability Zone {zone}", cell=f"{vpc.id}.{zone}")
    for subnet, node_ids in subnets:
        az.groups.append(_subnet_group(arch, subnet, node_ids, scene))
    return az


def _stack(
    subnets: list[tuple[Subnet, list[str]]], row_of: dict[str, tuple[int, int]], scene: Scene
) -> None:
    """Hold each of a zone's subnets above the next; two on one row sit side by side.

    An edge between two anchors of one row would ask graphviz for a rank
    above and the same rank at once, which it refuses (a `merge_chain` abort).
    """
    for (upper, _), (lower, _) in itertools.pairwise(subnets):
        if row_of[upper.id] != row_of[lower.id]:
            scene.stacks.append((_anchor(upper.id), _anchor(lower.id)))


def _align_rows(
    arch: Architecture,
    placed: _Placed,
    row_of: dict[str, tuple[int, int]],
    albs: list[str],
    scene: Scene,
) -> None:
    """Record each tier row across the zones; a load balancer straddles its zones in its row.

    AWS reference diagrams draw the ALB in the row of its public subnets,
    across the zone boundary, not above the zones.
    """
    for row in sorted(set(row_of.values())):
        in_row = [
            (subnet, node_ids)
            for zone in sorted(placed)
            for subnet, node_ids in placed[zone]
            if row_of[subnet.id] == row
        ]
        anchors = [_anchor(subnet.id) for subnet, _ in in_row]
        for alb in albs:
            if row_of[arch.subnets_of(alb)[0]] == row:  # between its zones, in their row
                anchors.insert(len(anchors) // 2, alb)
                scene.straddle.append(alb)
                scene.bars[alb] = list(arch.subnets_of(alb))
        scene.rows.append(anchors + [lead(scene, ids) for _, ids in in_row if ids])


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
        if drawn_as(arch, resource_id) in ("hidden", "across_zones"):
            continue
        if subnet.id not in arch.subnets_of(resource_id):
            continue
        node = _copy(arch, resource_id, subnet)
        if node is None:
            continue
        scene.nodes[node.id] = node
        if has_interfaces(arch, resource_id):
            scene.interfaces.setdefault(resource_id, []).append(node.id)
        else:
            scene.copies.setdefault(resource_id, []).append(node.id)
        ids.append(node.id)
    for node in attachment_nodes(arch, subnet.id):
        scene.nodes[node.id] = node
        scene.interfaces.setdefault(node.resource, []).append(node.id)
        ids.append(node.id)
    return ids


def _copy(arch: Architecture, resource_id: str, subnet: Subnet) -> Node | None:
    """Return the node drawn for the resource in `subnet`, or None where it has none there."""
    drawn = drawn_as(arch, resource_id)
    roles = replicas.parts(arch, resource_id)
    if roles is not None:
        if subnet.id not in roles:
            return None
        node_id = f"{resource_id}@{subnet.id}" if len(roles) > 1 else ""
        return _node(arch, resource_id, node_id, roles[subnet.id], subnet.id)
    if has_interfaces(arch, resource_id):
        node = _node(arch, resource_id, f"{resource_id}@{subnet.id}", subnet=subnet.id)
        name = arch.resource(resource_id).interface_name
        return node._replace(label=name, shape="eni")
    if drawn in ("per_subnet", "vpc_edge"):
        many = len(arch.subnets_of(resource_id)) > 1
        node_id = f"{resource_id}@{subnet.id}" if many else ""
        return _node(arch, resource_id, node_id, subnet=subnet.id)
    return _node(arch, resource_id, subnet=subnet.id)


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
        resource = arch.resource(scene.nodes[node_id].resource)
        if isinstance(resource, Boxed):
            group.groups.append(box_group(resource.box, node_id, resource.label or ""))
        else:
            group.nodes.append(node_id)
    return group


def _vpc_level_nodes(arch: Architecture, vpc: Vpc, group: Group, scene: Scene) -> list[str]:
    """Place ALBs and gateways in the VPC's box; return the ALBs (`_align_rows` rows them)."""
    albs: list[str] = []
    for resource_id in arch.resources:
        drawn = drawn_as(arch, resource_id)
        if drawn not in ("vpc_edge", "across_zones") or arch.vpc_of(resource_id) != vpc.id:
            continue
        if drawn == "vpc_edge" and arch.subnets_of(resource_id):
            continue  # an interface endpoint: drawn in each of its subnets
        node = _node(arch, resource_id)
        scene.nodes[node.id] = node
        scene.copies[resource_id] = [node.id]
        group.nodes.append(node.id)
        if drawn == "across_zones" and arch.subnets_of(resource_id):
            albs.append(resource_id)
    gateways = [n for n in group.nodes if arch.type_of(n) == "internet_gateway"]
    scene.above.extend((gateway, alb) for gateway in gateways for alb in albs)
    return albs
