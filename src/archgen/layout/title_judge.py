"""Whether a line stepped round a box's title reads better than it did through it.

A step round a subnet's notes is always taken where it clears (`off_notes`):
the notes are a block of text across most of the subnet. A security group's
or an Auto Scaling group's title is two or three short lines in a crowded
corner, and a step round it can cost more than it gains: it may cross lines
it did not cross, run on another line's track, or cross a line's label. Such
a step is not taken; the line keeps its way through the title.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable

from archgen.layout.label_spots import bezier_points
from archgen.layout.laid import Laid, Point, Rect

Segment = tuple[Point, Point]
"""A straight stretch of a drawn line."""

_TRACK = 3.0
"""Points within which two level or upright stretches share one track."""
_ALONG = 4.0
"""Points two stretches on one track must share to be read as one line."""


def fair(new: list[Point], old: list[Point], others: list[list[Point]], labels: list[Rect]) -> bool:
    """Tell whether corners `new` may replace the run `old` (its cubic controls).

    `others` are the other lines' cubic controls, `labels` their labels'
    boxes. The new way must cross no more lines than the old, share no
    line's track it did not share, and cross no label the old way missed.
    """
    stretches = _way(list(itertools.pairwise(new)))
    before = _stretches(old)
    theirs = [_stretches(line) for line in others]
    for test in (_cross, _on_track):
        if _count(test, stretches, theirs) > _count(test, before, theirs):
            return False
    return not any(_cut(stretches, box) and not _cut(before, box) for box in labels)


def fair_plan(
    before: dict[str, list[Point]], after: dict[str, list[Point]], labels: list[Rect]
) -> bool:
    """Tell whether the lines stepped round a block (`after`, by id) may all be taken at once.

    `before` holds every line's cubic controls as they are. Judged one by
    one, each step meets the others' old ways, which the plan changes too;
    judged together, the stepped lines must cross no more pairs, share no
    more tracks and cross no label their old ways missed.
    """
    old = {key: _stretches(controls) for key, controls in before.items()}
    new = old | {key: _stretches(controls) for key, controls in after.items()}
    pairs = [(a, b) for a in after for b in old if a != b and (b not in after or a < b)]
    for test in (_cross, _on_track):
        was = sum(_meets(test, old[a], old[b]) for a, b in pairs)
        if sum(_meets(test, new[a], new[b]) for a, b in pairs) > was:
            return False
    return not any(
        _cut(new[key], box) and not _cut(old[key], box) for key in after for box in labels
    )


Test = Callable[[Segment, Segment], bool]
"""A test of two stretches: whether they cross, or share a track."""


def keeps_label(label: Point | None, old: list[Point], new: list[Point]) -> bool:
    """Tell whether a stepped line (cubic controls `new`) stays as near its label as it was.

    `free_labels` moves a label a line crosses, not one a line left: a step
    that takes a line away from its label would leave the label floating.
    """
    if label is None:
        return True
    return _gap(label, new) <= _gap(label, old) + _SLACK


_SLACK = 8.0
"""Points further from its label a stepped line may run: one lane."""


def _gap(label: Point, controls: list[Point]) -> float:
    return min(math.dist(label, point) for point in bezier_points(controls))


def _stretches(controls: list[Point]) -> list[Segment]:
    """Return a line's stretches, eight per cubic piece, a straight piece's joined into one."""
    return _way(list(itertools.pairwise(bezier_points(controls))))


def _way(stretches: list[Segment]) -> list[Segment]:
    """Return the stretches with each run of level, or of upright, ones joined into one."""
    joined: list[Segment] = []
    for a, b in stretches:
        if joined and _one_way(joined[-1], (a, b)):
            joined[-1] = (joined[-1][0], b)
        else:
            joined.append((a, b))
    return joined


def _one_way(a: Segment, b: Segment) -> bool:
    level = all(abs(p[1] - a[0][1]) < _SAME for p in (*a, *b))
    return level or all(abs(p[0] - a[0][0]) < _SAME for p in (*a, *b))


_SAME = 0.5
"""Points within which two coordinates are one (graphviz writes two decimals)."""


def _count(test: Test, mine: list[Segment], theirs: Iterable[list[Segment]]) -> int:
    """Return how many of the other lines meet one of `mine` by `test`."""
    return sum(_meets(test, mine, line) for line in theirs)


def _meets(test: Test, mine: list[Segment], theirs: list[Segment]) -> bool:
    """Tell whether a stretch of `mine` and one of `theirs` meet by `test` (near ones only)."""
    return any(test(a, b) for a in mine for b in theirs if _near(a, b))


def _near(a: Segment, b: Segment) -> bool:
    (x1, y1), (x2, y2) = a
    (x3, y3), (x4, y4) = b
    return (
        min(x1, x2) - _TRACK <= max(x3, x4)
        and min(x3, x4) - _TRACK <= max(x1, x2)
        and min(y1, y2) - _TRACK <= max(y3, y4)
        and min(y3, y4) - _TRACK <= max(y1, y2)
    )


def _cross(a: Segment, b: Segment) -> bool:
    """Tell whether two stretches cross strictly (not at an end they share)."""
    (p, q), (r, s) = a, b
    d1, d2 = _side(r, s, p), _side(r, s, q)
    d3, d4 = _side(p, q, r), _side(p, q, s)
    return d1 * d2 < 0 and d3 * d4 < 0


def _side(a: Point, b: Point, c: Point) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def _on_track(a: Segment, b: Segment) -> bool:
    """Tell whether a level or upright stretch runs on another's track for a while."""
    (x1, y1), (x2, y2) = a
    (x3, y3), (x4, y4) = b
    level = abs(y1 - y2) < _TRACK and abs(y3 - y4) < _TRACK and abs(y1 - y3) < _TRACK
    upright = abs(x1 - x2) < _TRACK and abs(x3 - x4) < _TRACK and abs(x1 - x3) < _TRACK
    if level:
        return min(max(x1, x2), max(x3, x4)) - max(min(x1, x2), min(x3, x4)) > _ALONG
    if upright:
        return min(max(y1, y2), max(y3, y4)) - max(min(y1, y2), min(y3, y4)) > _ALONG
    return False


def _cut(stretches: list[Segment], box: Rect) -> bool:
    return any(_cuts(a, box) for a in stretches)


def _cuts(a: Segment, box: Rect) -> bool:
    """Tell whether a stretch enters a box (sampled: a label is tens of points across)."""
    (x1, y1), (x2, y2) = a
    steps = max(1, int(max(abs(x2 - x1), abs(y2 - y1)) // 2))
    for k in range(steps + 1):
        x, y = x1 + (x2 - x1) * k / steps, y1 + (y2 - y1) * k / steps
        if box[0] < x < box[2] and box[1] < y < box[3]:
            return True
    return False


def label_boxes(laid: Laid) -> list[Rect]:
    """Return the boxes of the lines' labels where they stand now."""
    return [
        (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
        for edge, (x, y) in laid.labels.items()
        for w, h in [laid.label_sizes.get(edge, (0.0, 0.0))]
    ]
