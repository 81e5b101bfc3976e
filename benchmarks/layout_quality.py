"""How good archgen's pictures are, measured on graphviz's own output for every design.

For each architecture under architectures/ (the gallery included) the picture is
laid out as `archgen render` lays it out, and graphviz's JSON of that layout
(`-Tjson`: the drawing operations with every curve and every text's box) gives:

- crossings: pairs of lines that cross, leaving out pairs that share an end;
- tracks: pairs of lines that run on one track (one over the other) for a
  stretch, which no crossing count sees: the reader cannot tell them apart;
- through: lines that pass through a resource they do not join;
- subnets: lines that pass through a subnet holding neither of their ends;
- notes: lines that pass through a subnet's title or, in the network view,
  its notes (route table and NACL): text under a line does not read;
- titles: lines that pass through the title of a security group's box or
  of a box across zones (an Auto Scaling group's, an ECS service's);
- label gap: the largest distance (points) from a line's label to its line;
- label overlaps: pairs of texts of different things whose boxes overlap;
- labels crossed: edge labels that some other line runs through;
- row skew: the largest difference (points) in top, height, width or offset
  within its zone between subnets of one tier row;
- text @800: the smallest text, in pixels, once the PNG is shown 800 px wide;
- Mpx: the PNG page's size in megapixels (its drawing time grows with it);
- time: one layout, in milliseconds.

    python benchmarks/layout_quality.py [PATH ...]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from archgen.layout.drawing import draw, plan  # noqa: E402
from archgen.loader import load_file  # noqa: E402 (after the path setup)
from archgen.model.architecture import Architecture  # noqa: E402
from benchmarks.picture_lines import (  # noqa: E402
    Line,
    Point,
    crossings,
    drawn_lines,
    runs_through,
    shared_tracks,
)
from benchmarks.picture_text import (  # noqa: E402
    box_titles,
    overlaps,
    page_pixels,
    smallest_text,
    subnet_titles,
    texts,
)

Rect = tuple[float, float, float, float]
"""left, bottom, right, top, in graphviz's frame (y up)."""


@dataclass(frozen=True)
class Quality:
    """The figures of one picture (see the module docstring)."""

    name: str
    crossings: int
    shared_tracks: int
    through: int
    through_subnets: int
    through_notes: int
    through_titles: int
    label_gap: float
    label_overlaps: int
    labels_crossed: int
    row_skew: float
    text_at_800: float
    megapixels: float
    milliseconds: float


def measure(arch: Architecture, view: str = "default") -> Quality:
    """Lay `arch` out as `render --view` does and measure graphviz's JSON of it."""
    start = time.perf_counter()
    drawing = draw(plan(arch, view=view), ("json",))
    elapsed = (time.perf_counter() - start) * 1000
    data: dict[str, Any] = json.loads(drawing.outputs["json"])
    lines = drawn_lines(data)
    boxes = _resource_boxes(data)
    found_texts = texts(data)
    titles = subnet_titles(data)
    return Quality(
        name=arch.name,
        crossings=crossings(lines),
        shared_tracks=shared_tracks(lines),
        through=sum(_passes_through(line, boxes) for line in lines),
        through_subnets=sum(_crosses_subnet(line, _subnet_boxes(data)) for line in lines),
        through_notes=sum(any(runs_through(line, b) for b in titles) for line in lines),
        through_titles=sum(any(runs_through(line, b) for b in box_titles(data)) for line in lines),
        label_gap=max((_label_gap(line) for line in lines if line.label_at), default=0.0),
        label_overlaps=overlaps(found_texts),
        labels_crossed=_labels_crossed(lines),
        row_skew=_row_skew(drawing.scene.rows, data),
        text_at_800=smallest_text(data),
        megapixels=math.prod(page_pixels(data)) / 1e6,
        milliseconds=elapsed,
    )


def _resource_boxes(data: dict[str, Any]) -> dict[int, Rect]:
    """Return the box of every drawn resource (a node with a label), by graphviz id."""
    boxes = {}
    for item in data.get("objects", []):
        if "pos" not in item or not item.get("_ldraw_") or item["name"] == "legend":
            continue
        x, y = (float(v) for v in item["pos"].split(","))
        half_w = float(item["width"]) * 36
        half_h = float(item["height"]) * 36
        boxes[item["_gvid"]] = (x - half_w, y - half_h, x + half_w, y + half_h)
    return boxes


def _inside(point: Point, rect: Rect, margin: float = 3.0) -> bool:
    left, bottom, right, top = rect
    return left + margin < point[0] < right - margin and bottom + margin < point[1] < top - margin


