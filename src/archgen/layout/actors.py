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
from archgen.layout.laid import Laid, close_column, open_strip
from archgen.layout.scene import Group, Scene

_GAP = 24.0
"""Points between an actor lifted over the cloud and the cloud's top border."""
_CORRIDOR = 6.0
"""Points either side of a dropped line that must hold no icon, box name or line label."""


def lift_actors(scene: Scene, laid: Laid, groups: list[Group]) -> None:
    """Move each actor with one clear line over its target, above the AWS Cloud."""
    cloud = laid.clusters.get("cluster_cloud")
    if cloud is None:
        return
    lifted = [
        (actor, target)
        for actor in scene.outside
        if (target := _target(scene, laid, actor)) is not None
        and _clear_drop(scene, laid, groups, actor, target)
    ]
    if not lifted:
        return
    _close_left(laid, scene, [actor for actor, _ in lifted])
    cloud_top = laid.clusters["cluster_cloud"][3]
    height = max(laid.nodes[a][3] - laid.nodes[a][1] for a, _ in lifted) + _GAP
    open_strip(laid, cloud_top + 0.01, height)
    for actor, target in lifted:
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


def _clear_drop(scene: Scene, laid: Laid, groups: list[Group], actor: str, target: str) -> bool:
    """Tell whether a line straight down from the cloud's top into `target` meets nothing."""
    left, _, right, top = laid.nodes[target]
    x = (left + right) / 2
    corridor = (x - _CORRIDOR, top, x + _CORRIDOR, laid.clusters["cluster_cloud"][3])
    icons = [box for name, box in laid.nodes.items() if name not in (actor, target)]
    labels = [
        label_box(edge, laid.labels[edge.id], laid.label_sizes)
        for edge in scene.edges
        if edge.id in laid.labels and actor not in (edge.source, edge.target)
    ]
    return not any(overlaps(corridor, box) for box in [*icons, *labels, *box_texts(laid, groups)])


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
