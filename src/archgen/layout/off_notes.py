"""Lines stepped round a subnet's title and notes, which they would otherwise strike through.

In the network view a subnet's route table and NACL stand under its name, over
the icons (`title_box`). A line into an icon of the subnet comes down through
them; a NAT gateway's line rises out of its subnet through them. The tidy pass
gives such lines straight pieces (`route`, `keep_in`); here each run of
straight pieces across a block of notes steps aside (`notes_step`): it turns
over the block, passes it in a lane of its own beside its right end (the
block starts at the subnet's left side, `notes_room` keeps the lanes), and
turns under it back to where it was going. The lines round one block nest,
the one coming from further left inside, and arrive at a shared icon in that
order, so none crosses another; a line from the left of the zone comes down
outside it and in under the notes. A step keeps clear of every icon, every
other block and every border; a line no step clears is left as it was.
The titles of security-group boxes and boxes across zones are stepped round
the same way (`title_blocks`), a step taken only where it reads better
(`title_judge`); notes with titles under them are rounded at once.

Only straight pieces are stepped: the few curves dot drew itself over notes
are handed to `route` first (`notes_room.through_notes`).
"""

from __future__ import annotations

from archgen.layout.laid import Laid, Point, Rect
from archgen.layout.notes_step import (
    LANE,
    SAME,
    Block,
    Inner,
    Keep,
    from_left,
    left_door,
    near,
    round_right,
    straight,
)
from archgen.layout.scene import Group, Scene
from archgen.layout.stepped_line import Line, Step, apply, bounds, stepped
from archgen.layout.title_blocks import lane_limit, title_blocks, under_notes
from archgen.layout.title_box import note_blocks, runs_through
from archgen.layout.title_judge import fair, fair_plan, keeps_label, label_boxes


def step_round_notes(scene: Scene, laid: Laid, groups: list[Group]) -> None:
    """Step every line that runs through a subnet's notes on straight pieces round them.

    The titles of security-group boxes and of boxes across zones are stepped
    round too (`title_blocks`), after the notes: a line rounds a subnet's
    notes first, then the titles under them on its way to its icon.
    """
    zones = {
        subnet.id: laid.clusters[f"cluster_{zone.id}"][0]
        for zone in groups
        if zone.kind == "az" and f"cluster_{zone.id}" in laid.clusters
        for subnet in zone.groups
    }
    notes = [
        Block(box, laid.clusters[f"cluster_{group_id}"][2] - LANE, zones.get(group_id, box[0]))
        for group_id, box in note_blocks(laid, groups)
    ]
    titles = [
        Block(box, lane_limit(laid, group_id, box), box[0])
        for group_id, box in title_blocks(laid, groups)
    ]
    if not notes and not titles:
        return
    lines = {
        edge.id: Line(edge, route.split())
        for edge in scene.edges
        if (route := laid.routes.get(edge.id)) is not None
        and ";" not in route
        and edge.source in laid.nodes
        and edge.target in laid.nodes
    }
    sides = list(laid.clusters.values())
    stepped: set[str] = set()
    labels = label_boxes(laid)
    every = Keep([b.box for b in [*notes, *titles]], sides)
    for block in notes:
        steps = _plan(laid, lines, block, Keep([b.box for b in notes], sides), None)
        wider = under_notes(
            laid, block, [t.box for t in titles], [line.controls for line in lines.values()]
        )
        if wider is not None:  # round the notes and the titles under them at once, if as good
            round_both = _judged(laid, lines, wider, every, labels)
            steps = round_both if len(round_both) >= len(steps) else steps
        stepped |= apply(steps)
    for block in titles:
        stepped |= apply(_judged(laid, lines, block, every, labels))
    for edge_id in stepped:
        laid.routes[edge_id] = lines[edge_id].route()
        laid.rerouted.add(edge_id)


def _judged(
    laid: Laid, lines: dict[str, Line], block: Block, blocks: Keep, labels: list[Rect]
) -> list[Step]:
    """Return the steps round a title's block: all at once where fair, else each one fair.

    A run stepped round a title on its own often meets the others' old
    ways, which their own steps change; the whole plan is judged first.
    """
    steps = _plan(laid, lines, block, blocks, None, titled=True)
    changed = [
        p for line, one, two, corners, _ in steps for p in [*corners, *line.controls[one : two + 1]]
    ]
    area = bounds(changed)
    before = {key: line.controls for key, line in lines.items() if _meet(line.bounds, area)}
    after = {line.edge.id: stepped(line, step) for step in steps for line in [step[0]]}
    near = all(keeps_label(laid.labels.get(key), before[key], after[key]) for key in after)
    if steps and near and fair_plan(before, after, labels):
        return steps
    return _plan(laid, lines, block, blocks, labels, titled=True)


