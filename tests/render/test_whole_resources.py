"""Findings and roles reach what the picture draws as the whole resource (issue 15).

An Auto Scaling group is one box across its zones, a VPC function one icon
with interfaces, an interface endpoint one icon per subnet: a marker or a
role line on the first zone's instance would say the rest is not concerned.
"""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from archgen.findings import Finding, Severity
from archgen.layout import drawing as drawings  # its draw, which the session's cache replaces
from archgen.layout.drawing import Drawing, build_scene, plan
from archgen.layout.geometry import Point, from_dot_json
from archgen.layout.scene import Group, Scene, path_to
from archgen.loader import load_file, load_text
from archgen.model.architecture import Architecture
from archgen.render.drawio import render_drawio
from archgen.rules.engine import run_rules
from archgen.source import Span

ROOT = Path(__file__).resolve().parents[2]
GALLERY = ROOT / "architectures" / "gallery"
CAPSTONE = ROOT / "architectures" / "capstone.yaml"
ASG_SUBNETS = "subnets: [app-a, app-b]"
"""The capstone's Auto Scaling group is the first resource in the app subnets."""


def _groups(group: Group) -> Iterator[Group]:
    yield group
    for child in group.groups:
        yield from _groups(child)


def _marked(scene: Scene) -> dict[str, str]:
    """Return every marked icon and box by id, with its marker."""
    found = {node.id: node.marker for node in scene.nodes.values() if node.marker}
    return found | {group.id: group.marker for group in _groups(scene.cloud) if group.marker}


def _warning(resource: str) -> Finding:
    return Finding(Span("design.yaml", 1, 1), "AG999", Severity.WARNING, resource, "test")


def test_a_finding_on_an_auto_scaling_group_marks_its_box_across_the_zones() -> None:
    for path, group in (
        (ROOT / "architectures" / "employee-directory-ec2.yaml", "web"),
        (GALLERY / "three-az-web-app.yaml", "app"),
    ):
        arch = load_file(path)
        marked = _marked(build_scene(arch, run_rules(arch)))
        assert marked == {f"asg:{group}": "AG209"}, path.name


def test_a_finding_on_an_auto_scaling_group_in_one_zone_marks_its_box() -> None:
    text = CAPSTONE.read_text(encoding="utf-8")
    one_zone = text.replace(ASG_SUBNETS, "subnets: [app-a]", 1)
    assert one_zone != text
    scene = build_scene(load_text(one_zone, "capstone.yaml"), [_warning("app")])
    assert _marked(scene) == {"asg:app": "AG999"}
    assert scene.copies["app"] == ["app"]  # drawn once, in its box


def test_a_finding_on_a_vpc_function_marks_the_function_not_its_interfaces() -> None:
    scene = build_scene(load_file(CAPSTONE), [_warning("importer")])
    assert _marked(scene) == {"importer": "AG999"}


def test_a_finding_on_an_interface_endpoint_marks_it_in_every_subnet() -> None:
    arch = load_file(GALLERY / "private-bedrock-endpoints.yaml")
    scene = build_scene(arch, [_warning("bedrock-endpoint")])
    expected = {copy: "AG999" for copy in scene.copies["bedrock-endpoint"]}
    assert len(expected) == 2
    assert _marked(scene) == expected


def _pieces(points: tuple[Point, ...]) -> list[tuple[Point, Point]]:
    """Return a drawn line's level and upright pieces (its corners joined)."""
    return [
        (a, b)
        for a, b in itertools.pairwise(points)
        if (abs(a[0] - b[0]) < 0.5) != (abs(a[1] - b[1]) < 0.5)
    ]


def _shared(a: tuple[Point, Point], b: tuple[Point, Point]) -> bool:
    """Tell whether two pieces run on one track for more than a few points."""
    axis = 1 if abs(a[0][1] - a[1][1]) < 0.5 else 0  # level pieces share a y
    if abs(b[0][axis] - b[1][axis]) >= 0.5 or abs(a[0][axis] - b[0][axis]) >= 1:
        return False
    along = 1 - axis
    low = max(min(a[0][along], a[1][along]), min(b[0][along], b[1][along]))
    high = min(max(a[0][along], a[1][along]), max(b[0][along], b[1][along]))
    return high - low > 3


@pytest.mark.parametrize(
    "path",
    [
        CAPSTONE,
        ROOT / "architectures" / "employee-directory-ec2.yaml",
        *sorted(GALLERY.glob("*.yaml")),
    ],
    ids=lambda p: p.stem,
)
def test_lines_into_a_gateway_endpoint_each_keep_a_track_of_their_own(path: Path) -> None:
    arch = load_file(path)
    drawing = drawings.draw(arch, ("json",))
    geometry = from_dot_json(drawing.outputs["json"])
    gateways = {
        node.id
        for node in drawing.scene.nodes.values()
        if node.type == "vpc_endpoint" and not node.subnet
    }
    into = [e.id for e in drawing.scene.edges if e.target in gateways and e.id in geometry.edges]
    shared = [
        (first, second)
        for first, second in itertools.combinations(into, 2)
        for a in _pieces(geometry.edges[first])
        for b in _pieces(geometry.edges[second])
        if _shared(a, b)
    ]
    assert shared == []