def _passes_through(line: Line, boxes: dict[int, Rect]) -> bool:
    return any(
        any(_inside(point, rect) for point in line.points)
        for gvid, rect in boxes.items()
        if gvid not in (line.tail, line.head)
    )


def _subnet_boxes(data: dict[str, Any]) -> list[tuple[set[int], Rect]]:
    """Return each subnet box with the resources drawn in it.

    A load balancer drawn as a bar across its subnets (layout.bars) is in
    each of them, though graphviz holds it in the VPC's cluster.
    """
    resources = _resource_boxes(data)
    boxes = []
    for item in data.get("objects", []):
        if item["name"].startswith("cluster_subnet:") and "bb" in item:
            left, bottom, right, top = (float(v) for v in item["bb"].split(","))
            rect = (left, bottom, right, top)
            over = {gvid for gvid, box in resources.items() if _overlap(box, rect)}
            boxes.append((set(item.get("nodes", [])) | over, rect))
    return boxes


def _overlap(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _crosses_subnet(line: Line, boxes: list[tuple[set[int], Rect]]) -> bool:
    """Tell whether a line enters a subnet that holds neither of its ends."""
    return any(
        any(_inside(point, rect, 1.0) for point in line.points)
        for members, rect in boxes
        if line.tail not in members and line.head not in members
    )


def _label_gap(line: Line) -> float:
    if line.label_at is None:
        return 0.0
    return min(math.dist(line.label_at, point) for point in line.points)


def _labels_crossed(lines: list[Line]) -> int:
    return sum(
        any(
            any(_inside(point, line.label, 1.0) for point in other.points)
            for other in lines
            if other is not line
        )
        for line in lines
        if line.label is not None
    )


def _row_skew(rows: list[list[str]], data: dict[str, Any]) -> float:
    """Return the largest difference between the subnet boxes of one tier row.

    graphviz writes coordinates in steps of 0.01 pt, so a width made of three
    of them may differ by 0.03 pt from its neighbour's (a thirtieth of a
    pixel): sizes are compared to a tenth of a point.
    """
    clusters = {item["name"]: item for item in data.get("objects", []) if "bb" in item}
    parent_of = {
        clusters_child: item["name"]
        for item in data.get("objects", [])
        for clusters_child in (
            data["objects"][index]["name"] for index in item.get("subgraphs", [])
        )
    }
    skew = 0.0
    for row in rows:
        shapes = []
        for anchor in (n for n in row if n.endswith("/anchor")):
            name = f"cluster_subnet:{anchor.removesuffix('/anchor')}"
            if name not in clusters:
                continue
            left, bottom, right, top = (float(v) for v in clusters[name]["bb"].split(","))
            zone = clusters.get(parent_of.get(name, ""), {}).get("bb", f"{left},0,0,0")
            shape = (top, top - bottom, right - left, left - float(zone.split(",")[0]))
            shapes.append(tuple(round(value, 1) for value in shape))  # dot writes 0.01 pt steps
        for field in range(4):
            values = [shape[field] for shape in shapes]
            if len(values) > 1:
                skew = max(skew, max(values) - min(values))
    return skew


COLUMNS = (
    ("design", 34),
    ("crossings", 9),
    ("tracks", 6),
    ("through", 7),
    ("subnets", 7),
    ("notes", 5),
    ("titles", 6),
    ("label gap", 9),
    ("overlaps", 8),
    ("crossed", 7),
    ("row skew", 8),
    ("text@800", 8),
    ("Mpx", 5),
    ("ms", 6),
)


def table(results: list[Quality]) -> str:
    """Return the figures as a Markdown table."""
    head = "| " + " | ".join(name.ljust(width) for name, width in COLUMNS) + " |"
    rule = "|" + "|".join("-" * (width + 2) for _, width in COLUMNS) + "|"
    rows = [
        f"| {q.name:<34} | {q.crossings:>9} | {q.shared_tracks:>6} | {q.through:>7} | "
        f"{q.through_subnets:>7} | {q.through_notes:>5} | {q.through_titles:>6} | "
        f"{q.label_gap:>9.1f} | "
        f"{q.label_overlaps:>8} | {q.labels_crossed:>7} | {q.row_skew:>8.1f} | "
        f"{q.text_at_800:>8.1f} | {q.megapixels:>5.2f} | {q.milliseconds:>6.0f} |"
        for q in results
    ]
    return "\n".join([head, rule, *rows])


def main() -> None:
    """Print the figures of every design named (default: all of architectures/)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--view", default="default", help="default or network")
    options = parser.parse_args()
    paths = options.paths or sorted((ROOT / "architectures").rglob("*.yaml"))
    print(table([measure(load_file(path), options.view) for path in paths]))


if __name__ == "__main__":
    main()
