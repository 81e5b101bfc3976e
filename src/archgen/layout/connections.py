"""The scene's lines and their key: connections with flow badges, aliases, replication, roles.

Lines join the nodes `placement` drew; where a resource is drawn once per subnet,
a connection is drawn between matching copies and labelled and badged once.
"""

from __future__ import annotations

from archgen.layout.placement import drawn_as
from archgen.layout.scene import Edge, Scene
from archgen.model.architecture import Architecture
from archgen.model.flows import flow_badges, flow_letter
from archgen.model.resources.data import Rds
from archgen.model.resources.edge import Route53
from archgen.model.resources.services import IamRole


def connect(arch: Architecture, scene: Scene) -> None:
    """Add every line of `arch` to the placed `scene`, then the legend of what they mean."""
    _edges(arch, scene)
    scene.legend = _legend(arch, scene)


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
                    arch.mode_of(connection),
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
    if not sending and drawn_as(arch, resource_id) == "primary_standby":
        return copies[:1]
    return copies


def _nearest(scene: Scene, source: str, targets: list[str]) -> list[str]:
    """Match copies subnet by subnet when both ends are expanded, else fan out."""
    if len(targets) <= 1 or "@" not in source:
        return targets
    subnet = source.split("@", 1)[1]
    same = [t for t in targets if t.endswith(f"@{subnet}")]
    return same or targets[:1]
