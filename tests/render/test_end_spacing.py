"""Lines meet an icon apart: no pile of arrowheads at one spot of its edge (issue 15).

The review found three or four arrowheads at one spot on the top edge of the
capstone's MySQL primary: a reader counts one connection where there are
four. Read from graphviz's JSON of the finished picture, drawn as `archgen
render` draws it (findings marked), never from pixels.
"""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import pytest
from benchmarks.line_ends import end_of, on_icon

from archgen.layout.label_spots import curve_points
from archgen.layout.laid import Point
from tests.render.design_views import design_view_cases, drawn_json, node_boxes

ROOT = Path(__file__).resolve().parents[2]
APART = 9.0
"""Points between two line ends on one icon: an arrowhead is about 5 points wide."""


def _start_of(route: str) -> Point:
    tail = next((w for w in route.split(";")[0].split() if w.startswith("s,")), None)
    if tail is not None:
        x, y = tail[2:].split(",")
        return (float(x), float(y))
    return curve_points(route)[0]


def _ends(path: Path, view: str) -> dict[str, list[tuple[str, Point]]]:
    """Return, per icon, each line end on it: (line id, point)."""
    drawing, data = drawn_json(path, view)
    scene, nodes = drawing.scene, node_boxes(data)
    routes = {e["id"]: e["pos"] for e in data.get("edges", []) if "id" in e and "pos" in e}
    found: dict[str, list[tuple[str, Point]]] = {}
    for edge in scene.edges:
        route = routes.get(edge.id)
        if route is None:
            continue
        ends = [(edge.source, _start_of(route))]
        if not edge.box:
            ends.append((edge.target, end_of(route)))
        for node, point in ends:
            drawn = node in nodes and node in scene.nodes and node not in scene.bars
            if drawn and on_icon(scene, node, nodes[node], point):
                found.setdefault(node, []).append((edge.id, point))
    return found


def _too_close(path: Path, view: str) -> list[str]:
    return [
        f"{node}: {one} and {two} end {math.dist(a, b):.1f} points apart"
        for node, ends in _ends(path, view).items()
        for (one, a), (two, b) in itertools.combinations(ends, 2)
        if math.dist(a, b) < APART
    ]


@pytest.mark.parametrize(("path", "view"), design_view_cases({}))
def test_lines_meet_an_icon_apart(path: Path, view: str) -> None:
    assert _too_close(path, view) == []


def test_the_mysql_primary_takes_its_four_lines_apart_in_the_order_they_come() -> None:
    """In the order they come, but app-a's SQL query line on its label's side (`label_side`)."""
    on_db = _ends(ROOT / "architectures" / "capstone.yaml", "default")["db@db-a"]
    ends = {line: point for line, point in on_db if not line.startswith("replication:")}
    order = sorted(ends, key=lambda line: ends[line][0])
    assert order == [
        "c5:importer@app-a>db@db-a",  # from the left
        "c2:app@app-b>db@db-a",  # from the right, turning down further up
        "c5:importer@app-b>db@db-a",  # from the right, turning down nearest
        "c2:app@app-a>db@db-a",  # from straight above, its label right of the bundle
    ]
    assert len({round(y) for _, y in ends.values()}) == 1  # all on its top edge
