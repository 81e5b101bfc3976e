"""The lines of a drawn picture, read from graphviz's JSON: their curves, and how they meet.

Shared by the layout quality report and the tests that hold its figures: each
visible edge as points along its curve with its label's box and anchor, the
pairs of lines that cross (leaving out pairs that share an end), and the pairs
that run on one track for a stretch, which no crossing count sees.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from archgen.layout.label_spots import bezier_points
from archgen.layout.laid import hull
from archgen.layout.title_box import runs_through as enters
from benchmarks.picture_text import Rect, text_ops, text_rect

Point = tuple[float, float]


@dataclass(frozen=True)
class Line:
    """One drawn edge: its ends' graphviz ids, points along its curve, its label's box and spot."""

    tail: int
    head: int
    points: list[Point]
    label: Rect | None
    label_at: Point | None


def bezier(controls: list[list[float]]) -> list[Point]:
    """Return points along a piecewise cubic B-spline of graphviz's JSON, 8 per piece."""
    return bezier_points([(x, y) for x, y in controls])


def _visible(ops: list[dict[str, Any]]) -> bool:
    return not any(op.get("op") == "S" and op.get("style") == "invis" for op in ops)


def drawn_lines(data: dict[str, Any]) -> list[Line]:
    """Return every drawn line: its ends, its curve, and its label's box and centre."""
    lines = []
    for edge in data.get("edges", []):
        ops = edge.get("_draw_", [])
        curves = [op["points"] for op in ops if op.get("op") == "b"]
        if not curves or not _visible(ops):
            continue
        points = [p for curve in curves for p in bezier(curve)]
        label_ops = edge.get("_ldraw_", [])
        rects = [text_rect(op, size) for op, size in text_ops(label_ops)]
        label = hull(rects) if rects else None
        anchor = edge.get("lp") or edge.get("xlp")
        label_at = tuple(float(v) for v in anchor.split(",")) if anchor else None
        lines.append(Line(edge["tail"], edge["head"], points, label, label_at))  # type: ignore[arg-type]
    return lines


def _segments_cross(a: Point, b: Point, c: Point, d: Point) -> bool:
    def side(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return side(a, b, c) * side(a, b, d) < 0 and side(c, d, a) * side(c, d, b) < 0


def _cross(first: list[Point], second: list[Point]) -> bool:
    return any(
        _segments_cross(a, b, c, d)
        for a, b in itertools.pairwise(first)
        for c, d in itertools.pairwise(second)
    )


def crossings(lines: list[Line]) -> int:
    """Count the pairs of lines that cross, leaving out pairs that share an end."""
    return sum(
        _cross(one.points, two.points)
        for one, two in itertools.combinations(lines, 2)
        if not {one.tail, one.head} & {two.tail, two.head}
    )


def shared_tracks(lines: list[Line]) -> int:
    """Count the pairs of lines with a level or upright stretch on one track."""
    runs = [_runs(line.points) for line in lines]
    return sum(
        any(_one_track(a, b) for a in first for b in second)
        for first, second in itertools.combinations(runs, 2)
    )


def _runs(points: list[Point]) -> list[tuple[int, float, float, float]]:
    """Return a line's level (axis 1) and upright (axis 0) pieces: axis, track, from, to."""
    runs = []
    for a, b in itertools.pairwise(points):
        for axis in (0, 1):
            if abs(a[axis] - b[axis]) < 0.5 and abs(a[1 - axis] - b[1 - axis]) >= 0.5:
                low, high = sorted((a[1 - axis], b[1 - axis]))
                runs.append((axis, a[axis], low, high))
    return runs


def _one_track(a: tuple[int, float, float, float], b: tuple[int, float, float, float]) -> bool:
    same = a[0] == b[0] and abs(a[1] - b[1]) < 1
    return same and min(a[3], b[3]) - max(a[2], b[2]) > 3


def runs_through(line: Line, box: Rect, margin: float = 1.0) -> bool:
    """Tell whether a line's curve enters `box` (shrunk by `margin`) between two of its points."""
    inner = (box[0] + margin, box[1] + margin, box[2] - margin, box[3] - margin)
    return enters(line.points, inner)
