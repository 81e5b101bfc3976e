"""The scene's lines and their key: connections with flow badges, aliases, replication, roles.

Lines join the nodes `placement` drew. A connection is drawn from each copy of
its sender, through the gateways its packets pass (`path.doors`), to the
nearest copy of its receiver; it is labelled and badged once, on its first
segment. A segment two connections share (endpoint -> bucket) is drawn once.
"""

from __future__ import annotations

import itertools

from archgen.layout import labels, replicas
from archgen.layout.groups import BOX_NAMES, box_ids
from archgen.layout.legend_boxes import box_rows
from archgen.layout.path import Door, ways
from archgen.layout.scene import Edge, Scene, walk
from archgen.model.access import token_pools
from archgen.model.architecture import Architecture
from archgen.model.document import Connection
from archgen.model.flows import flow_badges, flow_letter
from archgen.model.resources.edge import ApiGateway, Route53, Waf
from archgen.model.resources.network import Subnet
from archgen.model.resources.security import AcmCertificate
from archgen.model.resources.services import IamRole
from archgen.network.reach import network_of

_MEANINGS = {
    "connection": "request and its response",
    "event": "event or poll: one way, started by AWS",
    "outbound": "outbound through NAT",
    "blocked": "blocked: the network refuses it",
    "protects": "WAF protects",
    "authorizer": "API checks tokens of",
    "alias": "DNS alias: resolves to",
    "replication": "replication between zones",
    "role": "IAM role assumed by",
    "certificate": "TLS certificate presented by",
    "interface": "network interface of",
}


def connect(arch: Architecture, scene: Scene) -> None:
    """Add every line of `arch` to the placed `scene`, then the legend of what they mean."""
    _edges(arch, scene)
    scene.legend = legend(arch, scene)


def legend(arch: Architecture, scene: Scene) -> list[tuple[str, str]]:
    """Return (key, meaning) rows: each flow's badge prefix, then the line styles used."""
    flows = arch.document.flows
    rows: list[tuple[str, str]] = []
    if len(flows) == 1:
        rows.append((f"1-{len(flows[0].steps) - 1}", flows[0].name))
    else:
        rows += [(flow_letter(number), flow.name) for number, flow in enumerate(flows)]
    kinds = {edge.kind for edge in scene.edges}
    rows += [(f"line:{kind}", text) for kind, text in _MEANINGS.items() if kind in kinds]
    return rows + box_rows(scene)


def _edges(arch: Architecture, scene: Scene) -> None:
    _connection_edges(arch, scene)
    for route53 in arch.resources_of(Route53):
        for alias in route53.aliases:
            target = scene.copies[alias][0]
            scene.edges.append(
                Edge(f"alias:{route53.id}>{alias}", route53.id, target, "alias", "resolves to")
            )
    _protection_edges(arch, scene)
    _authorizer_edges(arch, scene)
    _replication_edges(arch, scene)
    _interface_edges(arch, scene)
    _role_edges(arch, scene)
    _certificate_edges(arch, scene)


def _interface_edges(arch: Architecture, scene: Scene) -> None:
    """Tie each network interface to its function, file system or transit gateway.

    An interface a connection already runs through to its gateway (a
    transit gateway attachment in use) needs no second line. A file system
    reached at its mount targets is tied under them, so dot ranks it below
    the zones, where AWS draws it, and its ties stay clear of the lines in.
    """
    joined = {frozenset((e.source, e.target)) for e in scene.edges}
    for owner, interfaces in scene.interfaces.items():
        under = arch.resource(owner).drawn() == "interfaces"
        for interface in interfaces:
            if frozenset((owner, interface)) not in joined:
                ends = (interface, owner) if under else (owner, interface)
                scene.edges.append(Edge(f"interface:{interface}", *ends, "interface"))


def _replication_edges(arch: Architecture, scene: Scene) -> None:
    """Join each replicated store's first copy to every other one, the words said once."""
    for resource_id in arch.resources:
        copies = scene.copies.get(resource_id, [])
        if len(copies) < 2 or replicas.parts(arch, resource_id) is None:
            continue
        text = replicas.replication(arch, resource_id)
        for number, copy in enumerate(copies[1:]):
            edge_id = f"replication:{resource_id}" + (f":{number}" if number else "")
            words = text if number == 0 else ""
            scene.edges.append(Edge(edge_id, copies[0], copy, "replication", words))


