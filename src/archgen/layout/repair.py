"""Last repairs of a tidied layout: lines across foreign subnets, labels under other lines.

Widening subnets to mirror their rows can put a box over a line dot routed
beside it, and dot itself sometimes lets one line run through another's
label. A line that enters a subnet holding neither of its ends is routed
again (`route`); a label that another line runs through moves along its own
line to a free spot (`label_spots`).
"""

from __future__ import annotations

import itertools

from archgen.layout.label_gap import reach, read_into
from archgen.layout.label_owner import astray, meets, text_box
from archgen.layout.label_spots import (
    curve_points,
    group_label_boxes,
    label_box,
    overlaps,
    spot_near,
    weight,
)
from archgen.layout.laid import Laid, Point, Rect
from archgen.layout.near_views import AllBut, Joined, owned_grid
from archgen.layout.nearby import Apart, Grid, Segment, box_grid, segment_bounds, segment_grid
from archgen.layout.scene import Group, Scene


def foreign_crossings(scene: Scene, laid: Laid, groups: list[Group]) -> set[str]:
    """Return the lines whose route enters a subnet that holds neither of their ends."""
    subnets = [
        (g.cell, laid.clusters[f"cluster_{g.id}"])
        for g in groups
        if g.kind.startswith("subnet") and f"cluster_{g.id}" in laid.clusters
    ]
    found = set()
    for edge in scene.edges:
        if edge.id not in laid.routes or edge.id in laid.rerouted:
            continue
        ends = {_subnet(scene, edge.source), _subnet(scene, edge.target)}
        points = curve_points(laid.routes[edge.id])
        if not points:
            continue
        xs, ys = [x for x, _ in points], [y for _, y in points]
        bounds = (min(xs), min(ys), max(xs), max(ys))
        if any(
            cell not in ends and _may_enter(bounds, box) and any(_inside(p, box) for p in points)
            for cell, box in subnets
        ):
            found.add(edge.id)
    return found


def strays(scene: Scene, laid: Laid, groups: list[Group]) -> set[str]:
    """Return the lines between two icons of one subnet whose route leaves that subnet.

    dot routes a line that pulls on nothing (an instance to the interface
    endpoint beside it) round the icons between, often over the whole picture.
    """
    boxes = {
        g.cell: laid.clusters[f"cluster_{g.id}"]
        for g in groups
        if g.kind.startswith("subnet") and f"cluster_{g.id}" in laid.clusters
    }
    found = set()
    for edge in scene.edges:
        subnet = _subnet(scene, edge.source)
        if edge.id not in laid.routes or subnet not in boxes:
            continue
        if subnet != _subnet(scene, edge.target):
            continue
        if not all(_inside(p, _grown(boxes[subnet])) for p in curve_points(laid.routes[edge.id])):
            found.add(edge.id)
    return found


def _grown(box: Rect) -> Rect:
    """Return the box a little larger: a line along its border is still in it."""
    return (box[0] - 8, box[1] - 8, box[2] + 8, box[3] + 8)


