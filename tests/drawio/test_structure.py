"""The draw.io files are well-formed mxGraph XML with real AWS shapes, nested like the picture."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from archgen.layout.drawing import build_scene
from archgen.layout.geometry import Geometry, from_dot_json
from archgen.loader import load_file
from archgen.render.drawio import render_drawio
from archgen.render.drawio_styles import shape_names
from tests.conftest import ARCHITECTURES, ROOT
from tests.drawio.viewer import JS_SHAPES, stencil_names
from tests.golden import Goldens, updating

SHIPPED = sorted(ARCHITECTURES.glob("*.yaml"))
OUTPUTS = ROOT / "diagrams_out"
GOLDEN = Goldens(Path(__file__).parent / "golden")


def _cells(path: Path) -> list[ET.Element]:
    root = ET.parse(path).getroot()  # noqa: S314 (our own output)
    assert root.tag == "mxfile"
    model = root.find("diagram/mxGraphModel/root")
    assert model is not None
    return list(model)


def _style(cell: ET.Element) -> dict[str, str]:
    pairs = [part.split("=", 1) for part in cell.get("style", "").split(";") if "=" in part]
    return {key: value for key, value in pairs}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_cells_resolve_in_document_order(path: Path) -> None:
    cells = _cells(OUTPUTS / f"{path.stem}.drawio")
    assert [c.get("id") for c in cells[:2]] == ["0", "1"]
    assert cells[1].get("parent") == "0"
    seen: set[str] = set()
    edges_started = False
    for cell in cells:
        for key in ("parent", "source", "target"):
            if cell.get(key) is not None:
                assert cell.get(key) in seen, (cell.get("id"), key)
        if cell.get("edge") == "1":
            edges_started = True
        else:
            assert not edges_started, f"vertex {cell.get('id')} after an edge"
        identity = cell.get("id")
        assert identity is not None
        assert identity not in seen
        seen.add(identity)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_shape_exists_in_drawio(path: Path) -> None:
    known = stencil_names() | JS_SHAPES
    for cell in _cells(OUTPUTS / f"{path.stem}.drawio"):
        style = _style(cell)
        for key in ("shape", "resIcon", "grIcon", "prIcon"):
            name = style.get(key)
            if name is not None and name.startswith("mxgraph."):
                assert name in known, (cell.get("id"), key, name)


def test_every_style_archgen_can_write_names_a_real_shape() -> None:
    assert shape_names() - (stencil_names() | JS_SHAPES) == set()


def test_a_misspelt_shape_is_caught() -> None:
    assert "mxgraph.aws4.userz" not in stencil_names() | JS_SHAPES
    assert "mxgraph.aws4.users" in stencil_names()


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_cell_ids_are_model_ids_and_every_drawn_resource_is_there(path: Path) -> None:
    ids = {c.get("id") for c in _cells(OUTPUTS / f"{path.stem}.drawio")}
    arch = load_file(path)
    scene = build_scene(arch)
    assert set(scene.nodes) <= ids
    for subnet in (r for r in arch.resources if arch.type_of(r) == "subnet"):
        assert subnet in ids
    for edge in scene.edges:
        assert edge.id in ids


def test_groups_nest_as_in_the_picture() -> None:
    parents = {c.get("id"): c.get("parent") for c in _cells(GOLDEN.file("capstone.drawio"))}
    chain = []
    cell: str | None = "app@app-a"
    while cell not in (None, "0"):
        chain.append(cell)
        cell = parents[cell]
    assert chain == [
        "app@app-a",
        "app-a",
        "vpc.us-east-1a",
        "vpc",
        "aws:us-east-1",
        "aws:cloud",
        "1",
    ]
    assert parents["db@db-b"] == "db-b"
    assert parents["web-alb"] == "vpc"
    assert parents["users"] == "1"
    assert parents["app/group"] == "vpc"  # one Auto Scaling group across both zones


def test_one_auto_scaling_group_spans_its_zones_around_its_instances_alone() -> None:
    geometry = Geometry.from_json(GEOMETRY.read_text(encoding="utf-8"))
    group = geometry.clusters["cluster_asg:app"]
    for instance in ("app@app-a", "app@app-b"):
        node = geometry.nodes[instance]
        assert group.x <= node.x
        assert node.x + node.width <= group.x + group.width
        assert group.y <= node.y
        assert node.y + node.height <= group.y + group.height
    for interface in ("importer@app-a", "importer@app-b"):
        node = geometry.nodes[interface]
        assert node.x + node.width <= group.x or group.x + group.width <= node.x
    zones = [geometry.clusters[f"cluster_az:vpc:us-east-1{z}"] for z in "ab"]
    assert group.x < zones[0].x + zones[0].width
    assert zones[1].x < group.x + group.width


GEOMETRY = GOLDEN.file("capstone.geometry.json")
DRAWIO = GOLDEN.file("capstone.drawio").name


def test_drawio_golden_from_recorded_geometry() -> None:
    """The renderer alone, fed a recorded `dot -Tjson` layout, so graphviz cannot move it."""
    scene = build_scene(load_file(ARCHITECTURES / "capstone.yaml"))
    if updating():
        from archgen.layout.drawing import draw

        geometry = from_dot_json(
            draw(load_file(ARCHITECTURES / "capstone.yaml"), ("json",)).outputs["json"]
        )
        GEOMETRY.write_text(geometry.to_json(), encoding="utf-8")
    geometry = Geometry.from_json(GEOMETRY.read_text(encoding="utf-8"))
    artifact = render_drawio(scene, geometry)
    GOLDEN.check(DRAWIO, artifact.data)
    assert render_drawio(scene, geometry).data == artifact.data


def test_geometry_places_nodes_inside_their_boxes() -> None:
    geometry = Geometry.from_json(GEOMETRY.read_text(encoding="utf-8"))
    subnet = geometry.clusters["cluster_subnet:db-a"]
    node = geometry.nodes["db@db-a"]
    assert subnet.x <= node.x
    assert node.x + node.width <= subnet.x + subnet.width
    assert subnet.y <= node.y
    assert node.y + node.height <= subnet.y + subnet.height


def test_edge_labels_break_where_graphviz_breaks_them() -> None:
    """A label is as wide as the box graphviz kept clear: words above protocol and port."""
    scene = build_scene(load_file(ARCHITECTURES / "capstone.yaml"))
    geometry = Geometry.from_json(GEOMETRY.read_text(encoding="utf-8"))
    root = ET.fromstring(render_drawio(scene, geometry).data)  # noqa: S314 (our own output)
    values = {c.get("id"): c.get("value", "") for c in root.iter("mxCell")}
    query = next(e for e in scene.edges if e.label.startswith("SQL query"))
    assert values[query.id].endswith("SQL query<br>MySQL 3306")


def test_a_line_routed_at_right_angles_stays_square_in_drawio() -> None:
    styles = {c.get("id"): _style(c) for c in _cells(GOLDEN.file("capstone.drawio"))}
    assert styles["replication:db"]["curved"] == "0"  # rerouted along a band
    assert styles["c5:importer@app-a>db@db-a"]["curved"] == "1"  # dot's own curve


def test_a_line_at_a_load_balancer_meets_its_bar_where_the_picture_does() -> None:
    cells = {c.get("id"): c for c in _cells(GOLDEN.file("capstone.drawio"))}
    line = cells["c1:web-alb>app@app-a"]
    assert line.get("source") == "web-alb/bar"
    bar = cells["web-alb/bar"].find("mxGeometry")
    assert bar is not None
    points = line.findall("mxGeometry/Array/mxPoint")
    assert points  # the point on the bar's edge where the line leaves it


def test_lines_into_one_side_of_an_icon_meet_it_apart_as_in_the_picture() -> None:
    """draw.io aims a line without a port at the icon's centre: the ends would pile again."""
    styles = {c.get("id"): _style(c) for c in _cells(GOLDEN.file("capstone.drawio"))}
    into_db = [  # left to right as the picture draws them (the wrapped ASG title, issue 15)
        "c5:importer@app-a>db@db-a",
        "c2:app@app-b>db@db-a",
        "c5:importer@app-b>db@db-a",
        "c2:app@app-a>db@db-a",
    ]
    across = [float(styles[line]["entryX"]) for line in into_db]
    assert {styles[line]["entryY"] for line in into_db} == {"0"}  # all on the top edge
    assert across == sorted(across)  # in the picture's order
    assert min(b - a for a, b in itertools.pairwise(across)) * 48 >= 9  # points apart
