"""Services reached through interface endpoints stand under the endpoints, in their order.

dot places a service that both zones' endpoints call under one zone (the one
it drew first, before `zone_order` turned the columns round), so the other
zone's lines run across the whole picture and cross every line of the first.
An architect puts such a service midway under its callers: here each one
moves to the middle of the endpoints calling it, its row kept in that order
and spaced as dot spaced it, and what hangs under it alone (a dead-letter
queue) moves along. The lines at what moved are routed again (`route`).
"""

from __future__ import annotations

from archgen.layout.endpoint_rows import is_endpoint
from archgen.layout.label_spots import label_size
from archgen.layout.laid import Laid, Rect
from archgen.layout.scene import Group, Scene

_NODESEP = 36.0
"""Points between two icons of one row (the DOT's `nodesep`)."""


def centre_services(scene: Scene, laid: Laid, groups: list[Group]) -> None:
    """Move each service called only through interface endpoints under their middle."""
    wanted = _wanted(scene, laid)
    for group in groups:
        rows: dict[int, list[str]] = {}
        for node in group.nodes:
            if node in laid.nodes:
                rows.setdefault(round(laid.centre(node)[1]), []).append(node)
        for row in rows.values():
            if any(node in wanted and _behind_row(scene, node) for node in row):
                _spread(scene, laid, row, wanted, group)


def _wanted(scene: Scene, laid: Laid) -> dict[str, float]:
    """Return, per service fed by endpoints alone, the x midway under them."""
    sources: dict[str, list[str]] = {}
    for edge in scene.edges:
        sources.setdefault(edge.target, []).append(edge.source)
    wanted = {}
    for node, callers in sources.items():
        if node not in laid.nodes or scene.nodes.get(node) is None or scene.nodes[node].subnet:
            continue
        placed = [c for c in callers if c in laid.nodes]
        above = all(laid.centre(c)[1] > laid.centre(node)[1] for c in placed)
        if placed and above and all(_endpoint(scene, c) for c in placed):
            wanted[node] = sum(laid.centre(c)[0] for c in placed) / len(placed)
    return wanted


def _behind_row(scene: Scene, node: str) -> bool:
    """Tell whether a service is called through an endpoint row (a gateway alone moves nothing)."""
    return any(edge.target == node and is_endpoint(scene, edge.source) for edge in scene.edges)


def _endpoint(scene: Scene, node: str) -> bool:
    """Tell whether a node is a VPC endpoint: an interface's row, or a gateway on the border."""
    return node in scene.nodes and scene.nodes[node].type == "vpc_endpoint"


def _spread(
    scene: Scene, laid: Laid, row: list[str], wanted: dict[str, float], group: Group
) -> None:
    """Place a row's icons at their wanted x, in that order, with room for a label between.

    The others of the row keep their x as what they want; the row is then
    shifted so that, on average, each stands where it wants to. A row that
    would leave its box, or meet another icon or box, keeps dot's places.
    """
    want = {node: wanted.get(node, laid.centre(node)[0]) for node in row}
    gap = _NODESEP + _widest_label(scene, laid, row)
    placed: dict[str, float] = {}
    edge = -float("inf")
    for node in sorted(row, key=lambda node: (want[node], node)):
        half = (laid.nodes[node][2] - laid.nodes[node][0]) / 2
        placed[node] = max(want[node], edge + half)
        edge = placed[node] + half + gap
    shift = sum(want[n] - placed[n] for n in row) / len(row)
    moves: dict[str, float] = {}
    for node, x in placed.items():
        dx = x + shift - laid.centre(node)[0]
        if abs(dx) > _STILL:
            moves |= {follower: dx for follower in [node, *_hanging(scene, laid, node)]}
    if moves and _free(laid, moves, group):
        for node, dx in moves.items():
            laid.move(node, dx)


def _free(laid: Laid, moves: dict[str, float], group: Group) -> bool:
    """Tell whether the moved icons stay in the group's box and clear of every other thing."""
    box = laid.clusters.get(f"cluster_{group.id}")
    inner = [
        laid.clusters[f"cluster_{g.id}"] for g in group.groups if f"cluster_{g.id}" in laid.clusters
    ]
    still = [b for n, b in laid.nodes.items() if n not in moves]
    for node, dx in moves.items():
        left, bottom, right, top = laid.nodes[node]
        moved: Rect = (left + dx, bottom, right + dx, top)
        if box is not None and not (box[0] < moved[0] and moved[2] < box[2]):
            return False
        if any(_overlap(moved, other) for other in [*inner, *still]):
            return False
    return True


def _overlap(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _widest_label(scene: Scene, laid: Laid, row: list[str]) -> float:
    """Return the width of the widest label on a line into the row: room kept beside each."""
    return max(
        (
            label_size(edge, laid.label_sizes)[0]
            for edge in scene.edges
            if edge.target in row and (edge.label or edge.badges)
        ),
        default=0.0,
    )


_STILL = 0.5
"""Points under which an icon counts as not moved (its lines keep dot's routes)."""


def _hanging(scene: Scene, laid: Laid, node: str) -> list[str]:
    """Return the icons under `node` joined to it and to nothing else (a dead-letter queue)."""
    joined: dict[str, set[str]] = {}
    for edge in scene.edges:
        joined.setdefault(edge.source, set()).add(edge.target)
        joined.setdefault(edge.target, set()).add(edge.source)
    y = laid.centre(node)[1]
    return sorted(
        other
        for other in joined.get(node, set())
        if joined[other] == {node} and other in laid.nodes and laid.centre(other)[1] < y
    )
