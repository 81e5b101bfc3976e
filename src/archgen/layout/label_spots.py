"""Where the label of a rerouted line goes: beside the line, on no other line, label or icon.

dot places the labels of the lines it routes itself; a line the tidy pass
routes again (`route`) needs a spot of its own. Candidates run along the
line, beside each vertical run and above or below each level one, nearest its
ends first; the first spot that meets nothing drawn wins. Sizes are estimated
from the text: DejaVu Sans is about 0.55 em a character, a badge 24 points.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence

from archgen.layout import style
from archgen.layout.label_owner import astray, meets
from archgen.layout.laid import Laid, Point, Rect, hull
from archgen.layout.nearby import Grid, Nearby, as_box_grid, as_segment_grid, segment_bounds
from archgen.layout.scene import Edge, Group

_CHAR = 0.55 * float(style.FONT_SIZES["edge"])
_BADGE = 24.0
_LINE = 1.25 * float(style.FONT_SIZES["edge"])
_GROUP_CHAR = 0.6 * float(style.FONT_SIZES["group"])
_NOTE_CHAR = 0.6 * float(style.FONT_SIZES["note"])
_NOTE_LINE = 1.4 * float(style.FONT_SIZES["note"])
"""Points of one note line under a box's name (network view: a route, a NACL)."""
_GAP = 6.0
"""Points between a line and its label."""
_GAPS = (_GAP, 3 * _GAP, 6 * _GAP)
"""Points between a moved label and its line, nearest first: farther only where nearer is taken."""
_CLEAR = 0.01
"""Points a label slid along its line keeps from the edge of what it slid off: just enough
that the edge no longer counts as met. A window may be barely the label's height (the
three-AZ network view's, between two subnets, has 0.05 points to spare)."""

Segment = tuple[Point, Point]
Segments = Iterable[Segment] | Nearby
"""Straight pieces, or a grid of them built once by a caller that asks often."""
Boxes = Iterable[Rect] | Grid[Rect]
"""Boxes, or a grid of them built once by a caller that asks often."""
Sizes = dict[str, Point]
"""Label sizes dot measured, by line id."""


def label_box(edge: Edge, centre: Point, known: Sizes) -> Rect:
    """Return the box a line's label takes around its centre."""
    width, height = label_size(edge, known)
    x, y = centre
    return (x - width / 2, y - height / 2, x + width / 2, y + height / 2)


def label_size(edge: Edge, known: Sizes) -> Point:
    """Return a label's size in points: as dot measured it, else estimated from its text."""
    if edge.id in known:
        return known[edge.id]
    lines = edge.label.split("\n") if edge.label else [""]
    return (
        max(len(line) for line in lines) * _CHAR + _BADGE * len(edge.badges),
        _LINE * len(lines),
    )


def group_label_boxes(laid: Laid, groups: list[Group]) -> list[Rect]:
    """Return the boxes of the boxes' own labels, at their top left corners."""
    boxes = []
    for group in groups:
        box = laid.clusters.get(f"cluster_{group.id}")
        if box is not None and group.kind != "asg-slot":
            left, _, _, top = box
            wide = max(
                [len(group.label) * _GROUP_CHAR, *(len(t) * _NOTE_CHAR for _, t in group.notes)]
            )
            boxes.append((left, top - 24 - _NOTE_LINE * len(group.notes), left + 36 + wide, top))
    return boxes


def overlaps(a: Rect, b: Rect) -> bool:
    """Tell whether two boxes share any area."""
    return _overlap(a, b)


def drawn_segments(laid: Laid) -> list[Segment]:
    """Return every line as short straight pieces along its drawn curve."""
    segments = []
    for route in laid.routes.values():
        segments += list(itertools.pairwise(curve_points(route)))
    return segments


def curve_points(route: str) -> list[Point]:
    """Return points along a graphviz spline (its first, `;` apart), eight per cubic piece."""
    words = [w for w in route.split(";")[0].split() if not w.startswith(("e,", "s,"))]
    return bezier_points([(float(a), float(b)) for a, b in (w.split(",") for w in words)])


def bezier_points(controls: Sequence[Point]) -> list[Point]:
    """Return the first control point, then eight points along each cubic piece that follows."""
    points = list(controls[:1])
    for start in range(0, len(controls) - 3, 3):
        p0, p1, p2, p3 = controls[start : start + 4]
        for step in range(1, 9):
            t = step / 8
            a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t**3
            points.append(
                (
                    a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                    a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1],
                )
            )
    return points


def spot_near(
    edge: Edge,
    points: list[Point],
    segments: Segments,
    boxes: Boxes,
    known: Sizes,
    sides: Segments = (),
) -> Point | None:
    """Return a spot beside a curve, from its middle outwards, where the label meets least.

    A free spot wins; failing one, the spot over the fewest texts and icons
    (then lines): a label over a line still reads, one over another text
    does not. Beside each point of the curve first, nearest the line first;
    then slid along the stretch to the next point until it just clears what
    it met: graphviz gives a long straight run as one cubic piece, its points
    tens of points apart, and a free window between two of them is otherwise
    never tried. A slid spot touches what it cleared, so it comes last.
    """
    segments, boxes, sides = as_segment_grid(segments), as_box_grid(boxes), as_segment_grid(sides)
    width, height = label_size(edge, known)
    middle = len(points) // 2
    order = sorted(range(len(points)), key=lambda i: abs(i - middle))
    stretches = [(points[i], points[i + 1]) for i in order if i + 1 < len(points)]
    drawn = (segments, boxes, sides)
    best: tuple[int, Point] | None = None
    for centre in itertools.chain(
        (c for gap in _GAPS for i in order for c in _beside(points[i], width, height, gap)),
        (
            c
            for gap in _GAPS
            for a, b in stretches
            for c in _slid(a, b, (width, height, gap), drawn)
        ),
    ):
        cost = weight(label_box(edge, centre, known), segments, boxes, sides, points)
        if cost == 0:
            return centre
        if best is None or cost < best[0]:
            best = (cost, centre)
    return best[1] if best is not None else None


