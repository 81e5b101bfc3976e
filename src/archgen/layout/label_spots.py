"""Where the label of a rerouted line goes: beside the line, on no other line, label or icon.

dot places the labels of the lines it routes itself; a line the tidy pass
routes again (`route`) needs a spot of its own. Candidates run along the
line, beside each vertical run and above or below each level one, nearest its
ends first; the first spot that meets nothing drawn wins. Sizes are estimated
from the text: DejaVu Sans is about 0.55 em a character, a badge 24 points.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Iterable, Iterator, Sequence

from archgen.layout import style
from archgen.layout.label_cost import Drawn, weigh
from archgen.layout.label_slide import Slides, beside, centred
from archgen.layout.laid import Laid, Point, Rect
from archgen.layout.near_views import Joined
from archgen.layout.nearby import Grid, Nearby, as_box_grid, as_segment_grid
from archgen.layout.scene import Edge, Group
from archgen.layout.span_titles import TITLE_FIRST, TITLE_LINE, title_lines

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
Segment = tuple[Point, Point]
Segments = Iterable[Segment] | Nearby
"""Straight pieces, or a grid of them built once by a caller that asks often."""
Boxes = Iterable[Rect] | Grid[Rect] | Joined[Rect]
"""Boxes, or a grid of them (or two) built once by a caller that asks often."""
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
    """Return the boxes of the boxes' own titles, at their top left corners, line by line.

    A title may run over several lines (a security group's, a box across
    zones' wrapped by `span_titles`): reckoned one line high, the lines under
    the first were free room to a label, which then sat on them.
    """
    boxes = []
    for group in groups:
        box = laid.clusters.get(f"cluster_{group.id}")
        if box is not None and group.kind != "asg-slot":
            left, _, _, top = box
            lines = title_lines(group, laid)
            wide = max(
                [len(line) * _GROUP_CHAR for line in lines]
                + [len(t) * _NOTE_CHAR for _, t in group.notes]
            )
            high = TITLE_FIRST + TITLE_LINE * (len(lines) - 1) + _NOTE_LINE * len(group.notes)
            boxes.append((left, top - high, left + 36 + wide, top))
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
    """Return points along a graphviz spline (its first, `;` apart), eight per cubic piece.

    A list of its own each time: callers turn it round or cut it.
    """
    return list(_curve(route))


@functools.lru_cache(maxsize=4096)
def _curve(route: str) -> tuple[Point, ...]:
    """Return `curve_points` of a spline, worked out once per spline.

    The tidy pass asks for the points of every line in most of its steps,
    four times each on average, while only a few lines change between them.
    """
    words = [w for w in route.split(";")[0].split() if not w.startswith(("e,", "s,"))]
    return tuple(bezier_points([(float(a), float(b)) for a, b in (w.split(",") for w in words)]))


def bezier_points(controls: Sequence[Point]) -> list[Point]:
    """Return the first control point, then eight points along each cubic piece that follows."""
    points = list(controls[:1])
    for start in range(0, len(controls) - 3, 3):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = controls[start : start + 4]
        points += [
            (a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3)
            for a, b, c, d in _BERNSTEIN
        ]
    return points


_BERNSTEIN = [
    ((1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t**3)
    for t in (step / 8 for step in range(1, 9))
]
"""The weights of a cubic piece's four control points at its eight points: the same for all."""


def spot_near(
    edge: Edge,
    points: list[Point],
    segments: Segments,
    boxes: Boxes,
    known: Sizes,
    sides: Segments = (),
    worse: float = math.inf,
) -> Point | None:
    """Return a spot beside a curve, from its middle outwards, where the label meets least.

    A free spot wins; failing one, the spot over the fewest texts and icons
    (then lines): a label over a line still reads, one over another text
    does not. Beside each point of the curve first, nearest the line first;
    then slid along the stretch to the next point until it just clears what
    it met: graphviz gives a long straight run as one cubic piece, its points
    tens of points apart, and a free window between two of them is otherwise
    never tried. A slid spot touches what it cleared, so it comes last.
    A spot weighing `worse` or more is none: a caller that keeps a label
    where it is unless a spot weighs less says so, and its search is shorter.
    """
    drawn = _drawn(segments, boxes, sides)
    width, height = label_size(edge, known)
    slides = Slides(drawn, (width, height), _GAPS, points)
    middle = len(points) // 2
    order = sorted(range(len(points)), key=lambda i: abs(i - middle))
    stretches = [i for i in order if i + 1 < len(points)]
    best = _Best(worse)
    for gap in _GAPS:
        for i in order:
            for centre in beside(points[i], width, height, gap):
                cost = weigh(centred(centre, width, height), drawn, points, best.limit)
                if best.offer(cost, centre):
                    return centre
    for gap in _GAPS:
        for i in stretches:
            for centre, near in slides.spots(i, gap):
                cost = weigh(centred(centre, width, height), drawn, points, best.limit, near)
                if best.offer(cost, centre):
                    return centre
    return best.spot


class _Best:
    """The first of the cheapest spots so far, and what a spot must weigh less than to win."""

    def __init__(self, worse: float) -> None:
        self.limit = worse
        self.spot: Point | None = None

    def offer(self, cost: int, centre: Point) -> bool:
        """Keep a spot that weighs less than the best so far; tell whether it is a free one."""
        if cost >= self.limit:  # as dear as the best: the first of equals stays
            return False
        self.limit, self.spot = cost, centre
        return cost == 0


def weight(
    box: Rect,
    segments: Segments,
    boxes: Boxes,
    sides: Segments = (),
    own: list[Point] | None = None,
) -> int:
    """Return how much a label's box meets: an icon or text 10, a line 3, a box's side 2 each.

    Given its own line's points, a box that another line comes nearer than
    its own (`label_owner`) weighs 2 more: it names the wrong line (`label_cost`).
    Each is asked of a grid (built once by the caller) for what lies near the box.
    """
    return weigh(box, _drawn(segments, boxes, sides), own)


def _drawn(segments: Segments, boxes: Boxes, sides: Segments) -> Drawn:
    """Return what a label keeps off, as grids (those the caller built once are kept)."""
    under = boxes if isinstance(boxes, Joined) else as_box_grid(boxes)
    return Drawn(as_segment_grid(segments), under, as_segment_grid(sides))


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
    field = _drawn(segments, boxes, borders)
    width, height = label_size(edge, known)
    best: tuple[int, Point] | None = None
    for centre in _candidates(corners, width, height):
        limit = best[0] if best is not None else math.inf  # a spot as dear as the best loses
        cost = weigh(label_box(edge, centre, known), field, drawn or corners, limit)
        if cost < limit:
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
