"""Lines stay in the smallest box holding their ends and land on their target's icon (issue 15).

Read from graphviz's JSON of the finished picture, drawn as `archgen render`
draws it (findings marked), never from pixels.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from benchmarks.line_ends import Point, Rect, line_ends

from archgen.layout.drawing import Drawing, draw, plan
from archgen.layout.label_spots import curve_points
from archgen.loader import load_file
from archgen.rules.engine import run_rules

ROOT = Path(__file__).resolve().parents[2]
DESIGNS = sorted((ROOT / "architectures").rglob("*.yaml"))
GALLERY = ROOT / "architectures" / "gallery"


def _drawn(path: Path) -> tuple[Drawing, dict[str, Any]]:
    arch = load_file(path)
    drawing = draw(plan(arch, run_rules(arch)), ("json",))
    return drawing, json.loads(drawing.outputs["json"])


def _box(data: dict[str, Any], name: str) -> Rect:
    item = next(o for o in data["objects"] if o["name"] == name)
    left, bottom, right, top = (float(v) for v in item["bb"].split(","))
    return (left, bottom, right, top)


def _points(data: dict[str, Any], edge_id: str) -> list[Point]:
    edge = next(e for e in data["edges"] if e.get("id") == edge_id)
    return curve_points(edge["pos"])


def _inside(point: Point, box: Rect, margin: float = 1.0) -> bool:
    left, bottom, right, top = box
    return left + margin < point[0] < right - margin and bottom + margin < point[1] < top - margin


@pytest.mark.parametrize("path", DESIGNS, ids=lambda p: p.stem)
def test_every_line_keeps_to_its_box_and_lands_on_its_icon(path: Path) -> None:
    drawing, data = _drawn(path)
    found = line_ends(drawing.scene, data)
    assert found.astray == []
    assert found.off_icon == []


def test_cloudfront_reaches_the_photo_bucket_without_leaving_the_region_again() -> None:
    _, data = _drawn(ROOT / "architectures" / "employee-directory-serverless.yaml")
    region = _box(data, "cluster_region")
    points = _points(data, "c2:cdn>photos")
    inside = [_inside(p, region) for p in points]
    entries = sum(1 for before, after in itertools.pairwise(inside) if after and not before)
    assert entries == 1  # it enters the Region once, and stays
    assert inside[-1]


@pytest.mark.parametrize("alias", ["alias:dns>cdn", "alias:dns>api"])
def test_route_53s_alias_lines_do_not_run_along_the_region_border(alias: str) -> None:
    _, data = _drawn(ROOT / "architectures" / "employee-directory-serverless.yaml")
    top = _box(data, "cluster_region")[3]
    on_border = [abs(y - top) < 3 for _, y in _points(data, alias)]
    runs = [sum(1 for _ in group) for key, group in _groups(on_border) if key]
    assert max(runs, default=0) < 4


def _groups(flags: list[bool]) -> list[tuple[bool, list[bool]]]:
    groups: list[tuple[bool, list[bool]]] = []
    for flag in flags:
        if groups and groups[-1][0] == flag:
            groups[-1][1].append(flag)
        else:
            groups.append((flag, [flag]))
    return groups


def test_the_access_log_line_stays_in_the_region() -> None:
    _, data = _drawn(GALLERY / "event-driven-orders.yaml")
    region = _box(data, "cluster_region")
    assert [p for p in _points(data, "c2:ingest-api>audit-log") if not _inside(p, region, -1)] == []


def test_the_arrowheads_into_aurora_end_on_the_writers_icon() -> None:
    drawing, data = _drawn(GALLERY / "three-az-web-app.yaml")
    into_writer = [e.id for e in drawing.scene.edges if e.target == "db@data-a"]
    assert into_writer
    off = set(line_ends(drawing.scene, data).off_icon)
    assert [edge for edge in into_writer if edge in off] == []


def test_zone_b_endpoint_lines_never_cross_zone_a() -> None:
    drawing, data = _drawn(GALLERY / "private-fleet-ssm.yaml")
    zone_a = _box(data, "cluster_az:vpc:eu-west-1a")
    from_b = [e.id for e in drawing.scene.edges if e.source.endswith("-endpoint@private-b")]
    assert len(from_b) == 5
    assert [e for e in from_b if any(_inside(p, zone_a) for p in _points(data, e))] == []


def _level_runs(points: list[Point]) -> list[tuple[float, float, float]]:
    """Return the level runs of a route: (y, left x, right x)."""
    return [
        (a[1], min(a[0], b[0]), max(a[0], b[0]))
        for a, b in itertools.pairwise(points)
        if abs(a[1] - b[1]) < 0.5 and abs(a[0] - b[0]) > 1
    ]


def test_replication_lines_under_a_row_each_keep_a_track_of_their_own() -> None:
    drawing, data = _drawn(GALLERY / "three-az-web-app.yaml")
    lines = [e.id for e in drawing.scene.edges if e.kind == "replication"]
    assert len(lines) == 4  # Aurora writer to two readers, Redis primary to two replicas
    runs = {line: _level_runs(_points(data, line)) for line in lines}
    for one, two in itertools.combinations(lines, 2):
        for y1, a1, b1 in runs[one]:
            for y2, a2, b2 in runs[two]:
                if min(b1, b2) - max(a1, a2) > 1:  # side by side over some length
                    assert abs(y1 - y2) >= 12, (one, two)


def test_reads_through_the_reader_endpoint_reach_a_reader_and_writes_the_writer() -> None:
    drawing, data = _drawn(GALLERY / "three-az-web-app.yaml")
    pairs = {(e.id.split(":")[0], e.source, e.target) for e in drawing.scene.edges}
    reads = {(source, target) for index, source, target in pairs if index == "c5"}
    writes = {(source, target) for index, source, target in pairs if index == "c4"}
    assert reads == {
        ("app@app-a", "db@data-b"),  # no reader in the writer's zone: the first reader
        ("app@app-b", "db@data-b"),
        ("app@app-c", "db@data-c"),
    }
    assert {target for _, target in writes} == {"db@data-a"}
    landed = set(line_ends(drawing.scene, data).off_icon)
    assert [e.id for e in drawing.scene.edges if e.id.startswith("c5:") and e.id in landed] == []
