"""Lines stepped round a subnet's title and notes, which they would otherwise strike through.

In the network view a subnet's route table and NACL stand under its name, over
the icons (`title_box`). A line into an icon of the subnet comes down through
them; a NAT gateway's line rises out of its subnet through them. The tidy pass
gives such lines straight pieces (`route`, `keep_in`); here each straight
piece across a block of notes steps aside: it turns before the block, runs
past it in a lane of its own beside it, and turns back after it, so the text
stays whole. The lane is beside the block's right end (the block starts at
the subnet's left side), each line on a lane of its own, clear of every icon
and every other block; a line no lane clears is left as it was.

Only straight pieces are stepped: the few curves dot drew itself keep their
way (`tidy` hands those crossing notes to `route` first).
"""

from __future__ import annotations

import itertools
import math
from typing import NamedTuple

from archgen.layout.laid import Laid, Point, Rect, number, open_column
from archgen.layout.scene import Edge, Group, Scene
from archgen.layout.title_box import note_blocks, notes_width, runs_through

_LANE = 10.0
"""Points between a stepped line and the block it passes, and between two such lines."""
_SAME = 0.5
"""Points within which two coordinates are one (graphviz writes two decimals)."""


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
                notes_width(laid, g) + (_lanes(scene, laid, g) + 1) * _LANE + 2 * _INSET
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


_INSET = 8.0
"""Points between a zone's border and its subnets' (`tidy.mirror_rows`)."""


class _Block(NamedTuple):
    """A subnet's title and notes, and the furthest right a lane beside them may run."""

    box: Rect
    limit: float


def step_round_notes(scene: Scene, laid: Laid, groups: list[Group]) -> None:
    """Step every line that runs through a subnet's notes on straight pieces round them."""
    blocks = [
        _Block(box, laid.clusters[f"cluster_{group_id}"][2] - _LANE)
        for group_id, box in note_blocks(laid, groups)
    ]
    if not blocks:
        return
    lines = {
        edge.id: _Line(edge, route.split())
        for edge in scene.edges
        if (route := laid.routes.get(edge.id)) is not None
        and ";" not in route
        and edge.source in laid.nodes
        and edge.target in laid.nodes
    }
    stepped: set[str] = set()
    for block in blocks:
        runs = [(line, run) for line in lines.values() if (run := _run(line, block)) is not None]
        runs.sort(key=lambda found: _across(found[0].controls, found[1]))
        slot = 0
        for line, (first, last) in runs:
            ends = (line.edge.source, line.edge.target, "legend")
            obstacles = [
                *(box for name, box in laid.nodes.items() if name not in ends),
                *(other.box for other in blocks if other is not block),
            ]
            controls = line.controls
            found = _round(controls[first], controls[last], block, obstacles, slot)
            if found is not None:
                slot, corners = found
                line.controls[:] = [*controls[:first], *_cubic(corners), *controls[last + 1 :]]
                stepped.add(line.edge.id)
    for edge_id in stepped:
        laid.routes[edge_id] = lines[edge_id].route()
        laid.rerouted.add(edge_id)


class _Line:
    """A line's route as graphviz writes it: its arrowheads' tips, then its cubic controls."""

    def __init__(self, edge: Edge, words: list[str]) -> None:
        self.edge = edge
        self.arrows = [w for w in words if w.startswith(("e,", "s,"))]
        self.controls = [_point(w) for w in words if not w.startswith(("e,", "s,"))]
        xs = [x for x, _ in self.controls] or [0.0]
        ys = [y for _, y in self.controls] or [0.0]
        self.bounds = (min(xs), min(ys), max(xs), max(ys))
        """The controls' bounds, which hold the curve: most blocks lie far from it."""

    def route(self) -> str:
        """Return the route as graphviz writes it."""
        return " ".join([*self.arrows, *(_word(point) for point in self.controls)])


def _point(word: str) -> Point:
    x, y = word.split(",")
    return (float(x), float(y))


def _word(point: Point) -> str:
    return f"{number(point[0])},{number(point[1])}"