def _protection_edges(arch: Architecture, scene: Scene) -> None:
    """Tie each web ACL to what it protects: CloudFront, a load balancer, an API."""
    for waf in arch.resources_of(Waf):
        for protected in waf.protects:
            if waf.id in scene.copies and protected in scene.copies:
                target = scene.copies[protected][0]
                edge_id = f"protects:{waf.id}>{protected}"
                scene.edges.append(Edge(edge_id, waf.id, target, "protects"))


def _authorizer_edges(arch: Architecture, scene: Scene) -> None:
    """Tie each API with a Cognito authorizer to the user pools whose tokens it checks.

    No request of a caller flows along it: API Gateway reads the pool's
    signing keys to check each token, so the line says whom the API trusts.
    It places nothing either: the pool already stands on the API's row, and a
    label dot ranked would open a row above it and move the whole picture, so
    the label is placed after the layout (`style.EDGES` keeps room for it).
    """
    for api in arch.resources_of(ApiGateway):
        for pool in token_pools(arch, api.id):
            if api.id in scene.copies and pool in scene.copies:
                edge_id = f"authorizer:{api.id}>{pool}"
                target = scene.copies[pool][0]
                scene.edges.append(
                    Edge(edge_id, api.id, target, "authorizer", "checks tokens", label_outside=True)
                )


def _role_edges(arch: Architecture, scene: Scene) -> None:
    """Tie each IAM role to what assumes it; placement drew it beside the first.

    An Auto Scaling group's role is joined to the group's box: every instance
    the group launches holds it, not the first zone's alone (`role_lines`).
    """
    boxes = {group.id for group in walk(scene.cloud) if group.kind in BOX_NAMES}
    for role in arch.resources_of(IamRole):
        for holder in arch.holders_of(role.id):
            if role.id in scene.nodes and holder in scene.copies:
                target = scene.copies[holder][0]
                box = next((b for b in box_ids(holder) if b in boxes), "")
                edge_id = f"role:{role.id}>{holder}"
                scene.edges.append(Edge(edge_id, role.id, target, "role", box=box))


def _certificate_edges(arch: Architecture, scene: Scene) -> None:
    """Tie each ACM certificate to what presents it (`used_by`): a load balancer, an API.

    No packet flows along it: like a role's, the line says which resource the
    certificate belongs to, so it is dotted, without an arrow.
    """
    for cert in arch.resources_of(AcmCertificate):
        for user in cert.used_by:
            if cert.id in scene.nodes and user in scene.copies:
                edge_id = f"certificate:{cert.id}>{user}"
                scene.edges.append(Edge(edge_id, cert.id, scene.copies[user][0], "certificate"))


def _connection_edges(arch: Architecture, scene: Scene) -> None:
    """Draw each connection from its senders, through its gateways, to its receivers.

    The words and badges go on the last new segment of the first route: the
    line into the receiver, unless another connection drew it already. Lines
    fanning out of one gateway then carry their labels apart, at their ends.
    """
    badges = flow_badges(arch)
    blocked = _blocked(arch)
    drawn: set[tuple[str, str]] = set()
    said: set[tuple[str, str]] = set()  # (node, words): a fan of like lines is labelled once
    for index, connection in enumerate(arch.connections):
        mode = arch.mode_of(connection)
        kind = "blocked" if index in blocked else "connection" if mode == "request" else "event"
        text = labels.connection_label(arch, connection, blocked.get(index, ""))
        for number, hops in enumerate(_routes(arch, scene, connection)):
            natted = any(arch.type_of(scene_resource(hop)) == "nat_gateway" for hop in hops)
            new = [pair for pair in itertools.pairwise(hops) if pair not in drawn]
            drawn.update(new)
            for source, target in new:
                labelled = number == 0 and (source, target) == new[-1]
                repeated = (source, text) in said and not badges.get(index)
                if labelled and repeated and "@" not in source:
                    labelled = False
                elif labelled:
                    said.add((source, text))
                scene.edges.append(
                    Edge(
                        f"c{index}:{source}>{target}",
                        source,
                        target,
                        "outbound" if natted and kind == "connection" else kind,
                        text if labelled else "",
                        badges.get(index, ()) if labelled else (),
                        # a way out must not lift a NAT above its tier, a trigger pull
                        # its source into the VPC's rows, nor a step to an interface
                        # endpoint in the sender's own subnet reorder its zones
                        constraint=not natted
                        and not _trigger(arch, connection)
                        and not _to_interface(arch, scene, source, target),
                        mode=mode,
                        after_layout=connection.endpoint == "reader",
                    )
                )