def free_labels(scene: Scene, laid: Laid, groups: list[Group]) -> None:
    """Move each label that another line runs through to a free spot beside its own line.

    So is a label nearer another line than its own (`label_owner`): it names the
    wrong path. So is a label on a box's name or notes (a zone's title, the VPC's, the network
    view's routes and NACL): it would hide them; and one a box's border runs through:
    it reads as in both boxes, and the border as struck out. A label that hides
    text chooses first: one a line or a border merely crosses could otherwise take
    the only free spot along both lines.
    """
    labelled = [e for e in scene.edges if e.id in laid.labels and e.id in laid.routes]
    curves = {e.id: curve_points(laid.routes[e.id]) for e in labelled}
    boxes = {e.id: label_box(e, laid.labels[e.id], laid.label_sizes) for e in labelled}
    titles = group_label_boxes(laid, groups)
    named = box_grid(titles)
    labelled.sort(key=lambda e: not any(overlaps(boxes[e.id], t) for t in named.near(boxes[e.id])))
    sides = segment_grid(borders(laid, groups))
    pieces = _pieces(laid, curves)
    placed = box_grid([*laid.nodes.values(), *titles])  # they stay put in this pass
    labels = owned_grid(boxes.items())
    for edge in labelled:
        others = Apart(pieces, edge.id)
        on_title = any(overlaps(boxes[edge.id], box) for box in named.near(boxes[edge.id]))
        on_side = any(meets(s, boxes[edge.id]) for s in sides.near(boxes[edge.id]))
        crossed = any(_enters(s, boxes[edge.id]) for s in others.near(boxes[edge.id]))
        under = Joined(AllBut(labels, edge.id), placed)
        beside = read_into(boxes[edge.id], under.near(reach(boxes[edge.id])))
        own = curves[edge.id]
        if not (on_title or on_side or crossed or beside or astray(boxes[edge.id], own, others)):
            continue
        now = weight(boxes[edge.id], others, under, sides, own)
        found = spot_near(edge, own, others, under, laid.label_sizes, sides, now)
        if found is None:
            continue  # no spot weighs less than where the label is
        moved = label_box(edge, found, laid.label_sizes)
        covers = any(
            overlaps(moved, b) and not overlaps(boxes[edge.id], b) for b in under.near(moved)
        )
        if weight(moved, others, under, sides, own) < now and not covers:
            if _text_crossed(moved, others) > _text_crossed(boxes[edge.id], others):
                continue  # a move that only settles whose label it is must not strike the text
            laid.labels[edge.id] = found
            boxes[edge.id] = moved
            labels = owned_grid(boxes.items())


def _text_crossed(box: Rect, others: Apart) -> int:
    """Return how many other lines' pieces run through a label's text (not its padding)."""
    text = text_box(box)
    return sum(meets(s, text) for s in others.near(text))


def borders(laid: Laid, groups: list[Group]) -> list[tuple[Point, Point]]:
    """Return the four sides of every box drawn (not an Auto Scaling slot, which is unseen)."""
    sides = []
    for group in groups:
        box = laid.clusters.get(f"cluster_{group.id}")
        if box is None or group.kind == "asg-slot":
            continue
        left, bottom, right, top = box
        corners = [(left, bottom), (right, bottom), (right, top), (left, top)]
        sides += list(zip(corners, corners[1:] + corners[:1], strict=True))
    return sides


def _pieces(laid: Laid, curves: dict[str, list[Point]]) -> Grid[tuple[str, Segment]]:
    """Return the straight pieces of every line, by line, in a grid."""
    pieces: Grid[tuple[str, Segment]] = Grid()
    for key, route in laid.routes.items():
        for segment in itertools.pairwise(curves.get(key) or curve_points(route)):
            pieces.add((key, segment), segment_bounds(segment))
    return pieces


def _subnet(scene: Scene, node_id: str) -> str:
    node = scene.nodes.get(node_id)
    return node.subnet if node is not None else ""


def _inside(point: Point, box: Rect) -> bool:
    return box[0] + 1 < point[0] < box[2] - 1 and box[1] + 1 < point[1] < box[3] - 1


def _may_enter(bounds: Rect, box: Rect) -> bool:
    """Tell whether points within `bounds` (give or take `_SLACK`) can be `_inside` a box.

    Most lines pass far from most subnets and labels: four comparisons
    answer for all their points, or all the samples of a straight piece.
    """
    left, bottom, right, top = bounds
    return (
        box[0] + 1 < right + _SLACK
        and left - _SLACK < box[2] - 1
        and box[1] + 1 < top + _SLACK
        and bottom - _SLACK < box[3] - 1
    )


_SLACK = 1e-6
"""Points a sample along a straight piece may stray from the piece's bounds by rounding
(about 1e-12 on the largest picture): wide of it, a sample is certainly outside."""


def _enters(segment: tuple[Point, Point], box: Rect) -> bool:
    """Tell whether a straight piece passes through a box, sampled every few points."""
    if not _may_enter(segment_bounds(segment), box):
        return False
    (x1, y1), (x2, y2) = segment
    steps = max(1, int(max(abs(x2 - x1), abs(y2 - y1)) / 3))
    return any(
        _inside((x1 + (x2 - x1) * k / steps, y1 + (y2 - y1) * k / steps), box)
        for k in range(steps + 1)
    )
