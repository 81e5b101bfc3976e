"""A service over the Region stands in one column with the door its line enters (issue 15).

dot ranks a global service (CloudFront) in the cloud's top row wherever its
other lines pull it, and its line into the internet gateway then drops to
the Region's top border, runs along it and turns down into the gateway: on
the picture it reads as part of the border. An AWS reference diagram draws
the users, CloudFront, the gateway and the load balancer in one column, each
line dropping straight into the next. The tidy pass looks for the column
nearest the gateway where all of that fits (the service's place and the
gateway's free, the drop from the cloud's top into the service clear for an
actor over it, the gateway's line into a load balancer's bar straight and
clear of every icon and box border) and moves both there; the lines at them
are routed again (`route`). Where no column fits, both stay.
"""

from __future__ import annotations

import itertools

from archgen.layout.gateway_inside import box_texts
from archgen.layout.label_spots import curve_points, label_box, overlaps
from archgen.layout.laid import Laid, Point, Rect
from archgen.layout.scene import Group, Scene

_STILL = 0.5
"""Points a service may stand off its door's centre and stay where it is."""
_ROOM = 6.0
"""Points a moved icon and a straight drop keep from any icon, text, line label or border."""
_STEP = 8.0
"""Points between the columns tried, either side of the door."""
_TRIES = 24
"""Columns tried on each side of the door: up to 192 points away."""


def line_up_doors(scene: Scene, laid: Laid, groups: list[Group]) -> None:
    """Move each cloud-level service and its door into the nearest column where both fit.

    Before the actors are lifted (`actors`): an actor then drops straight
    into the service where it now stands.
    """
    texts = box_texts(laid, groups)
    sides = _sides(laid, groups)
    for node, door, vpc in _pairs(scene, laid, groups):
        start = laid.centre(door)[0]
        if abs(laid.centre(node)[0] - start) <= _STILL:
            continue
        tried = (start + _STEP * k * sign for k in range(_TRIES + 1) for sign in (1, -1))
        for x in itertools.islice(tried, 1, None):  # +0 once
            aside = _fits(scene, laid, (node, door, vpc), x, (texts, sides))
            if aside is not None:
                laid.move(node, x - laid.centre(node)[0])
                laid.move(door, x - laid.centre(door)[0])
                for other, shift in aside:
                    laid.move(other, shift)
                break


def _fits(
    scene: Scene,
    laid: Laid,
    pair: tuple[str, str, Rect],
    x: float,
    drawn: tuple[list[Rect], list[tuple[float, float, float]]],
) -> list[tuple[str, float]] | None:
    """Return the steps aside that let the service and its door stand at `x`; None if none do.

    A service of the cloud's top row (AWS WAF beside CloudFront) standing in
    the drop from the cloud's top steps aside when its new place is free.
    """
    node, door, vpc = pair
    texts, sides = drawn
    cloud = laid.clusters.get("cluster_cloud")
    service, gate = _at(laid.nodes[node], x), _at(laid.nodes[door], x)
    keep = (node, door)
    if cloud is None or not (cloud[0] < service[0] and service[2] < cloud[2]):
        return None
    if not (vpc[0] < gate[0] and gate[2] < vpc[2]):
        return None
    things = [*_things(scene, laid, keep), *texts]
    drops = _drops(scene, laid, door, gate)
    if any(overlaps(box, thing) for box in (service, gate, *drops) for thing in things):
        return None
    if any(_crosses(side, drop) for side in sides for drop in drops):
        return None
    if _lines_in(scene, laid, keep, [service, gate]):
        return None
    return _aside(scene, laid, (x - _ROOM, service[3], x + _ROOM, cloud[3]), things, keep)


def _aside(
    scene: Scene, laid: Laid, column: Rect, things: list[Rect], keep: tuple[str, str]
) -> list[tuple[str, float]] | None:
    """Return the steps that clear the column of the cloud's top-row services standing in it.

    None if anything else stands in it, or a service has no free place beside it.
    """
    movable = {
        name: laid.nodes[name]
        for name in scene.cloud.nodes
        if name in laid.nodes and name not in keep and overlaps(laid.nodes[name], column)
    }
    if any(overlaps(t, column) for t in things if t not in movable.values()):
        return None
    steps = []
    for name, box in movable.items():
        shifts = (column[2] + _ROOM - box[0], column[0] - _ROOM - box[2])
        for shift in sorted(shifts, key=abs):
            moved = (box[0] + shift, box[1], box[2] + shift, box[3])
            others = [t for t in things if t != box]
            if not any(overlaps(moved, t) for t in others) and not _lines_in(
                scene, laid, (name, *keep), [moved]
            ):
                steps.append((name, shift))
                break
        else:
            return None
    return steps