def _run(line: _Line, block: _Block) -> tuple[int, int] | None:
    """Return the first and last control of the straight run through `block`; None if none.

    graphviz's text holds a curve as cubic pieces, four controls each (the
    last of one is the first of the next); a straight piece has all four on
    its line, and a curve's controls hold it. The run is from the first
    piece that meets the block to the last that does; a curve in it keeps
    the line as it is (dot's own curves keep their way).
    """
    if not _meet(line.bounds, block.box):
        return None
    controls = line.controls
    meeting = [
        i for i in range(0, len(controls) - 3, 3) if runs_through(controls[i : i + 4], block.box)
    ]
    if not meeting:
        return None
    first, last = meeting[0], meeting[-1] + 3
    if not all(_straight(controls[i : i + 4]) for i in range(first, last, 3)):
        return None
    return (first, last)


def _across(controls: list[Point], run: tuple[int, int]) -> float:
    """Return where a run passes the block, left to right: the left one takes the inner lane.

    Lines stepped round one block nest, the leftmost nearest the block
    (its lane, and its turns above and under it), so none crosses another.
    """
    return (controls[run[0]][0] + controls[run[1]][0]) / 2


def _straight(piece: list[Point]) -> bool:
    """Tell whether a cubic piece's four controls lie on one level or upright line."""
    level = all(abs(p[1] - piece[0][1]) < _SAME for p in piece)
    return level or all(abs(p[0] - piece[0][0]) < _SAME for p in piece)


def _cubic(corners: list[Point]) -> list[Point]:
    """Return straight pieces through `corners` as cubic controls, as `route_corners` does."""
    controls = [corners[0]]
    for (x1, y1), (x2, y2) in itertools.pairwise(corners):
        controls += [(x1 + (x2 - x1) / 3, y1 + (y2 - y1) / 3)]
        controls += [(x1 + 2 * (x2 - x1) / 3, y1 + 2 * (y2 - y1) / 3), (x2, y2)]
    return controls


def _round(
    start: Point, end: Point, block: _Block, obstacles: list[Rect], slot: int
) -> tuple[int, list[Point]] | None:
    """Return the slot taken and the corners of a run stepped right of `block`; None if none clears.

    The run turns before the block (or where it starts, when that is
    nearer), goes down or up a lane beside the block's right end, and turns
    to where it ends past the block. The slot after `slot` sets how far from
    the block the lane and the turns are; a slot whose step meets an icon or
    another block gives way to the next, inside the subnet. Labels are not
    in the way: `free_labels` moves each one a line crosses, after this.
    """
    box = block.box
    (x1, y1), (x2, y2) = start, end
    if y1 >= box[3] and y2 <= box[1]:
        sign = 1.0
    elif y1 <= box[1] and y2 >= box[3]:
        sign = -1.0
    else:
        return None  # it comes in or goes out at a side of the block
    slot += 1
    while box[2] + slot * _LANE <= block.limit:
        gap = slot * _LANE
        lx = box[2] + gap
        near, far = (box[3] + gap, box[1] - gap) if sign > 0 else (box[1] - gap, box[3] + gap)
        before = min(y1, near) if sign > 0 else max(y1, near)
        after = max(y2, far) if sign > 0 else min(y2, far)
        corners = _simplified([start, (x1, before), (lx, before), (lx, after), (x2, after), end])
        pieces = list(itertools.pairwise(corners))
        if not any(_cuts(piece, other) for piece in pieces for other in obstacles):
            return slot, corners
        slot += 1
    return None


def _cuts(piece: tuple[Point, Point], box: Rect) -> bool:
    """Tell whether a level or upright piece runs into a box."""
    (x1, y1), (x2, y2) = piece
    return (
        min(x1, x2) < box[2]
        and box[0] < max(x1, x2)
        and min(y1, y2) < box[3]
        and box[1] < max(y1, y2)
    )


def _meet(a: Rect, b: Rect) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _simplified(corners: list[Point]) -> list[Point]:
    """Return the corners without repeats (a turn where the run already starts or ends)."""
    kept: list[Point] = []
    for corner in corners:
        if (
            not kept
            or abs(kept[-1][0] - corner[0]) >= _SAME
            or abs(kept[-1][1] - corner[1]) >= _SAME
        ):
            kept.append(corner)
    return kept
