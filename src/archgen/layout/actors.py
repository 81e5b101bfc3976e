"""Actors outside the AWS Cloud (users, clients) stand over the service their line enters.

dot ranks an actor beside the cloud, at the top of a column of its own, and
its one line then runs up and along the Region's top border into the
internet gateway (or the CloudFront distribution): a long bend an architect
reads as a route of its own, and a column of empty page that narrows every
text once the picture is embedded by its width. An AWS reference diagram
draws the actor above the cloud, straight over where its traffic enters, and
its line drops into it. The tidy pass does that for every actor with one line
whose way straight down is clear; an actor with several lines (or none clear)
stays where dot put it.
"""

from __future__ import annotations

from archgen.layout.gateway_inside import box_texts
from archgen.layout.label_spots import label_box, overlaps
from archgen.layout.laid import Laid, Rect, close_column, open_strip
from archgen.layout.scene import Group, Scene

_GAP = 24.0
"""Points between an actor lifted over the cloud and the cloud's top border."""
_STILL = 0.5
"""Points an actor over the cloud may stand off its target's centre and stay where it is."""
_CORRIDOR = 6.0
"""Points either side of a dropped line that must hold no icon, box name or line label."""


def lift_actors(scene: Scene, laid: Laid, groups: list[Group]) -> None:
    """Move each actor with one clear line over its target, above the AWS Cloud."""
    cloud = laid.clusters.get("cluster_cloud")
    if cloud is None:
        return
    chosen: list[tuple[str, str]] = []
    for actor in scene.outside:
        target = _target(scene, laid, actor)
        if (
            target is not None
            and not any(_side_by_side(laid, (actor, target), other) for other in chosen)
            and _make_way(scene, laid, groups, actor, target)
        ):
            chosen.append((actor, target))
    over = [pair for pair in chosen if laid.centre(pair[0])[1] > cloud[3]]
    for actor, target in over:  # dot put it over the cloud, with room for its line's label
        shift = laid.centre(target)[0] - laid.centre(actor)[0]
        if abs(shift) > _STILL:
            laid.move(actor, shift)
    _lift([pair for pair in chosen if pair not in over], scene, laid)


def _lift(beside: list[tuple[str, str]], scene: Scene, laid: Laid) -> None:
    """Move actors from beside the cloud to a band opened over it, each over its target."""
    if not beside:
        return
    _close_left(laid, scene, [actor for actor, _ in beside])
    cloud_top = laid.clusters["cluster_cloud"][3]
    height = max(laid.nodes[a][3] - laid.nodes[a][1] for a, _ in beside) + _GAP
    open_strip(laid, cloud_top + 0.01, height)
    for actor, target in beside:
        left, bottom, right, _ = laid.nodes[actor]
        centre = (laid.nodes[target][0] + laid.nodes[target][2]) / 2
        laid.move(actor, centre - (left + right) / 2, cloud_top - height + _GAP - bottom)


def _target(scene: Scene, laid: Laid, actor: str) -> str | None:
    """Return the one node an actor's lines join inside the cloud, if it has one line."""
    ends = [
        edge.target if edge.source == actor else edge.source
        for edge in scene.edges
        if actor in (edge.source, edge.target)
    ]
    if len(ends) != 1 or actor not in laid.nodes or ends[0] not in laid.nodes:
        return None
    return ends[0] if ends[0] not in scene.outside else None


def _side_by_side(laid: Laid, one: tuple[str, str], other: tuple[str, str]) -> bool:
    """Tell whether two actors, each over its target, would stand in each other's way."""

    def span(actor: str, target: str) -> tuple[float, float]:
        half = (laid.nodes[actor][2] - laid.nodes[actor][0]) / 2 + _GAP / 2
        centre = (laid.nodes[target][0] + laid.nodes[target][2]) / 2
        return (centre - half, centre + half)

    (a, b), (c, d) = span(*one), span(*other)
    return a < d and c < b


def _make_way(scene: Scene, laid: Laid, groups: list[Group], actor: str, target: str) -> bool:
    """Tell whether a line straight down from the cloud's top into `target` can meet nothing.

    A service straight under the AWS Cloud (CloudFront, Route 53) whose drop
    the cloud's own name or a neighbour blocks steps right, past it, when its
    new place is free: the lines at it are routed again (`route`).
    """
    left, bottom, right, top = laid.nodes[target]
    things = _things(scene, laid, groups, actor, target)
    blocking = [box for box in things if overlaps(_corridor(laid, target), box)]
    if not blocking:
        return True
    if target not in scene.cloud.nodes:
        return False
    step = max(box[2] for box in blocking) + _CORRIDOR + 1 - (left + right) / 2
    moved = (left + step, bottom, right + step, top)
    wide = (moved[0] - _CORRIDOR, bottom - _CORRIDOR, moved[2] + _CORRIDOR, top)
    if moved[2] > laid.clusters["cluster_cloud"][2] or any(overlaps(wide, b) for b in things):
        return False
    laid.move(target, step)
    return not any(overlaps(_corridor(laid, target), box) for box in things)


def _corridor(laid: Laid, target: str) -> Rect:
    """Return the strip a line straight down from the cloud's top into `target` runs in."""
    left, _, right, top = laid.nodes[target]
    x = (left + right) / 2
    return (x - _CORRIDOR, top, x + _CORRIDOR, laid.clusters["cluster_cloud"][3])


def _things(scene: Scene, laid: Laid, groups: list[Group], actor: str, target: str) -> list[Rect]:
    """Return the icons, line labels and box names a dropped line must not run through."""
    icons = [box for name, box in laid.nodes.items() if name not in (actor, target)]
    labels = [
        label_box(edge, laid.labels[edge.id], laid.label_sizes)
        for edge in scene.edges
        if edge.id in laid.labels and actor not in (edge.source, edge.target)
    ]
    return [*icons, *labels, *box_texts(laid, groups)]


def _close_left(laid: Laid, scene: Scene, lifted: list[str]) -> None:
    """Close the column left of the cloud when the lifted actors were all it held."""
    cloud = laid.clusters["cluster_cloud"]
    left = laid.bounds[0]
    staying = [
        name
        for name, box in laid.nodes.items()
        if name not in lifted and (box[0] + box[2]) / 2 < cloud[0]
    ]
    if not staying and cloud[0] > left:
        close_column(laid, left, cloud[0])