def _beside(point: Point, width: float, height: float, gap: float) -> list[Point]:
    """Return the centres of a label `gap` points right of, left of, above and below a point."""
    x, y = point
    return [
        (x + width / 2 + gap, y),
        (x - width / 2 - gap, y),
        (x, y + height / 2 + gap),
        (x, y - height / 2 - gap),
    ]


def _slid(
    start: Point,
    end: Point,
    shape: tuple[float, float, float],
    drawn: tuple[Nearby, Grid[Rect], Nearby],
) -> Iterator[Point]:
    """Yield the spots between two points of a curve where a label beside it just clears something.

    On each side the label slides from its spot at `start` to its spot at
    `end`; every icon, text, line or border near that sweep bounds a free
    window (if any) along it, so the spots `_CLEAR` points past each one's
    near and far edge are the windows' ends.
    """
    width, height, gap = shape
    lines, boxes, sides = drawn
    for first, last in zip(
        _beside(start, width, height, gap), _beside(end, width, height, gap), strict=True
    ):
        axis = 1 if abs(last[1] - first[1]) >= abs(last[0] - first[0]) else 0
        run = last[axis] - first[axis]
        if abs(run) < _CLEAR:
            continue
        half = (height if axis else width) / 2 + _CLEAR
        swept = hull([_centred(first, width, height), _centred(last, width, height)])
        found = [*boxes.near(swept), *map(segment_bounds, [*lines.near(swept), *sides.near(swept)])]
        edges = sorted({v for b in found for v in (b[axis] - half, b[axis + 2] + half)})
        for target in edges:
            share = (target - first[axis]) / run
            if 0 < share < 1:
                yield (
                    first[0] + share * (last[0] - first[0]),
                    first[1] + share * (last[1] - first[1]),
                )


def _centred(centre: Point, width: float, height: float) -> Rect:
    x, y = centre
    return (x - width / 2, y - height / 2, x + width / 2, y + height / 2)


def weight(
    box: Rect,
    segments: Segments,
    boxes: Boxes,
    sides: Segments = (),
    own: list[Point] | None = None,
) -> int:
    """Return how much a label's box meets: an icon or text 10, a line 3, a box's side 2 each.

    Given its own line's points, a box that another line comes nearer than
    its own (`label_owner`) weighs `_ASTRAY` more: it names the wrong line.
    Each is asked of a grid (built once by the caller) for what lies near the box.
    """
    lines, under, borders = as_segment_grid(segments), as_box_grid(boxes), as_segment_grid(sides)
    cost = 10 * sum(_overlap(b, box) for b in under.near(box))
    cost += 3 * sum(meets(s, box) for s in lines.near(box))
    cost += _ASTRAY if own is not None and astray(box, own, lines) else 0
    return cost + _BORDER * sum(meets(s, box) for s in borders.near(box))


_BORDER = 2
"""What each box side through a label weighs: two nested boxes' sides (a zone's and its
subnet's, side by side) outweigh a line, which a reader follows on past the label; a label
on borders reads as in two boxes at once, the borders as struck out (issue 15)."""
_ASTRAY = 2
"""What a label nearer another line than its own weighs: less than a line under it, far less
than a hidden name (a reader still finds an ambiguous label's line, never a covered name),
but enough to choose, among spots otherwise alike, the one beside its own line."""


def spot(
    edge: Edge,
    corners: list[Point],
    segments: Segments,
    boxes: Boxes,
    known: Sizes,
    borders: Segments = (),
    drawn: list[Point] | None = None,
) -> Point:
    """Return the spot beside the line where its label meets the least.

    `segments` are the other lines; `drawn` is the line's own curve as drawn
    (its corners rounded), which a label must be nearer than any other line.
    An icon or another label under it weighs most, a spot nearer another line
    next, another line less, a box's border least; the first of equally good
    spots wins.
    """
    lines, under = as_segment_grid(segments), as_box_grid(boxes)
    sides = as_segment_grid(borders)
    width, height = label_size(edge, known)
    best: tuple[int, Point] | None = None
    for centre in _candidates(corners, width, height):
        cost = weight(label_box(edge, centre, known), lines, under, sides, drawn or corners)
        if best is None or cost < best[0]:
            best = (cost, centre)
        if cost == 0:
            break
    return best[1] if best is not None else corners[0]


def _candidates(corners: list[Point], width: float, height: float) -> Iterator[Point]:
    runs = list(itertools.pairwise(corners))
    order = [runs[0], runs[-1], *runs[1:-1]]
    for (x1, y1), (x2, y2) in order:
        for share in (0.5, 0.3, 0.7):
            x, y = x1 + (x2 - x1) * share, y1 + (y2 - y1) * share
            if abs(x2 - x1) < abs(y2 - y1):  # a vertical run: beside it
                if abs(y2 - y1) >= height:
                    yield (x + width / 2 + _GAP, y)
                    yield (x - width / 2 - _GAP, y)
            elif abs(x2 - x1) >= width:  # a level run: above or below it
                yield (x, y + height / 2 + _GAP / 2)
                yield (x, y - height / 2 - _GAP / 2)


def _overlap(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
