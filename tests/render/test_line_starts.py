"""Lines leave their source's icon and end with the arrowhead's tip on the target's edge (issue 15).

The review found a stub dropping from wordpress-efs's Web A through its name,
Web B's curves starting at its name, and private-fleet-ssm's arrowheads into
subnet B's SQS and CloudWatch Logs endpoints and into the dead-letter queue
ending inside the icons. Read from graphviz's JSON of the finished picture,
as `archgen render` draws it (findings marked), never from pixels.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.line_ends import TOLERANCE, on_icon

from archgen.layout import style
from archgen.layout.label_spots import curve_points
from archgen.layout.laid import Point, Rect
from archgen.layout.scene import Scene
from tests.render.design_views import VIEWS, design_view_cases, drawn_json, node_boxes

ROOT = Path(__file__).resolve().parents[2]
GALLERY = ROOT / "architectures" / "gallery"


def _icon(scene: Scene, node_id: str, box: Rect) -> Rect:
    """Return the icon's cell in a node's box, as `benchmarks.line_ends.on_icon` reads it."""
    node = scene.nodes[node_id]
    half = (style.ICON_SIZE if not node.shape else style.ICON_SIZE * 2 // 3) / 2
    left, _, right, top = box
    centre = left + 2 + half if node.marker else (left + right) / 2
    return (centre - half, top - 2 * (half + 2), centre + half, top)


def _inside(point: Point, box: Rect, margin: float) -> bool:
    left, bottom, right, top = box
    x, y = point
    return left + margin < x < right - margin and bottom + margin < y < top - margin


def _tip(route: str) -> Point | None:
    word = next((w for w in route.split() if w.startswith("e,")), None)
    return None if word is None else (float(word[2:].split(",")[0]), float(word.split(",")[2]))


def _faults(path: Path, view: str) -> list[str]:
    """Return each line that breaks a rule of how a line meets its icons.

    It starts off its source's icon, runs through its own end's name, or its
    arrowhead lies inside its target's icon (the tip, or the line's end under it).
    """
    drawing, data = drawn_json(path, view)
    scene, nodes = drawing.scene, node_boxes(data)
    found = []
    for edge in (e for e in data.get("edges", []) if "pos" in e and "id" in e):
        line = next((e for e in scene.edges if e.id == edge["id"]), None)
        if line is None or line.box or line.source not in nodes or line.target not in nodes:
            continue
        points = curve_points(edge["pos"])
        if not on_icon(scene, line.source, nodes[line.source], points[0]):
            found.append(f"{line.id}: starts off its icon at {points[0]}")
        for end in (line.source, line.target):
            if end in scene.bars or end not in scene.nodes:
                continue
            box, icon = nodes[end], _icon(scene, end, nodes[end])
            name = (box[0], box[1], box[2], icon[1])
            if any(_inside(p, name, TOLERANCE) for p in points):
                found.append(f"{line.id}: runs through the name of {end}")
        tip = _tip(edge["pos"])
        if tip is not None and line.target not in scene.bars:
            icon = _icon(scene, line.target, nodes[line.target])
            if _inside(tip, icon, TOLERANCE) or _inside(points[-1], icon, 1.0):
                found.append(f"{line.id}: its arrowhead ends inside {line.target}")
    return found


_BANDED = (
    "the brokers' lines to the session table in zone a run in a band under the zone's"
    " subnet and rise into it; kept in the band between the ends, they cross another subnet"
)
"""Why the lines left whose arrowhead ends inside the icon are left."""


@pytest.mark.parametrize(
    ("path", "view"), design_view_cases({("nlb-tls-service", v): _BANDED for v in VIEWS})
)
def test_lines_leave_their_icon_and_arrowheads_end_on_the_edge(path: Path, view: str) -> None:
    faults = _faults(path, view)
    assert [f for f in faults if "starts off" in f] == []
    assert [f for f in faults if "arrowhead" in f] == []


@pytest.mark.parametrize("view", ["default", "network"])
@pytest.mark.parametrize("name", ["wordpress-efs", "private-fleet-ssm", "three-az-web-app"])
def test_no_line_runs_through_the_name_of_its_own_end(name: str, view: str) -> None:
    assert _faults(GALLERY / f"{name}.yaml", view) == []
