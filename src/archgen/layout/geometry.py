"""Where graphviz put everything, in draw.io's frame: top-left origin, y down, points.

Parsed from `dot -Tjson` of the same DOT that drew the PNG and SVG, so the
editable diagram shows the same picture. The parsed form is small and free of
machine paths, so tests can record it and feed the draw.io renderer with it.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from archgen.layout import style

POINTS_PER_INCH = 72.0

Point = tuple[float, float]


@dataclass(frozen=True)
class Box:
    """A rectangle by its top-left corner and size, absolute."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Geometry:
    """The laid-out picture: cluster and node boxes by name, edge routes and labels by edge id."""

    width: float
    height: float
    clusters: dict[str, Box]
    nodes: dict[str, Box]
    edges: dict[str, tuple[Point, ...]]
    labels: dict[str, Point]
    """The centre graphviz gave each edge label, clear of every other label."""
    legend_columns: int = 1
    """The columns the legend's rows flow down (`legend_grid`), for draw.io to flow them alike."""
    titles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """A box's title lines as drawn, where it runs over more than one (a wrapped title)."""

    def to_json(self) -> str:
        """Return the geometry as stable JSON (a recorded fixture for tests)."""
        return json.dumps(asdict(self), indent=1, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Geometry:
        """Read a geometry written by `to_json`."""
        data = json.loads(text)
        return cls(
            width=data["width"],
            height=data["height"],
            clusters={name: Box(**box) for name, box in data["clusters"].items()},
            nodes={name: Box(**box) for name, box in data["nodes"].items()},
            edges={key: tuple((x, y) for x, y in points) for key, points in data["edges"].items()},
            labels={key: (x, y) for key, (x, y) in data["labels"].items()},
            legend_columns=data.get("legend_columns", 1),
            titles={key: tuple(lines) for key, lines in data.get("titles", {}).items()},
        )


def from_dot_json(raw: bytes) -> Geometry:
    """Parse graphviz's JSON output into a Geometry."""
    data: dict[str, Any] = json.loads(raw)
    left, bottom, right, top = (float(v) for v in data["bb"].split(","))

    def flip(x: float, y: float) -> Point:
        return (round(x - left, 2), round(top - y, 2))

    clusters: dict[str, Box] = {}
    nodes: dict[str, Box] = {}
    titles: dict[str, tuple[str, ...]] = {}
    for item in data.get("objects", []):
        name = item["name"]
        if name.startswith("cluster") and "bb" in item:
            a, b, c, d = (float(v) for v in item["bb"].split(","))
            x, y = flip(a, d)
            clusters[name] = Box(x, y, round(c - a, 2), round(d - b, 2))
            lines = _title_lines(item.get("_ldraw_", []))
            if len(lines) > 1:
                titles[name] = lines
        elif "pos" in item:
            cx, cy = (float(v) for v in item["pos"].split(","))
            width = float(item["width"]) * POINTS_PER_INCH
            height = float(item["height"]) * POINTS_PER_INCH
            x, y = flip(cx, cy)
            nodes[name] = Box(
                round(x - width / 2, 2), round(y - height / 2, 2), round(width, 2), round(height, 2)
            )
    edges: dict[str, tuple[Point, ...]] = {}
    labels: dict[str, Point] = {}
    for edge in data.get("edges", []):
        if "id" in edge and "pos" in edge:
            edges[edge["id"]] = tuple(flip(x, y) for x, y in _on_curve(edge["pos"]))
        place = edge.get("lp") or edge.get("xlp")  # xlp: a label placed after the layout
        if "id" in edge and place:
            labels[edge["id"]] = flip(*(float(v) for v in place.split(",")))
    size = (round(right - left, 2), round(top - bottom, 2))
    return Geometry(*size, clusters, nodes, edges, labels, _legend_columns(data), titles)


def _legend_columns(data: dict[str, Any]) -> int:
    """Return how many columns the legend's rows flow down: its title spans two cells of each."""
    legend = next((o for o in data.get("objects", []) if o.get("name") == "legend"), None)
    found = re.search(r'COLSPAN="(\d+)"', legend.get("label", "")) if legend else None
    return int(found.group(1)) // 2 if found else 1


def _title_lines(ops: list[dict[str, Any]]) -> tuple[str, ...]:
    """Return the lines of a box's title as graphviz wrote them: its texts at the title's size.

    A marker's rule ids and a note (a route, a NACL) are written smaller.
    """
    size, lines = 0.0, []
    for op in ops:
        if op.get("op") == "F":
            size = float(op["size"])
        elif op.get("op") == "T" and size == float(style.FONT_SIZES["group"]):
            lines.append(str(op["text"]).replace("\xa0", " ").strip())
    return tuple(lines)


def _on_curve(pos: str) -> list[Point]:
    """Return the points a B-spline passes through: p1, p4, p7... of its control points."""
    controls: list[Point] = []
    for token in pos.split(";")[0].split():
        if token.startswith(("e,", "s,")):
            continue
        x, y = token.split(",")
        controls.append((float(x), float(y)))
    return controls[::3]
