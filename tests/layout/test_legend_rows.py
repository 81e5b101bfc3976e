"""The legend keys every line style and box colour drawn, and stands clear of the AWS Cloud."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from archgen.cli import main
from archgen.layout.drawing import build_scene, draw, plan
from archgen.loader import load_file
from tests.conftest import ARCHITECTURES

CAPSTONE = ARCHITECTURES / "capstone.yaml"
THREE_AZ = ARCHITECTURES / "gallery" / "three-az-web-app.yaml"
DESIGNS = sorted(ARCHITECTURES.glob("**/*.yaml"))


def test_the_capstone_keys_the_solid_arrow_both_subnet_colours_and_the_dashed_boxes() -> None:
    keys = [key for key, _ in build_scene(load_file(CAPSTONE)).legend]
    assert "line:connection" in keys
    assert keys[-4:] == ["box:subnet-public", "box:subnet-private", "box:az", "box:asg"]


def test_a_design_without_subnets_has_no_subnet_rows() -> None:
    keys = [
        key
        for key, _ in build_scene(
            load_file(ARCHITECTURES / "employee-directory-serverless.yaml")
        ).legend
    ]
    assert "line:connection" in keys
    assert not [key for key in keys if key.startswith("box:")]


def test_the_waf_row_ends_in_its_open_circle_and_the_request_row_in_an_arrow() -> None:
    source = plan(load_file(THREE_AZ)).dot
    assert '- - -○</B></FONT></TD><TD ALIGN="LEFT">WAF protects' in source
    assert '——▸</B></FONT></TD><TD ALIGN="LEFT">request and its response' in source
    assert 'BGCOLOR="#F2F6E8"' in source  # the public subnet's swatch


@pytest.mark.parametrize("path", DESIGNS, ids=lambda p: p.stem)
def test_the_legend_stands_by_the_aws_cloud_in_free_room_else_under_it_at_its_right_edge(
    path: Path,
) -> None:
    data = json.loads(draw(plan(load_file(path)), ("json",)).outputs["json"])
    objects = {item["name"]: item for item in data["objects"]}
    cloud = [float(v) for v in objects["cluster_cloud"]["bb"].split(",")]
    legend = objects["legend"]
    x, y = (float(v) for v in legend["pos"].split(","))
    half_w, half_h = float(legend["width"]) * 36, float(legend["height"]) * 36
    if y - half_h >= cloud[1] - 1:  # in free room by the cloud (tests/layout/test_page_room)
        assert x + half_w < cloud[0] or x - half_w > cloud[2] or y - half_h > cloud[3]
    else:
        assert abs(x + half_w - cloud[2]) < 1.5
        assert y + half_h < cloud[1]
    page = [float(v) for v in data["bb"].split(",")]
    assert y - half_h >= page[1] - 1  # inside the page, not cut off


def test_draw_io_and_mermaid_key_the_subnet_colours(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["render", str(CAPSTONE), "--out", str(tmp_path), "--format", "drawio,mermaid"]
    )
    assert result.exit_code == 0, result.output
    root = ET.parse(tmp_path / "capstone.drawio").getroot()  # noqa: S314 (archgen's own output)
    legend = next(c for c in root.iter("mxCell") if c.get("id", "").startswith("legend:"))
    value = legend.get("value", "")
    assert "background-color:#F2F6E8;border:1px solid #7AA116" in value
    assert "public subnet: routes to an internet gateway" in value
    assert "——▸" in value
    mermaid = (tmp_path / "capstone.mmd").read_text(encoding="utf-8")
    assert "teal box#58; private subnet" in mermaid or "teal box: private subnet" in mermaid
