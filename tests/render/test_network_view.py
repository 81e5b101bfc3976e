"""`render --view network`: route tables, NACLs and security groups, with real dot."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from benchmarks.layout_quality import measure
from click.testing import CliRunner

from archgen.cli import main
from archgen.layout.drawing import build_scene
from archgen.layout.scene import Group
from archgen.loader import load_file
from archgen.network.subnet_summary import route_lines, summarise
from tests.conftest import ARCHITECTURES
from tests.render.test_picture_path import DESIGNS, REACHED

CAPSTONE = ARCHITECTURES / "capstone.yaml"
GALLERY = ARCHITECTURES / "gallery"


def _render(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["render", *args])
    return result.exit_code, result.output


def _cells(path: Path) -> dict[str, ET.Element]:
    root = ET.parse(path).getroot()  # noqa: S314 (archgen's own output)
    return {cell.get("id", ""): cell for cell in root.iter("mxCell")}


def _groups(group: Group) -> list[Group]:
    return [group, *(g for child in group.groups for g in _groups(child))]


@pytest.mark.parametrize(
    ("subnet", "routes"),
    [
        ("public-a", ("0.0.0.0/0 → igw",)),
        ("public-b", ("0.0.0.0/0 → igw",)),
        ("app-a", ("0.0.0.0/0 → nat-a", "s3 prefix list → s3-endpoint")),
        ("app-b", ("0.0.0.0/0 → nat-b", "s3 prefix list → s3-endpoint")),
        ("db-a", ("10.0.0.0/16 → local only",)),
        ("db-b", ("10.0.0.0/16 → local only",)),
    ],
)
def test_the_capstone_subnets_show_the_routes_the_analysis_takes(
    subnet: str, routes: tuple[str, ...]
) -> None:
    assert route_lines(load_file(CAPSTONE), subnet) == routes


def test_transit_gateway_and_peering_routes_are_named() -> None:
    hub = load_file(GALLERY / "transit-gateway-hub-spoke.yaml")
    assert route_lines(hub, "egress-public-a") == ("0.0.0.0/0 → egress-igw", "10.0.0.0/8 → tgw")
    assert route_lines(hub, "app-a") == ("0.0.0.0/0 → tgw",)
    assert route_lines(hub, "svc-a") == (
        "10.1.0.0/16 → tgw",
        "else: no route (10.2.0.0/16 → local)",
    )
    peering = load_file(GALLERY / "vpc-peering-shared-services.yaml")
    assert route_lines(peering, "team-a-1") == (
        "10.60.0.0/16 → peer-team-a",
        "else: no route (10.61.0.0/16 → local)",
    )


def test_a_gateway_endpoint_route_is_named_by_its_prefix_list() -> None:
    arch = load_file(GALLERY / "private-bedrock-endpoints.yaml")
    summary = summarise(arch, "private-a")
    assert summary.routes == (
        "dynamodb prefix list → dynamodb-endpoint",
        "else: no route (10.30.0.0/16 → local)",
    )
    assert (summary.table, summary.nacl) == ("private-rt (main)", "private-nacl")
    assert summary.admits == "443 from 10.30.0.0/16, 1024-65535 from any"


def test_the_nacl_line_says_what_it_admits() -> None:
    summary = summarise(load_file(CAPSTONE), "app-a")
    assert (summary.nacl, summary.admits) == (
        "app-nacl",
        "80 from 10.0.0.0/23, 1024-65535 from any",
    )


def test_security_groups_are_one_box_per_subnet_around_their_members() -> None:
    scene = build_scene(load_file(CAPSTONE), view="network")
    boxes = {g.id: g for g in _groups(scene.cloud) if g.kind == "sg"}
    assert sorted(boxes) == [
        "sg:alb-sg@vpc/vpc",
        "sg:app-sg@asg/app@app-a",
        "sg:app-sg@asg/app@app-b",
        "sg:db-sg@subnet/db-a",
        "sg:db-sg@subnet/db-b",
        "sg:importer-sg@subnet/app-a",
        "sg:importer-sg@subnet/app-b",
    ]
    assert boxes["sg:db-sg@subnet/db-a"].nodes == ["db@db-a"]
    assert boxes["sg:app-sg@asg/app@app-b"].nodes == ["app@app-b"]
    assert boxes["sg:alb-sg@vpc/vpc"].spans == ["web-alb"]  # drawn round it: it straddles the zones
    assert boxes["sg:db-sg@subnet/db-a"].label == "DB\nsecurity group"  # narrow: zones stay narrow
    assert boxes["sg:alb-sg@vpc/vpc"].label == "ALB security group"  # one line over the bar


def test_the_default_view_has_no_network_detail() -> None:
    scene = build_scene(load_file(CAPSTONE))
    groups = _groups(scene.cloud)
    assert [g.id for g in groups if g.kind == "sg"] == []
    assert [g.id for g in groups if g.notes] == []


def test_render_network_view_end_to_end(tmp_path: Path) -> None:
    code, output = _render(str(CAPSTONE), "--out", str(tmp_path), "--view", "network")
    assert code == 0, output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "capstone.md",
        "capstone.network.drawio",
        "capstone.network.png",
        "capstone.network.svg",
    ]
    svg = (tmp_path / "capstone.network.svg").read_text(encoding="utf-8")
    assert svg.count("<title>cluster_sg:app&#45;sg@") == 2
    assert ">App</text>" in svg
    assert ">security group</text>" in svg

    assert "public&#45;rt: 0.0.0.0/0 → igw<" in svg
    assert "db&#45;rt (main): 10.0.0.0/16 →<" in svg
    cells = _cells(tmp_path / "capstone.network.drawio")
    assert "Route table public-rt: 0.0.0.0/0 → igw" in cells["public-a"].get("value", "")
    assert "NACL db-nacl: in 3306 from" in cells["db-a"].get("value", "")
    assert "0.0.0.0/0 → nat-b" in cells["app-b"].get("value", "")
    group = cells["db-sg@subnet/db-a"]
    assert "strokeColor=#DD3522" in group.get("style", "")
    assert group.get("parent") == "db-a"
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    code, output = _render(str(CAPSTONE), "--out", str(tmp_path), "--view", "network")
    assert (code, output.splitlines()[-1]) == (0, "0 written, 4 unchanged")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_security_group_boxes_stay_inside_their_subnets(tmp_path: Path) -> None:
    code, output = _render(
        str(CAPSTONE), "--out", str(tmp_path), "--view", "network", "--format", "drawio"
    )
    assert code == 0, output
    cells = _cells(tmp_path / "capstone.network.drawio")
    for cell_id, cell in cells.items():
        parent = cells.get(cell.get("parent", ""))
        if "strokeColor=#DD3522" not in cell.get("style", "") or parent is None:
            continue
        if parent.get("id") == "vpc":
            continue  # the load balancer's box, round it where it straddles its zones
        box, outer = cell.find("mxGeometry"), parent.find("mxGeometry")
        assert box is not None
        assert outer is not None
        left, top = float(box.get("x", 0)), float(box.get("y", 0))
        right, bottom = left + float(box.get("width", 0)), top + float(box.get("height", 0))
        assert min(left, top) >= 0, cell_id
        assert right <= float(outer.get("width", 0)), cell_id
        assert bottom <= float(outer.get("height", 0)), cell_id


def test_the_default_render_keeps_its_names(tmp_path: Path) -> None:
    code, output = _render(str(CAPSTONE), "--out", str(tmp_path), "--format", "svg")
    assert code == 0, output
    assert [p.name for p in tmp_path.iterdir()] == ["capstone.svg"]
    assert "security group" not in (tmp_path / "capstone.svg").read_text(encoding="utf-8")


def test_check_reports_a_missing_view_output(tmp_path: Path) -> None:
    args = (str(CAPSTONE), "--out", str(tmp_path), "--view", "network", "--format", "svg,png")
    assert _render(*args)[0] == 0
    (tmp_path / "capstone.network.png").unlink()
    code, output = _render(*args, "--check")
    assert code == 1
    assert f"missing: {tmp_path / 'capstone.network.png'}" in output
    code, output = _render(*args, "--check", "--verify")
    assert code == 1
    assert "capstone.network.png" in output


def test_an_unknown_view_exits_2_with_a_clear_message(tmp_path: Path) -> None:
    code, output = _render(str(CAPSTONE), "--out", str(tmp_path), "--view", "netwrk")
    assert code == 2
    assert "--view: unknown view 'netwrk' (choose from default, network)" in output
    assert not tmp_path.exists() or list(tmp_path.iterdir()) == []


def test_a_plain_render_keeps_a_drawn_view_current(tmp_path: Path) -> None:
    source = tmp_path / "capstone.yaml"
    source.write_text(CAPSTONE.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    assert _render(str(source), "--out", str(out), "--format", "svg")[0] == 0
    assert _render(str(source), "--out", str(out), "--format", "svg", "--view", "network")[0] == 0
    assert _render(str(source), "--out", str(out), "--format", "svg", "--check")[0] == 0
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("target: nat-b}", "target: nat-a}"), encoding="utf-8")
    code, output = _render(str(source), "--out", str(out), "--format", "svg", "--check")
    assert code == 1
    assert f"stale: {out / 'capstone.network.svg'}" in output
    code, output = _render(str(source), "--out", str(out), "--format", "svg")
    assert code == 0, output
    assert f"wrote {out / 'capstone.network.svg'}" in output
    svg = (out / "capstone.network.svg").read_text(encoding="utf-8")
    assert "0.0.0.0/0 → nat&#45;a" in svg
    assert sorted(p.name for p in out.iterdir()) == ["capstone.network.svg", "capstone.svg"]


TITLES = {"capstone": 7, "three-az-web-app": 8, "ecs-fargate-microservices": 10}
"""Lines still through a security group's or Auto Scaling group's title where no step round
it clears, or every step crosses more lines or leaves a label behind (65 in all before the
titles were stepped round, 39 after); each figure may only go down."""
TITLES |= {"wordpress-efs": 6, "vpc-peering-shared-services": 3, "employee-directory-ec2": 1}
TITLES |= {"eks-microservices": 1, "nlb-tls-service": 1, "private-fleet-ssm": 1}
TITLES |= {"student-flawed": 1}


@pytest.mark.parametrize("path", DESIGNS, ids=lambda p: p.stem)
def test_the_network_view_keeps_the_layout_quality(path: Path) -> None:
    """No label over another, no line through a resource, rows aligned: as the default view."""
    quality = measure(load_file(path), "network")
    crossed, subnets = REACHED.get(path.stem, (0, 0))
    assert quality.label_overlaps == 0
    assert quality.labels_crossed <= crossed
    assert quality.through == 0  # zone b's NAT line crossed the three-az load balancer's bar
    assert quality.through_notes == 0  # the capstone's NAT lines struck out app-rt-a's routes
    assert quality.through_titles <= TITLES.get(path.stem, 0)  # "App security group" struck out
    assert quality.through_subnets <= subnets
    assert quality.row_skew == 0.0
