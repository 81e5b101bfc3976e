"""A box that stands for one resource is titled with its kind and its name; the key explains it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from click.testing import CliRunner

from archgen.cli import main
from archgen.layout.drawing import build_scene, plan
from archgen.layout.groups import box_title
from archgen.layout.scene import Group, Scene
from archgen.loader import load_file
from tests.conftest import ARCHITECTURES

ECS = ARCHITECTURES / "gallery" / "ecs-fargate-microservices.yaml"
THREE_AZ = ARCHITECTURES / "gallery" / "three-az-web-app.yaml"


def _walk(group: Group) -> list[Group]:
    return [group, *(g for child in group.groups for g in _walk(child))]


def _titles(scene: Scene, kind: str) -> list[str]:
    return sorted(group.label for group in _walk(scene.cloud) if group.kind == kind)


def test_each_ecs_service_box_is_titled_with_the_service_name() -> None:
    assert _titles(build_scene(load_file(ECS)), "ecs-service") == [
        "ECS service: Orders service (Fargate)",
        "ECS service: Web service (Fargate)",
    ]


def test_the_auto_scaling_group_box_is_titled_with_the_group_name() -> None:
    assert _titles(build_scene(load_file(THREE_AZ)), "asg") == [
        "Auto Scaling group: Application servers"
    ]


def test_a_label_that_adds_nothing_leaves_the_kind_alone() -> None:
    assert box_title("asg", "") == "Auto Scaling group"
    assert box_title("asg", "auto scaling group") == "Auto Scaling group"
    assert box_title("asg", "Web Auto Scaling group") == "Web Auto Scaling group"
    assert box_title("ecs-service", "Orders\nservice") == "ECS service: Orders service"


def test_the_legend_keys_the_zone_and_the_service_boxes() -> None:
    scene = build_scene(load_file(ECS))
    keys = [key for key, _ in scene.legend]
    assert "box:az" in keys
    assert "box:ecs-service" in keys
    assert "box:asg" not in keys  # no Auto Scaling group is drawn here


def test_the_dot_legend_draws_a_dashed_swatch_for_the_group_box() -> None:
    source = plan(load_file(THREE_AZ)).dot
    assert 'STYLE="dashed" COLOR="#D86613"' in source
    assert "Auto Scaling group: its instances" in source
    assert 'STYLE="dashed" COLOR="#147EBA"' in source
    assert "Availability Zone" in source


def test_draw_io_and_mermaid_show_the_same_titles_and_rows(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["render", str(ECS), "--out", str(tmp_path), "--format", "drawio,mermaid"]
    )
    assert result.exit_code == 0, result.output
    stem = "gallery-ecs-fargate-microservices"
    root = ET.parse(tmp_path / f"{stem}.drawio").getroot()  # noqa: S314 (archgen's own output)
    values = [cell.get("value", "") for cell in root.iter("mxCell")]
    assert "ECS service: Web service (Fargate)" in values
    legend = next(c for c in root.iter("mxCell") if c.get("id", "").startswith("legend:"))
    assert "border:1px dashed #ED7100" in legend.get("value", "")
    assert "ECS service: its running tasks" in legend.get("value", "")
    mermaid = (tmp_path / f"{stem}.mmd").read_text(encoding="utf-8")
    assert "ECS service#58; Orders service (Fargate)" in mermaid or (
        "ECS service: Orders service (Fargate)" in mermaid
    )
    assert "dashed orange box" in mermaid
