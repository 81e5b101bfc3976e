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

from archgen.layout.label_spots import curve_points
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
    door: float
    """Where a line from the left comes down outside the subnet's zone (`_from_left`)."""


def step_round_notes(scene: Scene, laid: Laid, groups: list[Group]) -> None:
    """Step every line that runs through a subnet's notes on straight pieces round them."""
    zones = {
        subnet.id: laid.clusters[f"cluster_{zone.id}"][0]
        for zone in groups
        if zone.kind == "az" and f"cluster_{zone.id}" in laid.clusters
        for subnet in zone.groups
    }
    blocks = [
        _Block(box, laid.clusters[f"cluster_{group_id}"][2] - _LANE, zones.get(group_id, box[0]))
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
        runs.sort(key=lambda found: _nesting(found[0].controls, found[1]))
        slots = [0, 0]  # the lanes taken right of the block, and left of its zone
        inner: list[_Inner] = []
        ports = _ports(runs)
        for line, (first, last) in runs:
            ends = (line.edge.source, line.edge.target, "legend")
            obstacles = [
                *(box for name, box in laid.nodes.items() if name not in ends),
                *(other.box for other in blocks if other is not block),
            ]
            controls = line.controls
            side = 1 if _from_left(controls, first, block) else 0
            start, end = (
                controls[first],
                (ports.get(line.edge.id, controls[last][0]), controls[last][1]),
            )
            found = (
                _left(start, end, block, obstacles, slots[1])
                if side
                else _round(start, end, block, obstacles, (slots[0], inner, len(runs)))
            )
            if found is not None:
                slots[side], corners = found
                line.controls[:] = [*controls[:first], *_cubic(corners), *controls[last + 1 :]]
                line.arrive(end[0])
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

    def arrive(self, x: float) -> None:
        """Move the arrowhead's tip to `x`, over or under the line's last control."""
        self.arrows = [
            f"e,{number(x)},{w.split(',')[2]}" if w.startswith("e,") else w for w in self.arrows
        ]


def _ports(runs: list[tuple[_Line, tuple[int, int]]]) -> dict[str, float]:
    """Return where each line that comes down round a block into a shared icon arrives.

    `spread_ends` spread the arrowheads on the icon for the routes dot drew;
    round the block the inner line must arrive furthest left, or the outer
    ones, turning in under it, would cross its last run (or, kept apart,
    meet the icon along one track).
    """
    shared: dict[str, list[tuple[_Line, int]]] = {}
    for line, (first, last) in runs:
        ends_down = (
            last == len(line.controls) - 1 and line.controls[first][1] > line.controls[last][1]
        )
        if ends_down and any(w.startswith("e,") for w in line.arrows):
            shared.setdefault(line.edge.target, []).append((line, last))
    ports = {}
    for group in shared.values():
        xs = sorted(line.controls[last][0] for line, last in group)
        ports |= {line.edge.id: x for (line, _), x in zip(group, xs, strict=True)}
    return ports


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
        near = [box for box in blocks if _meet(_Line(edge, route.split()).bounds, box)]
        if near and any(runs_through(curve_points(route), box) for box in near):
            found.add(edge.id)
    return found


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
    box = block.box
    before = controls[first - 3 : first + 1] if first >= 3 else []
    if before and box[1] < before[-1][1] < box[3] and _straight(before) and before[0][1] >= box[3]:
        first -= 3  # a level run along the block's top, from above: the run starts above
    after = controls[last : last + 4] if last + 3 < len(controls) else []
    if after and box[1] < after[0][1] < box[3] and _straight(after) and after[-1][1] <= box[1]:
        last += 3
    return _with_levels(controls, first, last, box)


def _with_levels(controls: list[Point], first: int, last: int, box: Rect) -> tuple[int, int]:
    """Return the run with the level pieces it starts and ends on, over or under the block.

    A run stepped round the block then leaves or joins such a piece (the band
    a NAT gateway's line follows) from its lane, instead of going back to
    its upright first: back and out again, the line would run over itself.
    """
    before = controls[first - 3 : first + 1] if first >= 3 else []
    if before and _level(before) and not box[1] < before[-1][1] < box[3]:
        first -= 3
    after = controls[last : last + 4] if last + 3 < len(controls) else []
    if after and _level(after) and not box[1] < after[0][1] < box[3]:
        last += 3
    return (first, last)


def _level(piece: list[Point]) -> bool:
    return all(abs(p[1] - piece[0][1]) < _SAME for p in piece)


def _nesting(controls: list[Point], run: tuple[int, int]) -> float:
    """Return where a run stands among those round one block: the first takes the inner lane.

    Lines stepped round one block nest, the inner one nearest the block (its
    lane, and its turns over and under it), so none crosses another: the one
    whose way over the block starts (or goes on) further left goes inside, as
    its way to the lane would cross the others' ways down.
    """
    (x1, y1), (x2, y2) = controls[run[0]], controls[run[1]]
    return x1 if y1 > y2 else x2


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


class _Inner(NamedTuple):
    """A run stepped round a block before, which the next ones nest round (`_turns`)."""

    over: tuple[float, float, float]
    """Over the block: the x of its upright, how high the run reaches, where it turns."""
    under: tuple[float, float, float]
    """Under the block: the same."""


_Taken = tuple[int, list[_Inner], int]
"""The last slot taken round a block, the runs in them, and how many runs pass the block."""


def _round(
    start: Point, end: Point, block: _Block, obstacles: list[Rect], taken: _Taken
) -> tuple[int, list[Point]] | None:
    """Return the slot taken and the corners of a run stepped right of `block`; None if none clears.

    The run turns over the block, goes down or up a lane beside the block's
    right end, and turns under it to where it ends (`_turns`); a run that
    goes on beside the block only turns over it. The slot after the one
    taken sets the lane; a slot whose step meets an icon or another block
    gives way to the next, inside the subnet. Labels are not in the way:
    `free_labels` moves each one a line crosses, after this.
    """
    box = block.box
    (x1, y1), (x2, y2) = start, end
    if not (y1 >= box[3] and y2 <= box[1]) and not (y1 <= box[1] and y2 >= box[3]):
        return None  # it comes in or goes out at a side of the block
    down = y1 > y2
    slot, inner, count = taken
    slot += 1
    if down and not box[0] < x2 < box[2]:  # it goes down beside the block: over it
        over = min(y1, box[3] + slot * _LANE)
        corners = _simplified([start, (x1, over), (x2, over), end])
        if _clear(corners, [*obstacles, box]):
            return slot, corners
    while box[2] + slot * _LANE <= block.limit:
        lx = box[2] + slot * _LANE
        over, under = _turns(start, end, box, (slot, count), inner)
        before, after = (over, under) if down else (under, over)
        corners = _simplified([start, (x1, before), (lx, before), (lx, after), (x2, after), end])
        if _clear(corners, obstacles):
            (xo, yo), (xu, yu) = (start, end) if down else (end, start)
            inner.append(_Inner((xo, yo, over), (xu, yu, under)))
            return slot, corners
        slot += 1
    return None


def _turns(
    start: Point, end: Point, box: Rect, slot: tuple[int, int], inner: list[_Inner]
) -> tuple[float, float]:
    """Return where a run turns over and under the block, round the runs stepped before it.

    It turns further out than each inner run turns, and, over the block,
    higher than an inner run that comes down right of its own upright
    reaches (else its way to the lane would cross that upright); under the
    block the same, downwards. A run that starts or ends nearer the block
    over it turns there (it joins its band); under it, where the run goes
    on into an icon, the turns close up to keep over the icon (`count`
    runs share the room), so no line meets its arrowhead side on.
    """
    (xo, yo), (xu, yu) = (start, end) if start[1] > end[1] else (end, start)
    place, count = slot
    step = max(1.0, min(_LANE, (box[1] - yu) / (count + 1)))
    over = max([box[3] + place * _LANE] + [run.over[2] + _LANE for run in inner])
    above = max([over] + [run.over[1] + _LANE for run in inner if run.over[0] > xo])
    under = min([box[1] - place * step] + [run.under[2] - step for run in inner])
    below = min([under] + [run.under[1] - step for run in inner if run.under[0] > xu])
    # where an inner run's upright cannot be passed, it is crossed: a turn on the end's level
    # would run into the arrowhead along the icon, on one track with the others
    return min(above if above < yo else over, yo), max(below if below > yu else under, yu)


def _clear(corners: list[Point], obstacles: list[Rect]) -> bool:
    """Tell whether no piece between the corners runs into an obstacle."""
    return not any(
        _cuts(piece, other) for piece in itertools.pairwise(corners) for other in obstacles
    )


def _from_left(controls: list[Point], first: int, block: _Block) -> bool:
    """Tell whether a run through a block from above starts along a level piece from the left.

    Such a line (a function's network interface line, from beside the VPC)
    comes down outside the zone and in under the notes, instead of across the
    lines going round the block's right end.
    """
    (xa, ya), (xb, yb) = controls[first], controls[first + 3]
    level = abs(ya - yb) < _SAME and xa < xb
    return level and xa < block.door - 2 * _LANE and ya >= block.box[3]


def _left(
    start: Point, end: Point, block: _Block, obstacles: list[Rect], slot: int
) -> tuple[int, list[Point]] | None:
    """Return the slot taken and corners from a level piece down left of the zone, then in.

    `start` is where the level piece begins, `end` where the run ends under
    the block; None when the way meets an icon or another block.
    """
    box = block.box
    (xa, ya), (x2, y2) = start, end
    slot += 1
    door = block.door - slot * _LANE
    after = max(y2, box[1] - slot * _LANE)
    if y2 > box[1] or xa >= door:
        return None
    corners = _simplified([start, (door, ya), (door, after), (x2, after), end])
    pieces = list(itertools.pairwise(corners))
    if any(_cuts(piece, other) for piece in pieces for other in [*obstacles, box]):
        return None
    return slot, corners


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