def _at(box: Rect, x: float) -> Rect:
    """Return a node's box moved to centre on `x`, grown by `_ROOM` on every side."""
    left, bottom, right, top = box
    half = (right - left) / 2
    return (x - half - _ROOM, bottom - _ROOM, x + half + _ROOM, top + _ROOM)


def _drops(scene: Scene, laid: Laid, door: str, gate: Rect) -> list[Rect]:
    """Return the strips the door's lines into load balancers' bars drop through, from `gate`."""
    x = (gate[0] + gate[2]) / 2
    strips = []
    for edge in scene.edges:
        ends = (edge.source, edge.target)
        bar = ends[1] if ends[0] == door else ends[0] if ends[1] == door else ""
        if bar in scene.bars and bar in laid.nodes:
            strips.append((x - _ROOM, laid.nodes[bar][3], x + _ROOM, gate[1] + _ROOM))
    return strips


def _sides(laid: Laid, groups: list[Group]) -> list[tuple[float, float, float]]:
    """Return each drawn box's left and right sides as (x, bottom, top)."""
    found = []
    for group in groups:
        box = laid.clusters.get(f"cluster_{group.id}")
        if box is not None and group.kind != "asg-slot":
            found += [(box[0], box[1], box[3]), (box[2], box[1], box[3])]
    return found


def _crosses(side: tuple[float, float, float], strip: Rect) -> bool:
    """Tell whether an upright box side runs inside a strip for any stretch."""
    x, bottom, top = side
    return strip[0] < x < strip[2] and bottom < strip[3] and strip[1] < top


def _things(scene: Scene, laid: Laid, keep: tuple[str, ...]) -> list[Rect]:
    """Return the icons and line labels the moved pair must not meet (not their own labels)."""
    icons = [box for name, box in laid.nodes.items() if name not in keep]
    labels = [
        label_box(edge, laid.labels[edge.id], laid.label_sizes)
        for edge in scene.edges
        if edge.id in laid.labels and not set(keep) & {edge.source, edge.target}
    ]
    return [*icons, *labels]


def _lines_in(scene: Scene, laid: Laid, keep: tuple[str, ...], boxes: list[Rect]) -> bool:
    """Tell whether a line at neither node runs through one of the boxes they would take."""
    points: list[Point] = [
        point
        for edge in scene.edges
        if not set(keep) & {edge.source, edge.target} and edge.id in laid.routes
        for point in curve_points(laid.routes[edge.id])
    ]
    return any(b[0] < x < b[2] and b[1] < y < b[3] for b in boxes for x, y in points)


def _region(laid: Laid) -> Rect | None:
    """Return the one Region's box; with several, a service over them has no one door."""
    regions = [box for name, box in laid.clusters.items() if name.startswith("cluster_region")]
    return regions[0] if len(regions) == 1 else None


def _pairs(scene: Scene, laid: Laid, groups: list[Group]) -> list[tuple[str, str, Rect]]:
    """Return (service, door, the door's VPC box) for each service over the Region.

    A service counts whose one line into the Region ends at a door on a VPC's
    border (an internet gateway; not a load balancer between the zones).
    """
    region = _region(laid)
    vpcs = {
        node: box
        for g in groups
        if g.kind == "vpc" and (box := laid.clusters.get(f"cluster_{g.id}")) is not None
        for node in g.nodes
        if node not in scene.straddle
    }
    pairs: list[tuple[str, str, Rect]] = []
    if region is None:
        return pairs
    for node in scene.cloud.nodes:
        if node not in laid.nodes or laid.nodes[node][1] < region[3]:
            continue
        ends = [
            edge.target if edge.source == node else edge.source
            for edge in scene.edges
            if node in (edge.source, edge.target)
        ]
        inside = [end for end in ends if end in laid.nodes and _within(laid.nodes[end], region)]
        if len(inside) == 1 and inside[0] in vpcs:
            pairs.append((node, inside[0], vpcs[inside[0]]))
    return pairs


def _within(box: Rect, region: Rect) -> bool:
    return (
        region[0] <= box[0] and box[2] <= region[2] and region[1] <= box[1] and box[3] <= region[3]
    )