ASG_ROLES = [
    (ROOT / "architectures" / "capstone.yaml", "role:app-role>app", "asg:app"),
    (ROOT / "architectures" / "employee-directory-ec2.yaml", "role:web-role>web", "asg:web"),
    (GALLERY / "private-fleet-ssm.yaml", "role:worker-role>workers", "asg:workers"),
    (GALLERY / "transit-gateway-hub-spoke.yaml", "role:app-role>app", "asg:app"),
]


@pytest.mark.parametrize(("path", "line", "box"), ASG_ROLES, ids=lambda v: str(v)[-20:])
def test_an_auto_scaling_groups_role_runs_straight_into_the_groups_box(
    path: Path, line: str, box: str
) -> None:
    drawing = drawings.draw(load_file(path), ("json",))
    geometry = from_dot_json(drawing.outputs["json"])
    group = geometry.clusters[f"cluster_{box}"]
    points = geometry.edges[line]
    (_, y1), (x2, y2) = points[0], points[-1]
    assert abs(y1 - y2) < 0.5  # one level run, no curve across the VPC
    assert min(abs(x2 - group.x), abs(x2 - group.x - group.width)) < 1  # on the box's side
    assert group.y < y2 < group.y + group.height
    role = geometry.nodes[line.removeprefix("role:").split(">")[0]]
    assert role.y < y1 < role.y + role.height  # it leaves the role's own icon


def test_the_drawio_file_joins_the_role_to_the_groups_box_and_marks_the_box() -> None:
    arch = load_file(ROOT / "architectures" / "employee-directory-ec2.yaml")
    drawing = drawings.draw(marked_plan(arch), ("json",))
    artifact = render_drawio(drawing.scene, from_dot_json(drawing.outputs["json"]))
    root = ET.fromstring(artifact.data)  # noqa: S314 (our own output)
    cells = {c.get("id"): c for c in root.iter("mxCell")}
    assert cells["role:web-role>web"].get("target") == "web/group"
    assert "AG209" in (cells["web/group"].get("value") or "")
    assert "AG209" not in "".join(cells[n].get("value") or "" for n in drawing.scene.copies["web"])


def marked_plan(arch: Architecture) -> Drawing:
    """Return the plan of `arch` with its check's findings on it, as `render` draws it."""
    return plan(arch, run_rules(arch))


@pytest.mark.parametrize("view", ["default", "network"])
@pytest.mark.parametrize("path", sorted(ROOT.glob("architectures/**/*.yaml")), ids=lambda p: p.stem)
def test_a_role_line_stays_in_the_smallest_box_holding_both_its_ends(path: Path, view: str) -> None:
    drawing = drawings.draw(plan(load_file(path), view=view), ("json",))
    geometry = from_dot_json(drawing.outputs["json"])
    scene = drawing.scene
    for edge in [e for e in scene.edges if e.kind == "role"]:
        source, target = path_to(scene.cloud, edge.source), path_to(scene.cloud, edge.target)
        common = [a for a, b in zip(source, target, strict=False) if a is b][-1]
        box = geometry.clusters[f"cluster_{common.id}"]
        outside = [
            (x, y)
            for x, y in geometry.edges[edge.id]
            if not (
                box.x - 1 <= x <= box.x + box.width + 1 and box.y - 1 <= y <= box.y + box.height + 1
            )
        ]
        assert outside == [], edge.id


def test_a_roles_run_keeps_out_of_other_security_groups_in_the_network_view() -> None:
    """The capstone's role ran through the importer's security group beside the group."""
    drawing = drawings.draw(plan(load_file(CAPSTONE), view="network"), ("json",))
    geometry = from_dot_json(drawing.outputs["json"])
    group = geometry.clusters["cluster_asg:app"]
    walls = [
        box
        for name, box in geometry.clusters.items()
        if name.startswith("cluster_sg:") and not group.x <= box.x <= group.x + group.width
    ]
    assert walls  # the importer's security groups stand beside the group
    (x1, y), (x2, _) = (
        geometry.edges["role:app-role>app"][0],
        geometry.edges["role:app-role>app"][-1],
    )
    low, high = sorted((x1, x2))
    assert [
        b for b in walls if b.x < high and low < b.x + b.width and b.y < y < b.y + b.height
    ] == []


def test_a_one_zone_groups_role_runs_straight_into_its_box() -> None:
    text = CAPSTONE.read_text(encoding="utf-8").replace(ASG_SUBNETS, "subnets: [app-a]", 1)
    geometry = from_dot_json(
        drawings.draw(load_text(text, "capstone.yaml"), ("json",)).outputs["json"]
    )
    group = geometry.clusters["cluster_asg:app"]
    (_, y1), (x2, y2) = (
        geometry.edges["role:app-role>app"][0],
        geometry.edges["role:app-role>app"][-1],
    )
    assert abs(y1 - y2) < 0.5
    assert abs(x2 - group.x) < 1
    assert group.y < y2 < group.y + group.height