def _trigger(arch: Architecture, connection: Connection) -> bool:
    """Tell whether an AWS service's event invokes a function: a line, never a rank."""
    return arch.mode_of(connection) == "event" and arch.type_of(connection.target) == "lambda"


def _to_interface(arch: Architecture, scene: Scene, source: str, target: str) -> bool:
    """Tell whether a segment enters an interface endpoint in the sender's own subnet."""
    subnet = scene.nodes[source].subnet
    same = bool(subnet) and subnet == scene.nodes[target].subnet
    return same and arch.type_of(scene_resource(target)) == "vpc_endpoint"


def scene_resource(node_id: str) -> str:
    """Return the resource a node draws: `app@app-a` draws `app`."""
    return node_id.split("@", 1)[0]


def _routes(arch: Architecture, scene: Scene, connection: Connection) -> list[list[str]]:
    """Return the node paths one connection is drawn along, one per sending copy."""
    routes = []
    for source in _ends(arch, scene, connection.source, sending=True):
        subnet = scene.nodes[source].subnet
        targets = _ends(arch, scene, connection.target, sending=False)
        if connection.endpoint == "reader":  # the reader endpoint spreads reads over the readers
            targets = scene.copies.get(connection.target, [])[1:] or targets
        for way in ways(arch, connection, subnet):
            gates = [_door_node(scene, door) for door in way]
            for target in _nearest(arch, scene, source, targets):
                routes.append([source, *(g for g in gates if g), target])
    return routes


def _door_node(scene: Scene, door: Door) -> str:
    """Return the node of a gateway: its interface in the door's subnet, else itself."""
    resource, subnet = door
    copies = scene.copies.get(resource, [])
    if not subnet:
        return (copies or [""])[0]
    drawn = [*copies, *scene.interfaces.get(resource, [])]
    same = [c for c in drawn if scene.nodes[c].subnet == subnet]
    return (same or copies or [""])[0]


def _blocked(arch: Architecture) -> dict[int, str]:
    """Return each connection the network analysis proves blocked, with what blocks it."""
    found = {}
    for index, hop in network_of(arch).connections():
        failing = hop.first_block
        if failing is not None:
            found[index] = labels.blocked_words(failing[1])
    return found


def _ends(arch: Architecture, scene: Scene, resource_id: str, *, sending: bool) -> list[str]:
    """Return the nodes a connection end is drawn at.

    A function in a VPC sends from its network interfaces and is invoked at
    itself (through the Lambda service); an EFS file system is reached at its
    mount targets; a replicated store is called at its primary or writer;
    anything else at every copy.
    """
    reached_there = sending or arch.resource(resource_id).drawn() == "interfaces"
    if reached_there and resource_id in scene.interfaces:
        return scene.interfaces[resource_id]
    copies = scene.copies.get(resource_id, [])
    if not sending and replicas.parts(arch, resource_id) is not None:
        return copies[:1]
    return copies


def _nearest(arch: Architecture, scene: Scene, source: str, targets: list[str]) -> list[str]:
    """Match copies subnet by subnet, else zone by zone, when both ends are expanded.

    A server reaches the mount target or cache node of its own zone: a line
    to the first zone's copy would draw cross-zone traffic the design avoids.
    Otherwise it fans out.
    """
    if len(targets) <= 1 or not scene.nodes[source].subnet:
        return targets
    subnet = scene.nodes[source].subnet
    same = [t for t in targets if scene.nodes[t].subnet == subnet]
    zone = _zone(arch, subnet)
    in_zone = [t for t in targets if zone and _zone(arch, scene.nodes[t].subnet) == zone]
    return same or in_zone[:1] or targets[:1]


def _zone(arch: Architecture, subnet: str) -> str:
    return arch.get(subnet, Subnet).zone if subnet and subnet in arch.resources else ""
