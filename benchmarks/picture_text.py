"""The texts of a drawn picture, read from graphviz's JSON: where each is, and how small.

Shared by the layout quality report and the tests that hold its figures:
a text's box from its drawing operation, which texts overlap, and the
smallest text once the PNG is embedded 800 px wide.
"""

from __future__ import annotations

import itertools
from typing import Any

from archgen.layout.png_bands import PNG_DPI
from archgen.layout.style import PAGE_PAD_INCHES

Rect = tuple[float, float, float, float]
"""left, bottom, right, top, in graphviz's frame (y up)."""
EMBED_WIDTH = 800.0
"""The width (px) course notes embed a picture at."""


def text_ops(ops: list[dict[str, Any]]) -> list[tuple[dict[str, Any], float]]:
    """Return each text operation with the font size it is drawn in."""
    size = 14.0
    found = []
    for op in ops:
        if op.get("op") == "F":
            size = float(op["size"])
        elif op.get("op") == "T" and op.get("text", "").strip():
            found.append((op, size))
    return found


def text_rect(op: dict[str, Any], size: float) -> Rect:
    """Return the box a text operation draws, from its anchor, width and font size."""
    x, y = op["pt"]
    width = float(op["width"])
    left = {"l": x, "c": x - width / 2, "r": x - width}[op.get("align", "c")]
    return (left, y - 0.2 * size, left + width, y + 0.75 * size)


def texts(data: dict[str, Any]) -> list[tuple[str, Rect]]:
    """Return every text's box with what it belongs to (a node, a line, a box)."""
    owners: list[tuple[str, list[dict[str, Any]]]] = [("graph", data.get("_ldraw_", []))]
    owners += [(f"o{item['_gvid']}", item.get("_ldraw_", [])) for item in data.get("objects", [])]
    for edge in data.get("edges", []):
        for key in ("_ldraw_", "_tldraw_", "_hldraw_", "_xldraw_"):
            owners.append((f"e{edge['_gvid']}", edge.get(key, [])))
    return [(owner, text_rect(op, size)) for owner, ops in owners for op, size in text_ops(ops)]


def overlaps(texts: list[tuple[str, Rect]]) -> int:
    """Count pairs of texts of different owners whose boxes overlap.

    A text drawn again exactly where it is (a box across zones writes its
    title in each zone's copy, see `span_boxes`) reads as one and is not counted.
    """

    def meet(a: Rect, b: Rect) -> bool:
        return a != b and a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

    return sum(
        meet(a, b)
        for (owner_a, a), (owner_b, b) in itertools.combinations(texts, 2)
        if owner_a != owner_b
    )


def page_pixels(data: dict[str, Any]) -> tuple[float, float]:
    """Return the PNG's width and height in pixels: the drawing's box and the page's pad."""
    left, bottom, right, top = (float(v) for v in data["bb"].split(","))
    pad = 2 * PAGE_PAD_INCHES * 72
    return ((right - left + pad) * PNG_DPI / 72, (top - bottom + pad) * PNG_DPI / 72)


def smallest_text(data: dict[str, Any]) -> float:
    """Return the smallest text's height in pixels once the PNG is embedded 800 px wide."""
    png_width = page_pixels(data)[0]
    sizes = [size for ops in all_ops(data) for _, size in text_ops(ops)]
    return min(sizes, default=0.0) * PNG_DPI / 72 * min(1.0, EMBED_WIDTH / png_width)


def all_ops(data: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """Return the label drawing operations of the graph, its objects and its lines."""
    found = [data.get("_ldraw_", [])]
    found += [item.get("_ldraw_", []) for item in data.get("objects", [])]
    for edge in data.get("edges", []):
        found += [edge.get(key, []) for key in ("_ldraw_", "_xldraw_")]
    return found


def subnet_titles(data: dict[str, Any]) -> list[Rect]:
    """Return each subnet's title block: its name and, in the network view, its notes.

    The block runs from the box's left side (the notes' icons stand there,
    drawn as images the JSON does not size) to the widest line's end, and
    from the lowest line to the name: a line through any of it runs through
    the text a reader has to read, or between its lines.
    """
    blocks = []
    for item in data.get("objects", []):
        if not str(item.get("name", "")).startswith("cluster_subnet:") or "bb" not in item:
            continue
        rects = [text_rect(op, size) for op, size in text_ops(item.get("_ldraw_", []))]
        if rects:
            left = float(item["bb"].split(",")[0])
            blocks.append(
                (
                    left,
                    min(r[1] for r in rects),
                    max(r[2] for r in rects),
                    max(r[3] for r in rects),
                )
            )
    return blocks


BOXES = ("cluster_sg:", "cluster_asg:", "cluster_ecs-service:")
"""The boxes whose titles `box_titles` reads: security groups, and boxes across zones."""


def box_titles(data: dict[str, Any]) -> list[Rect]:
    """Return the title block of each security-group box and each box across zones.

    A security group's title ("App" over "security group") and an Auto
    Scaling group's ("Auto Scaling group:" over its name) run over two or
    three lines; the block runs from the box's left side (its icon) to the
    widest line's end, from the lowest line to the box's top. A box across
    zones is drawn once per zone share at one place: each block counts once.
    """
    blocks = set()
    for item in data.get("objects", []):
        if not str(item.get("name", "")).startswith(BOXES) or "bb" not in item:
            continue
        rects = [text_rect(op, size) for op, size in text_ops(item.get("_ldraw_", []))]
        if rects:
            left, _, _, top = (float(v) for v in item["bb"].split(","))
            blocks.add((left, min(r[1] for r in rects), max(r[2] for r in rects), top))
    return sorted(blocks)
