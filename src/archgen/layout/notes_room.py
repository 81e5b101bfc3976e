"""Room beside each subnet's notes for the lines stepped round them (`off_notes`).

In the network view a subnet is often only as wide as its notes (its route
table and NACL, `title_box`): a line into an icon under them then has no way
past but through the text. Each zone is widened, before its rows are
mirrored, by a lane for each line that may pass its subnets' notes; and
dot's curves over the notes are handed to `route`, whose straight pieces
`off_notes` can step round them.
"""

from __future__ import annotations

import math

from archgen.layout.label_spots import bezier_points
from archgen.layout.laid import Laid, Point, Rect, open_column
from archgen.layout.notes_step import LANE
from archgen.layout.scene import Group, Scene
from archgen.layout.title_box import note_blocks, notes_width, runs_through

_INSET = 8.0
"""Points between a zone's border and its subnets' (`tidy.mirror_rows`)."""


def room_beside_notes(scene: Scene, laid: Laid, vpcs: list[Group]) -> None:
    """Widen a VPC's widest zone so that its subnets have lanes beside their notes.

    A subnet is as wide as its widest content, often its notes: a line into
    an icon under them would have no way past but through the text. Each
    line that may come past the notes (`_lanes`) needs a lane, and one more
    keeps the last off the subnet's border. Run before `mirror_rows`, which
    gives every zone of the VPC the widest one's width and every subnet its zone's.
    """
    for vpc in vpcs:
        zones = [z for z in vpc.groups if z.kind == "az" and f"cluster_{z.id}" in laid.clusters]
        least = max(
            (
                notes_width(laid, g) + (_lanes(scene, laid, g) + 2) * LANE + 2 * _INSET
                for z in zones
                for g in z.groups
                if g.notes
            ),
            default=0.0,
        )
        if not zones or not least:
            continue
        boxes = [laid.clusters[f"cluster_{zone.id}"] for zone in zones]
        widest = max(boxes, key=lambda box: box[2] - box[0])
        if least > widest[2] - widest[0]:
            open_column(laid, widest[2] - 0.01, math.ceil(least - (widest[2] - widest[0])))


def _lanes(scene: Scene, laid: Laid, subnet: Group) -> int:
    """Return how many lines may pass a subnet's notes: those from its icons to one above them.

    dot stands a subnet's icons under its notes, so a line between one of
    them and an icon higher up, outside the subnet, may come down or go up
    through the text (at least one lane is kept, for a line passing by).
    """
    name = f"cluster_{subnet.id}"
    if name not in laid.clusters:
        return 1
    box = laid.clusters[name]
    inside = {n for n, (a, b, c, d) in laid.nodes.items() if _holds(box, (a + c) / 2, (b + d) / 2)}
    count = 0
    for edge in scene.edges:
        ends = (edge.source, edge.target)
        if all(end in laid.nodes for end in ends) and (ends[0] in inside) != (ends[1] in inside):
            own, other = ends if ends[0] in inside else ends[::-1]
            count += laid.centre(other)[1] > laid.centre(own)[1]
    return max(1, count)


def _holds(box: Rect, x: float, y: float) -> bool:
    return box[0] < x < box[2] and box[1] < y < box[3]


def through_notes(scene: Scene, laid: Laid, groups: list[Group]) -> set[str]:
    """Return the lines whose curve, as dot drew it, runs through a subnet's notes.

    `route` gives them straight pieces, which `step_round_notes` can step
    round the notes; a curve it cannot.
    """
    blocks = [box for _, box in note_blocks(laid, groups)]
    found = set()
    for edge in scene.edges if blocks else []:
        route = laid.routes.get(edge.id)
        if route is None or edge.source not in laid.nodes or edge.target not in laid.nodes:
            continue
        if any(_piece_through(piece, blocks) for piece in _pieces(route)):
            found.add(edge.id)
    return found


def _pieces(route: str) -> list[list[Point]]:
    """Return the cubic pieces of a route's first curve, four controls each."""
    words = [w for w in route.split(";")[0].split() if not w.startswith(("e,", "s,"))]
    controls = [(float(x), float(y)) for x, y in (w.split(",") for w in words)]
    return [controls[i : i + 4] for i in range(0, len(controls) - 3, 3)]


def _piece_through(piece: list[Point], blocks: list[Rect]) -> bool:
    """Tell whether a cubic piece runs through a block.

    Its controls' bounds hold the curve: only a piece whose bounds meet a
    block is followed along its points.
    """
    bounds = _bounds(piece)
    near = [box for box in blocks if _meet(bounds, box)]
    if not near:
        return False
    points = bezier_points(piece)
    return any(runs_through(points, box) for box in near)


def _bounds(points: list[Point]) -> Rect:
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return (min(xs), min(ys), max(xs), max(ys))


def _meet(a: Rect, b: Rect) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]
