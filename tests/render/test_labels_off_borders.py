"""A line's label never sits on the border of a box (AWS Cloud, Region, VPC, zone, subnet)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from archgen.layout.drawing import draw, plan
from archgen.loader import load_file
from tests.conftest import ARCHITECTURES

Rect = tuple[float, float, float, float]
DESIGNS = sorted(ARCHITECTURES.glob("**/*.yaml"))
_BOXES = ("cluster_cloud", "cluster_region", "cluster_vpc", "cluster_az", "cluster_subnet")


def _label_rects(data: dict[str, Any]) -> list[tuple[str, Rect]]:
    """Return each line label's box: the union of its texts, as graphviz drew them."""
    found = []
    for edge in data.get("edges", []):
        texts = [op for op in edge.get("_ldraw_", []) if op.get("op") == "T"]
        if not texts:
            continue
        rects = []
        for op in texts:
            x, y = op["pt"]
            width = float(op["width"])
            left = {"l": x, "c": x - width / 2, "r": x - width}[op.get("align", "c")]
            rects.append((left, y - 2.0, left + width, y + 10.0))
        box = (
            min(r[0] for r in rects),
            min(r[1] for r in rects),
            max(r[2] for r in rects),
            max(r[3] for r in rects),
        )
        found.append((str(edge.get("id", edge["_gvid"])), box))
    return found


def _on_border(label: Rect, box: Rect) -> bool:
    """Tell whether one of the box's sides runs through the label."""
    left, bottom, right, top = box
    across = label[0] < left < label[2] or label[0] < right < label[2]
    level = label[1] < bottom < label[3] or label[1] < top < label[3]
    return (across and label[1] < top and bottom < label[3]) or (
        level and label[0] < right and left < label[2]
    )


def crossed_borders(path: Path, view: str = "default") -> list[str]:
    """Return 'line id on box name' for each label a box's border runs through."""
    data = json.loads(draw(plan(load_file(path), view=view), ("json",)).outputs["json"])
    boxes = [
        (item["name"], tuple(float(v) for v in item["bb"].split(",")))
        for item in data["objects"]
        if "bb" in item and item["name"].startswith(_BOXES)
    ]
    return [
        f"{line} on {name}"
        for line, label in _label_rects(data)
        for name, box in boxes
        if _on_border(label, box)  # type: ignore[arg-type]
    ]


REACHED = {
    "capstone": 2,  # the ALB's forward label in the narrow gap between the zones
    "three-az-web-app": 7,  # a rope of four lines into the data subnet leaves no free spot
    "transit-gateway-hub-spoke": 2,  # the stock query's label between the services VPC's zones
    "websocket-chat": 2,
}
"""Borders still under a label, per design, where no spot beside the line is free."""


@pytest.mark.parametrize("path", DESIGNS, ids=lambda p: p.stem)
def test_no_label_sits_on_a_box_border(path: Path) -> None:
    assert len(crossed_borders(path)) <= REACHED.get(path.stem, 0)
