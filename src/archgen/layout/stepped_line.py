"""A line's route as cubic controls, and the steps that replace runs of it (`off_notes`).

graphviz writes a route as its arrowheads' tips, then its cubic controls;
a step round a block of text replaces a run of those controls with straight
pieces through corners, and moves the arrowhead's tip over the last one.
"""

from __future__ import annotations

from archgen.layout.laid import Point, Rect, number
from archgen.layout.notes_step import cubic
from archgen.layout.scene import Edge


class Line:
    """A line's route as graphviz writes it: its arrowheads' tips, then its cubic controls."""

    def __init__(self, edge: Edge, words: list[str]) -> None:
        self.edge = edge
        self.arrows = [w for w in words if w.startswith(("e,", "s,"))]
        self.controls = [_point(w) for w in words if not w.startswith(("e,", "s,"))]
        self.bounds = bounds(self.controls)
        """The controls' bounds, which hold the curve: most blocks lie far from it."""

    def route(self) -> str:
        """Return the route as graphviz writes it."""
        return " ".join([*self.arrows, *(_word(point) for point in self.controls)])

    def arrive(self, x: float) -> None:
        """Move the arrowhead's tip to `x`, over or under the line's last control."""
        self.arrows = [
            f"e,{number(x)},{w.split(',')[2]}" if w.startswith("e,") else w for w in self.arrows
        ]


Step = tuple[Line, int, int, list[Point], float]
"""A line, the first and last control of its run, the corners that replace it, its end's x."""


def stepped(line: Line, step: Step) -> list[Point]:
    """Return a line's cubic controls with its run stepped."""
    _, first, last, corners, _ = step
    return [*line.controls[:first], *cubic(corners), *line.controls[last + 1 :]]


def apply(steps: list[Step]) -> set[str]:
    """Give each line its stepped run; return the ids of the lines stepped."""
    for line, first, last, corners, x in steps:
        controls = line.controls
        ends = last == len(controls) - 1  # the run ends where the line does, at its arrowhead
        line.controls[:] = [*controls[:first], *cubic(corners), *controls[last + 1 :]]
        if ends:  # a run in the middle (a NAT gateway's line, rising) keeps its arrowhead
            line.arrive(x)
        line.bounds = bounds(line.controls)  # the next block meets the stepped line
    return {line.edge.id for line, *_ in steps}


def bounds(controls: list[Point]) -> Rect:
    """Return the bounds of a line's controls, which hold its curve."""
    xs = [x for x, _ in controls] or [0.0]
    ys = [y for _, y in controls] or [0.0]
    return (min(xs), min(ys), max(xs), max(ys))


def _point(word: str) -> Point:
    x, y = word.split(",")
    return (float(x), float(y))


def _word(point: Point) -> str:
    return f"{number(point[0])},{number(point[1])}"
