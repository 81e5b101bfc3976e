"""A file system under the zones, midway below its mount targets, as AWS draws EFS.

dot ranks an EFS file system under the mount targets tied to it and centres
it between them: in the gap between two zones, which the tidy pass then
cannot close for the load balancer's bar (nothing may stand in it). It steps
under its first mount target while the gap closes (`step_aside`), then goes
back to the middle of its mount targets (`centre_under`); the lines at it are
routed again, as for anything the tidy pass moves.
"""

from __future__ import annotations

from archgen.layout.laid import Laid, Rect
from archgen.layout.scene import Scene


def step_aside(scene: Scene, laid: Laid) -> None:
    """Move each file system drawn under its mount targets below the first of them."""
    for owner, targets in _under(scene, laid).items():
        _move_to(laid, owner, laid.centre(targets[0])[0])


def centre_under(scene: Scene, laid: Laid) -> None:
    """Move each file system drawn under its mount targets to the middle below them."""
    for owner, targets in _under(scene, laid).items():
        xs = [laid.centre(target)[0] for target in targets]
        _move_to(laid, owner, (min(xs) + max(xs)) / 2)


def _under(scene: Scene, laid: Laid) -> dict[str, list[str]]:
    """Return each owner tied under its interfaces (and below them all), with those interfaces."""
    found: dict[str, list[str]] = {}
    for edge in scene.edges:
        if edge.kind == "interface" and edge.source in scene.interfaces.get(edge.target, []):
            found.setdefault(edge.target, []).append(edge.source)
    return {
        owner: targets
        for owner, targets in found.items()
        if owner in laid.nodes
        and all(t in laid.nodes for t in targets)
        and all(laid.nodes[owner][3] < laid.nodes[t][1] for t in targets)  # y is up
    }


def _move_to(laid: Laid, node: str, x: float) -> None:
    """Move a node to centre `x` unless it would then overlap another icon."""
    dx = x - laid.centre(node)[0]
    left, bottom, right, top = laid.nodes[node]
    moved: Rect = (left + dx, bottom, right + dx, top)
    if abs(dx) > 0.5 and not any(
        _overlap(moved, box) for name, box in laid.nodes.items() if name != node
    ):
        laid.move(node, dx)


def _overlap(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