def _plan(
    laid: Laid,
    lines: dict[str, Line],
    block: Block,
    blocks: Keep,
    labels: list[Rect] | None,
    *,
    titled: bool = False,
) -> list[Step]:
    """Return the steps of the runs through one block round it (none is taken yet).

    `blocks.out` are the blocks a step keeps clear of, `blocks.sides` the
    boxes whose borders it keeps off. A block with titles in it (`titled`)
    keeps clear only of the blocks its run misses (a run through a subnet's
    notes goes on through a security group's title under them: that block's
    own step takes it round). With `labels`, a step is taken only where it
    reads better (`title_judge.fair`).
    """
    runs = [(line, r) for line in lines.values() if (r := _run(line, block)) is not None]
    runs.sort(key=lambda found: _nesting(found[0].controls, found[1]))
    slots = [0, 0]  # the lanes taken right of the block, and left of its zone
    inner: list[Inner] = []
    ports = _ports(runs)
    steps: list[Step] = []
    for line, (first, last) in runs:
        ends = (line.edge.source, line.edge.target, "legend")
        controls = line.controls
        run = controls[first : last + 1]
        others = [b for b in blocks.out if b != block.box]
        if titled:
            others = [b for b in others if not runs_through(run, b)]
        keep = Keep([*(b for n, b in laid.nodes.items() if n not in ends), *others], blocks.sides)
        side = 1 if from_left(controls, first, block) else 0
        start, end = (
            controls[first],
            (ports.get(line.edge.id, controls[last][0]), controls[last][1]),
        )
        keep = near(keep, start, end, block)
        found = left_door(start, end, block, keep, slots[1]) if side else None
        nested = len(inner)
        if found is None:  # no way in from the left (a zone's border in the way): round
            side = 0
            found = round_right(start, end, block, keep, (slots[0], inner, len(runs)))
        if found is None:
            continue
        if labels is not None and not _fair(
            laid, lines, (line, first, last, found[1], end[0]), steps, labels
        ):
            del inner[nested:]  # not taken: the next run nests as if it were not there
            continue
        slots[side], corners = found
        steps.append((line, first, last, corners, end[0]))
    return steps


def _fair(
    laid: Laid, lines: dict[str, Line], step: Step, steps: list[Step], labels: list[Rect]
) -> bool:
    """Tell whether one step round a title reads better (`title_judge`), among those planned."""
    line, first, last, corners, _ = step
    run = line.controls[first : last + 1]
    theirs = _theirs(lines, line, steps, bounds([*corners, *run]))
    label = laid.labels.get(line.edge.id)
    return fair(corners, run, theirs, labels) and keeps_label(
        label, line.controls, stepped(line, step)
    )


def _theirs(lines: dict[str, Line], line: Line, steps: list[Step], area: Rect) -> list[list[Point]]:
    """Return the cubic controls of the other lines near `area`, those planned as planned."""
    planned = {id(step[0]): step for step in steps}
    theirs = []
    for other in lines.values():
        step = planned.get(id(other))
        if other is line or not (step is not None or _meet(other.bounds, area)):
            continue
        theirs.append(other.controls if step is None else stepped(other, step))
    return theirs


def _ports(runs: list[tuple[Line, tuple[int, int]]]) -> dict[str, float]:
    """Return where each line that comes down round a block into a shared icon arrives.

    `spread_ends` spread the arrowheads on the icon for the routes dot drew;
    round the block the inner line must arrive furthest left, or the outer
    ones, turning in under it, would cross its last run (or, kept apart,
    meet the icon along one track).
    """
    shared: dict[str, list[tuple[Line, int]]] = {}
    for line, (first, last) in runs:
        ends_down = (
            last == len(line.controls) - 1 and line.controls[first][1] > line.controls[last][1]
        )
        if ends_down and any(w.startswith("e,") for w in line.arrows):
            shared.setdefault(line.edge.target, []).append((line, last))
    ports: dict[str, float] = {}
    for group in shared.values():
        xs = sorted(line.controls[last][0] for line, last in group)
        ports |= {line.edge.id: x for (line, _), x in zip(group, xs, strict=True)}
    return ports


def _run(line: Line, block: Block) -> tuple[int, int] | None:
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
    if not all(straight(controls[i : i + 4]) for i in range(first, last, 3)):
        return None
    box = block.box
    before = controls[first - 3 : first + 1] if first >= 3 else []
    if before and box[1] < before[-1][1] < box[3] and straight(before) and before[0][1] >= box[3]:
        first -= 3  # a level run along the block's top, from above: the run starts above
    after = controls[last : last + 4] if last + 3 < len(controls) else []
    if after and box[1] < after[0][1] < box[3] and straight(after) and after[-1][1] <= box[1]:
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
    return all(abs(p[1] - piece[0][1]) < SAME for p in piece)


def _nesting(controls: list[Point], run: tuple[int, int]) -> float:
    """Return where a run stands among those round one block: the first takes the inner lane.

    Lines stepped round one block nest, the inner one nearest the block (its
    lane, and its turns over and under it), so none crosses another: the one
    whose way over the block starts (or goes on) further left goes inside, as
    its way to the lane would cross the others' ways down.
    """
    (x1, y1), (x2, y2) = controls[run[0]], controls[run[1]]
    return x1 if y1 > y2 else x2


def _meet(a: Rect, b: Rect) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]
