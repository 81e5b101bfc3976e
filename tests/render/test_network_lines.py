"""The network view's lines as an AWS architect reads them, from graphviz's own geometry."""

from __future__ import annotations

import itertools
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from benchmarks.layout_quality import measure
from benchmarks.picture_lines import bezier
from benchmarks.picture_text import text_ops, text_rect

from archgen.layout.drawing import draw, plan
from archgen.layout.loops import swing
from archgen.loader import load_file
from tests.render.test_picture_path import DESIGNS

ROOT = Path(__file__).resolve().parents[2]
GALLERY = ROOT / "architectures" / "gallery"
Rect = tuple[float, float, float, float]

_TURN = 10.0
"""Points a line between two rows may swing back against its way before it reads as a loop."""


@cache
def _laid_out(path: Path) -> dict[str, Any]:
    drawing = draw(plan(load_file(path), view="network"), ("json",))
    data: dict[str, Any] = json.loads(drawing.outputs["json"])
    data["in_subnets"] = {n.id for n in drawing.scene.nodes.values() if n.subnet}
    return data


def _points(edge: dict[str, Any]) -> list[tuple[float, float]]:
    curves = [op["points"] for op in edge.get("_draw_", []) if op.get("op") == "b"]
    return [point for curve in curves for point in bezier(curve)]


def _box(item: dict[str, Any]) -> Rect:
    if "bb" in item:
        left, bottom, right, top = (float(v) for v in item["bb"].split(","))
        return (left, bottom, right, top)
    x, y = (float(v) for v in item["pos"].split(","))
    half_w, half_h = float(item["width"]) * 36, float(item["height"]) * 36
    return (x - half_w, y - half_h, x + half_w, y + half_h)


def _straight_pieces(points: list[tuple[float, float]]) -> bool:
    return all(
        abs(a[0] - b[0]) < 0.5 or abs(a[1] - b[1]) < 0.5 for a, b in itertools.pairwise(points)
    )


@pytest.mark.parametrize("path", DESIGNS, ids=lambda p: p.stem)
def test_no_line_between_two_tiers_loops_back(path: Path) -> None:
    """The capstone's "SQL query" and "load rows" curves swung round their badge."""
    data = _laid_out(path)
    names = {item["_gvid"]: item["name"] for item in data["objects"]}
    looping = []
    for edge in data.get("edges", []):
        if not {names[edge["tail"]], names[edge["head"]]} <= data["in_subnets"]:
            continue
        points = _points(edge)
        ys = [y for _, y in points]
        if _straight_pieces(points):
            continue  # routed round on purpose: into the side of its target facing its band
        if len(ys) > 1 and abs(ys[-1] - ys[0]) > 3 * _TURN and swing(ys) > _TURN:
            looping.append(edge.get("id"))
    assert looping == []


@pytest.mark.parametrize(
    ("path", "gateway", "nat_gateways"),
    [
        (ROOT / "architectures" / "capstone.yaml", "igw", 2),
        (GALLERY / "three-az-web-app.yaml", "igw", 3),
        (GALLERY / "transit-gateway-hub-spoke.yaml", "egress-igw", 2),
    ],
    ids=lambda p: getattr(p, "stem", str(p)),
)
def test_nat_traffic_reaches_the_internet_gateway_from_inside_its_vpc(
    path: Path, gateway: str, nat_gateways: int
) -> None:
    """The gateway sits on the VPC's top edge: egress from a NAT gateway rises to it inside.

    The dashed lines came in from above, over the Region's border, as inbound traffic does.
    """
    data = _laid_out(path)
    objects = {item["name"]: item for item in data["objects"]}
    vpc = next(
        item
        for name, item in objects.items()
        if name.startswith("cluster_vpc:") and objects[gateway]["_gvid"] in item.get("nodes", [])
    )
    igw = _box(objects[gateway])
    gvid = objects[gateway]["_gvid"]
    lines = [e for e in data["edges"] if e["head"] == gvid and e["tail"] in vpc["nodes"]]
    assert len(lines) == nat_gateways
    for line in lines:
        points = _points(line)
        assert max(y for _, y in points) < _box(vpc)[3], line["id"]  # never above the VPC's edge
        assert points[-1][1] <= igw[1] + 1, line["id"]  # it ends under the gateway's name


@pytest.mark.parametrize(
    ("path", "pixels"),
    [
        (ROOT / "architectures" / "capstone.yaml", 6.3),
        (GALLERY / "ecs-fargate-microservices.yaml", 6.5),
        (GALLERY / "three-az-web-app.yaml", 7.5),
    ],
    ids=lambda p: getattr(p, "stem", str(p)),
)
def test_the_smallest_text_embedded_800_pixels_wide(path: Path, pixels: float) -> None:
    """Security-group names on one line widened every zone: 5.8, 5.3 and 6.4 px before."""
    assert measure(load_file(path), "network").text_at_800 >= pixels


@pytest.mark.parametrize(
    "path",
    [
        ROOT / "architectures" / "capstone.yaml",
        GALLERY / "three-az-web-app.yaml",
        GALLERY / "transit-gateway-hub-spoke.yaml",
    ],
    ids=lambda p: p.stem,
)
def test_nat_traffic_steps_round_the_route_tables_it_passes(path: Path) -> None:
    """A NAT gateway stands under its subnet's notes: its way out ran up through the text."""
    data = _laid_out(path)
    texts = [
        text_rect(op, size)
        for item in data["objects"]
        if "bb" in item
        for op, size in text_ops(item.get("_ldraw_", []))
    ]
    gateways = {
        item["_gvid"]
        for item in data["objects"]
        if "pos" in item and "Internet gateway" in str(item.get("_ldraw_"))
    }
    through = [
        edge.get("id")
        for edge in data["edges"]
        if edge["head"] in gateways
        and any(_within(point, text) for point in _points(edge) for text in texts)
    ]
    assert through == []


def _within(point: tuple[float, float], box: Rect) -> bool:
    return box[0] < point[0] < box[2] and box[1] < point[1] < box[3]
