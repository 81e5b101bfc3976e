"""The network view's outbound lines: each private subnet's way to the internet through NAT.

A NAT gateway exists to let private subnets reach the internet, and a
picture with NAT gateways but no line into them hides that. In the network
view (`render --view network`) every private subnet whose route to the
internet is a NAT gateway gets a dashed line from what it holds to that NAT
gateway, and on from it to the internet gateway its own subnet routes to:
one line per subnet, so a zone's own NAT gateway is seen to serve it. The
routes are the analysis's own lookup (`network.routes`), never a second
reading of the tables. A line a declared connection already draws is not
drawn again; the default view draws NAT only for declared connections.
"""

from __future__ import annotations

import itertools

from archgen.layout.scene import Edge, Group, Scene
from archgen.model.architecture import Architecture
from archgen.model.resources.network import Subnet
from archgen.network import routes
from archgen.network.intervals import OPEN_INTERNET


def egress_lines(arch: Architecture, scene: Scene) -> None:
    """Add, in place, a dashed subnet -> NAT gateway -> internet gateway line per subnet."""
    joined = {(edge.source, edge.target) for edge in scene.edges}
    for subnet in _subnets(scene.cloud):
        sender = _sender(scene, subnet)
        nat = _next_gateway(arch, subnet.cell, "nat_gateway")
        if not sender or not nat or nat not in scene.copies:
            continue
        hops = [sender, scene.copies[nat][0]]
        exit_gateway = _exit(arch, nat)
        if exit_gateway in scene.copies:
            hops.append(scene.copies[exit_gateway][0])
        for source, target in itertools.pairwise(hops):
            if (source, target) not in joined:
                joined.add((source, target))
                edge_id = f"egress:{source}>{target}"
                scene.edges.append(Edge(edge_id, source, target, "outbound", constraint=False))


def _subnets(group: Group) -> list[Group]:
    """Return the private subnet boxes under `group`, in drawing order."""
    if group.kind == "subnet-private":
        return [group]
    return [found for child in group.groups for found in _subnets(child)]


def _sender(scene: Scene, subnet: Group) -> str:
    """Return the first resource drawn in the subnet, else its first network interface, or "".

    A server stands for its subnet better than a function's interface does.
    """
    held = [
        scene.nodes[node_id]
        for node_id in _nodes(subnet)
        if scene.nodes[node_id].subnet == subnet.cell and scene.nodes[node_id].type != "nat_gateway"
    ]
    ranked = sorted(held, key=lambda node: node.shape == "eni")
    return ranked[0].id if ranked else ""


def _nodes(group: Group) -> list[str]:
    return [*group.nodes, *(n for child in group.groups for n in _nodes(child))]


def _next_gateway(arch: Architecture, subnet_id: str, kind: str) -> str:
    """Return the gateway of `kind` the subnet's route for the open internet names, or ""."""
    if subnet_id not in arch.resources or not isinstance(arch.resource(subnet_id), Subnet):
        return ""
    for choice in routes.lookup(arch, subnet_id, OPEN_INTERNET):
        if choice.kind == kind:
            return choice.target
    return ""


def _exit(arch: Architecture, nat: str) -> str:
    """Return the internet gateway the NAT gateway's own subnet routes the internet to."""
    subnets = arch.subnets_of(nat)
    return _next_gateway(arch, subnets[0], "internet_gateway") if subnets else ""
