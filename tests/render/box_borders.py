"""Where a finished picture's labels and lines meet the borders of its boxes (issue 15).

Read from graphviz's JSON of the picture `archgen render` draws (findings
marked), never from pixels: each drawn box's rectangle (AWS Cloud, Region,
VPC, zone, subnet, Auto Scaling group, security group), each line label's
text, each line's curve. A label a border runs through reads as in both
boxes and the border as struck out; a line that runs along a border for a
stretch reads as part of the border, or the border as a line.
"""

from __future__ import annotations

import functools
import itertools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.picture_text import text_ops, text_rect

from archgen.layout.drawing import draw, plan
from archgen.layout.label_spots import bezier_points
from archgen.layout.laid import Point, Rect, hull
from archgen.loader import load_file
from archgen.rules.engine import run_rules

NEAR = 4.0
"""Points within which a line runs along a parallel border."""
ALONG = 10.0
"""Points a line may run that near a border (passing through it, say) before it reads as on it."""


@functools.cache
def picture(path: Path, view: str) -> dict[str, Any]:
    """Return graphviz's JSON of the picture `archgen render` draws of a design in a view.

    Drawn once per test process: several modules read the same pictures (not to be changed).
    """
    arch = load_file(path)
    drawn = draw(plan(arch, run_rules(arch), view), ("json",))
    result: dict[str, Any] = json.loads(drawn.outputs["json"])
    return result


def boxes(data: dict[str, Any]) -> list[tuple[str, Rect]]:
    """Return every box drawn with a border (a cluster with an outline), by name."""
    found = []
    for item in data.get("objects", []):
        ops = item.get("_draw_", [])
        if "bb" not in item or not any(op.get("op") in ("p", "P") for op in ops):
            continue
        left, bottom, right, top = (float(v) for v in item["bb"].split(","))
        found.append((str(item["name"]), (left, bottom, right, top)))
    return found


def labels(data: dict[str, Any]) -> list[tuple[str, Rect]]:
    """Return each line label's text box, by line id."""
    found = []
    for edge in data.get("edges", []):
        rects = [text_rect(op, size) for op, size in text_ops(edge.get("_ldraw_", []))]
        if rects:
            found.append((str(edge.get("id", edge["_gvid"])), hull(rects)))
    return found


def lines(data: dict[str, Any]) -> list[tuple[str, list[Point]]]:
    """Return each visible line's points along its curve, by line id."""
    found = []
    for edge in data.get("edges", []):
        ops = edge.get("_draw_", [])
        if any(op.get("style") == "invis" for op in ops):
            continue
        for op in ops:
            if op.get("op") == "b":
                points = bezier_points([(x, y) for x, y in op["points"]])
                found.append((str(edge.get("id", edge["_gvid"])), points))
    return found


def crosses_border(label: Rect, box: Rect) -> bool:
    """Tell whether one of a box's sides runs through a label's text."""
    left, bottom, right, top = box
    across = any(label[0] < x < label[2] for x in (left, right))
    level = any(label[1] < y < label[3] for y in (bottom, top))
    return (across and label[1] < top and bottom < label[3]) or (
        level and label[0] < right and left < label[2]
    )


def labels_on_borders(data: dict[str, Any]) -> list[str]:
    """Return 'line on box' for each label a box's border runs through."""
    return _against_boxes(
        data, labels(data), lambda label, box: crosses_border(label, box) and "on"
    )


def _against_boxes(
    data: dict[str, Any], items: list[tuple[str, Any]], said: Callable[[Any, Rect], str | bool]
) -> list[str]:
    """Return 'item WORDS box' for each item and box of which `said` gives words."""
    drawn = boxes(data)
    found = ((item, name, said(value, box)) for item, value in items for name, box in drawn)
    return [f"{item} {words} {name}" for item, name, words in found if words]


def along(points: list[Point], box: Rect) -> float:
    """Return the longest stretch (points) a curve runs within `NEAR` of one of a box's sides."""
    left, bottom, right, top = box
    sides = [(0, left, bottom, top), (0, right, bottom, top), (1, bottom, left, right)]
    sides.append((1, top, left, right))
    longest = 0.0
    for axis, at, low, high in sides:
        run = 0.0
        for a, b in itertools.pairwise(points):
            on = all(abs(p[axis] - at) <= NEAR and low <= p[1 - axis] <= high for p in (a, b))
            run = run + abs(b[1 - axis] - a[1 - axis]) if on else 0.0
            longest = max(longest, run)
    return longest


def lines_on_borders(data: dict[str, Any]) -> list[str]:
    """Return 'line along box' (with the stretch, in points) for each beyond `ALONG`."""
    return _against_boxes(data, lines(data), _along_words)


def _along_words(points: list[Point], box: Rect) -> str | bool:
    stretch = along(points, box)
    return stretch > ALONG and f"along ({stretch:.0f} pt)"
