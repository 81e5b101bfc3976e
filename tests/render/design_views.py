"""Every shipped design in both views, as test cases, with the ones a test holds as known.

Picture tests that read every design under `architectures/` (the gallery
included) in the default and the network view share these cases; a case a
test cannot pass yet is a strict expected failure with its reason, so it
fails the day it is fixed and the exception is dropped.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from archgen.layout.drawing import Drawing, draw, plan
from archgen.layout.laid import Rect
from archgen.loader import load_file
from archgen.rules.engine import run_rules

ROOT = Path(__file__).resolve().parents[2]
DESIGNS = sorted((ROOT / "architectures").rglob("*.yaml"))
VIEWS = ("default", "network")


def design_view_cases(held: Mapping[tuple[str, str], str]) -> list[Any]:
    """Return a (path, view) case per design and view; `held` maps (stem, view) to a reason."""
    return [
        pytest.param(
            path,
            view,
            id=f"{path.stem}-{view}",
            marks=[pytest.mark.xfail(strict=True, reason=held[(path.stem, view)])]
            if (path.stem, view) in held
            else [],
        )
        for path in DESIGNS
        for view in VIEWS
    ]


def drawn_json(path: Path, view: str = "default") -> tuple[Drawing, dict[str, Any]]:
    """Return a design's drawing in `view`, findings marked, and graphviz's JSON of it."""
    arch = load_file(path)
    drawing = draw(plan(arch, run_rules(arch), view), ("json",))
    return drawing, json.loads(drawing.outputs["json"])


def node_boxes(data: dict[str, Any]) -> dict[str, Rect]:
    """Return each node's box (left, bottom, right, top, in points) from graphviz's JSON."""
    boxes = {}
    for item in data.get("objects", []):
        if "pos" in item and "bb" not in item:
            x, y = (float(v) for v in item["pos"].split(","))
            half_w, half_h = float(item["width"]) * 36, float(item["height"]) * 36
            boxes[item["name"]] = (x - half_w, y - half_h, x + half_w, y + half_h)
    return boxes
