"""Each line's label sits beside its own line, nearer it than any other (issue 15).

The review found private-fleet-ssm's "logs (endpoint)" on the S3 gateway
endpoint's line and "write result (gateway endpoint)" on a CloudWatch Logs
line. Read from graphviz's JSON of the finished picture, as `archgen render`
draws it (findings marked, both views), never from pixels: the box of a
label's text against every drawn curve.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from benchmarks.picture_text import text_ops, text_rect

from archgen.layout.drawing import draw, plan
from archgen.layout.label_owner import astray, curve_distance
from archgen.layout.label_spots import bezier_points
from archgen.layout.laid import Point, Rect, hull
from archgen.layout.nearby import segment_grid
from archgen.loader import load_file
from archgen.rules.engine import run_rules
from tests.render.design_views import design_view_cases

_TOUCH = 0.5
"""Points within which a label touches its own line."""


def _lines(data: dict[str, Any]) -> dict[str, tuple[list[Point], Rect | None]]:
    """Return every drawn line by id: the points along its curve and its label text's box."""
    lines = {}
    for edge in data.get("edges", []):
        ops = edge.get("_draw_", [])
        curves = [op["points"] for op in ops if op.get("op") == "b"]
        if not curves or any(op.get("style") == "invis" for op in ops):
            continue
        points = [p for curve in curves for p in bezier_points([(x, y) for x, y in curve])]
        rects = [text_rect(op, size) for op, size in text_ops(edge.get("_ldraw_", []))]
        lines[edge["id"]] = (points, hull(rects) if rects else None)
    return lines


def _connection(line: str) -> str:
    """Return the connection a line draws: one connection may be drawn as a line per zone."""
    return line.split(":", 1)[0]


def _misplaced(path: Path, view: str) -> list[str]:
    """Return the labels some other connection's line comes as near as their own, or nearer."""
    arch = load_file(path)
    data = json.loads(draw(plan(arch, run_rules(arch), view), ("json",)).outputs["json"])
    lines = _lines(data)
    found = []
    for key, (_, label) in lines.items():
        if label is None:
            continue
        own = min(curve_distance(label, p) for k, (p, _) in lines.items() if _same(k, key))
        others = [curve_distance(label, p) for k, (p, _) in lines.items() if not _same(k, key)]
        if own > _TOUCH and others and min(others) <= own:
            found.append(f"{path.stem} {view}: {key} own {own:.1f}, another {min(others):.1f}")
    return found


def _same(one: str, other: str) -> bool:
    return _connection(one) == _connection(other)


_CROWDED = {
    ("private-fleet-ssm", "network"): "write result's label: every spot nearer the S3 gateway"
    " endpoint's line puts another line through its text (repair._text_crossed)",
    ("three-az-web-app", "network"): "the SQL label: the spot dot's search kept stood a word's"
    " width right of 'servers' (label_gap) on the security group's border; the one clear of both"
    " is 0.1 pt nearer another of app A's lines than its own (16.7 pt, 16.8 pt)",
}
"""The labels left nearer another line than their own, and why no spot was found."""


@pytest.mark.parametrize(("path", "view"), design_view_cases(_CROWDED))
def test_every_label_is_nearer_its_own_line_than_any_other(path: Path, view: str) -> None:
    assert _misplaced(path, view) == []


def test_a_label_nearer_a_neighbouring_line_is_astray() -> None:
    own = [(0.0, 0.0), (0.0, 100.0)]
    beside_other = (30.0, 40.0, 60.0, 60.0)  # 30 from its own line, 5 from the other
    neighbour = segment_grid([((65.0, 0.0), (65.0, 100.0))])
    assert astray(beside_other, own, neighbour)
    assert not astray((8.0, 40.0, 38.0, 60.0), own, neighbour)  # 8 from its own, 27 from it
    assert not astray((-3.0, 40.0, 27.0, 60.0), own, neighbour)  # touching its own line


def test_distance_to_a_curve_is_to_its_nearest_piece() -> None:
    assert curve_distance((10.0, 10.0, 20.0, 20.0), [(0.0, 0.0), (0.0, 30.0)]) == 10.0
    assert curve_distance((10.0, 10.0, 20.0, 20.0), [(0.0, 15.0), (30.0, 15.0)]) == 0.0
    assert curve_distance((10.0, 10.0, 20.0, 20.0), [(23.0, 24.0)]) == 5.0
