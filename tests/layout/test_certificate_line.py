"""An ACM certificate is tied to what presents it (`used_by`), like a role to its holder."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from click.testing import CliRunner

from archgen.cli import main
from archgen.layout.drawing import build_scene, plan
from archgen.layout.scene import Group
from archgen.loader import load_file
from tests.conftest import ARCHITECTURES

ECS = ARCHITECTURES / "gallery" / "ecs-fargate-microservices.yaml"


def _holding(group: Group, node: str) -> str:
    if node in group.nodes:
        return group.id
    return next((found for g in group.groups if (found := _holding(g, node))), "")


def test_the_certificate_has_a_dotted_line_to_its_load_balancer_and_a_legend_row() -> None:
    scene = build_scene(load_file(ECS))
    lines = [(e.source, e.target, e.kind) for e in scene.edges if e.kind == "certificate"]
    assert lines == [("certificate", "alb", "certificate")]
    assert ("line:certificate", "TLS certificate presented by") in scene.legend


def test_the_certificate_line_is_drawn_dotted_without_an_arrow() -> None:
    source = plan(load_file(ECS)).dot
    line = next(row for row in source.splitlines() if 'id="certificate:certificate>alb"' in row)
    assert "style=dotted" in line
    assert "arrowhead=none" in line


def test_the_certificate_stays_outside_the_vpc() -> None:
    scene = build_scene(load_file(ECS))
    assert _holding(scene.cloud, "certificate").startswith("region")


def test_draw_io_and_mermaid_carry_the_certificate_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["render", str(ECS), "--out", str(tmp_path), "--format", "drawio,mermaid"]
    )
    assert result.exit_code == 0, result.output
    root = ET.parse(tmp_path / f"gallery-{ECS.stem}.drawio").getroot()  # noqa: S314 (archgen's own output)
    cell = next(c for c in root.iter("mxCell") if c.get("id") == "certificate:certificate>alb")
    assert "dashPattern=1 3" in cell.get("style", "")
    assert "endArrow=none" in cell.get("style", "")
    mermaid = (tmp_path / f"gallery-{ECS.stem}.mmd").read_text(encoding="utf-8")
    assert "n_certificate -.- n_alb" in mermaid
    assert "TLS certificate presented by" in mermaid
