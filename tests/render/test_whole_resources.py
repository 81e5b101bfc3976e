"""Findings and roles reach what the picture draws as the whole resource (issue 15).

An Auto Scaling group is one box across its zones, a VPC function one icon
with interfaces, an interface endpoint one icon per subnet: a marker or a
role line on the first zone's instance would say the rest is not concerned.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from archgen.findings import Finding, Severity
from archgen.layout.drawing import build_scene
from archgen.layout.scene import Group, Scene
from archgen.loader import load_file, load_text
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
