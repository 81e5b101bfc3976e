"""A load balancer's security group drawn round its bar (network view), from graphviz's JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from archgen.layout.drawing import draw, plan
from archgen.loader import load_file
from tests.conftest import ARCHITECTURES

Rect = tuple[float, float, float, float]
BOXED = [
    ARCHITECTURES / "capstone.yaml",
    ARCHITECTURES / "gallery" / "three-az-web-app.yaml",
    ARCHITECTURES / "gallery" / "ecs-fargate-microservices.yaml",
]


def _laid(path: Path) -> tuple[dict[str, Rect], dict[str, Rect], list[tuple[str, Rect]]]:
    """Return the nodes' boxes, the boxes' boxes and every box's name text, in points."""
    data: dict[str, Any] = json.loads(
        draw(plan(load_file(path), view="network"), ("json",)).outputs["json"]
    )
    nodes: dict[str, Rect] = {}
    clusters: dict[str, Rect] = {}
    names: list[tuple[str, Rect]] = []
    for item in data["objects"]:
        if "bb" in item:
            left, bottom, right, top = (float(v) for v in item["bb"].split(","))
            clusters[item["name"]] = (left, bottom, right, top)
            names += [
                (item["name"], _text(op)) for op in item.get("_ldraw_", []) if op.get("op") == "T"
            ]
        elif "pos" in item:
            x, y = (float(v) for v in item["pos"].split(","))
            half_w, half_h = float(item["width"]) * 36, float(item["height"]) * 36
            nodes[item["name"]] = (x - half_w, y - half_h, x + half_w, y + half_h)
    return nodes, clusters, names


def _text(op: dict[str, Any]) -> Rect:
    x, y = op["pt"]
    width = float(op["width"])
    return (x, y - 3, x + width, y + 12)


def _meet(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("path", BOXED, ids=lambda p: p.stem)
def test_the_box_round_a_bar_hugs_it_with_its_name_over_it(path: Path) -> None:
    nodes, clusters, names = _laid(path)
    scene = plan(load_file(path), view="network").scene
    bars = [node for node in scene.bars if node in nodes]
    boxes = {name: box for name, box in clusters.items() if name.startswith("cluster_sg:")}
    round_bars = [
        (n, name)
        for n in bars
        for name in boxes
        if boxes[name][0] < nodes[n][0]
        and nodes[n][2] < boxes[name][2]
        and boxes[name][1] < nodes[n][1]
        and nodes[n][3] < boxes[name][3]
    ]
    assert round_bars, "a security-group box round the load balancer's bar"
    for node, name in round_bars:
        bar, box = nodes[node], boxes[name]
        assert bar[0] - box[0] <= 6
        assert box[2] - bar[2] <= 6
        assert bar[1] - box[1] <= 6
        assert 0 < box[3] - bar[3] <= 30  # room for the name over the bar, no more
        text = [rect for owner, rect in names if owner == name]
        assert text
        others = [b for n, b in nodes.items() if n != node] + [r for o, r in names if o != name]
        assert not [o for o in others if any(_meet(t, o) for t in text)]
        assert not any(_meet(t, bar) for t in text)
