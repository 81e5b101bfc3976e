"""The picture shows the traffic path, the words of each line, and the check's findings."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.layout_quality import measure

from archgen.findings import Severity
from archgen.layout.drawing import build_scene, draw
from archgen.layout.geometry import Box, Geometry, from_dot_json
from archgen.loader import load_file, load_text
from archgen.rules.engine import run_rules

ROOT = Path(__file__).resolve().parents[2]
DESIGNS = sorted((ROOT / "architectures").rglob("*.yaml"))
CAPSTONE = ROOT / "architectures" / "capstone.yaml"


def test_inbound_requests_pass_the_internet_gateway() -> None:
    scene = build_scene(load_file(CAPSTONE))
    pairs = {(e.source, e.target) for e in scene.edges if e.kind == "connection"}
    assert ("users", "igw") in pairs
    assert ("igw", "web-alb") in pairs
    assert ("users", "web-alb") not in pairs


def test_s3_traffic_passes_the_gateway_endpoint_drawn_once() -> None:
    scene = build_scene(load_file(CAPSTONE))
    pairs = [(e.source, e.target) for e in scene.edges if e.kind == "connection"]
    assert ("app@app-a", "s3-endpoint") in pairs
    assert ("importer@app-b", "s3-endpoint") in pairs
    assert pairs.count(("s3-endpoint", "datasets")) == 1
    assert not [p for p in pairs if p[1] == "datasets" and p[0] != "s3-endpoint"]


def test_a_vpc_function_is_one_function_with_an_interface_per_subnet() -> None:
    scene = build_scene(load_file(CAPSTONE))
    assert scene.copies["importer"] == ["importer"]
    assert scene.interfaces["importer"] == ["importer@app-a", "importer@app-b"]
    assert {scene.nodes[n].subnet for n in scene.interfaces["importer"]} == {"app-a", "app-b"}
    assert scene.nodes["importer@app-a"].shape == "eni"


def test_lines_carry_their_words_then_protocol_and_port() -> None:
    scene = build_scene(load_file(CAPSTONE))
    labels = {e.label for e in scene.edges if e.label}
    assert "SQL query\nMySQL 3306" in labels
    assert "forward request\nHTTP 80" in labels
    assert not any("MYSQL" in label for label in labels)


def test_roles_sit_beside_what_assumes_them() -> None:
    scene = build_scene(load_file(CAPSTONE))
    assert ("importer-role", "importer") in scene.beside
    assert "importer-role" in scene.cloud.groups[0].nodes  # beside the function, in the Region


def test_the_region_is_labelled_with_its_name_and_code() -> None:
    scene = build_scene(load_file(CAPSTONE))
    assert scene.cloud.groups[0].label == "US East (N. Virginia)  us-east-1"


def test_a_warning_marks_its_resource_and_a_clean_design_stays_clean() -> None:
    ec2 = load_file(ROOT / "architectures" / "employee-directory-ec2.yaml")
    findings = run_rules(ec2)
    marked = build_scene(ec2, findings)
    asg = next(g for g in marked.cloud.groups[0].groups[0].groups if g.id == "asg:web")
    assert (asg.marker, asg.severity) == ("AG209", "warning")  # the group, not one instance
    assert {f.resource for f in findings if f.severity != Severity.NOTE} == {"web"}
    assert [n.id for n in marked.nodes.values() if n.marker] == []
    notes = [f for f in findings if f.severity == Severity.NOTE]
    clean = build_scene(ec2, notes)
    assert [n.id for n in clean.nodes.values() if n.marker] == []


def test_a_blocked_connection_is_red_and_names_what_blocks_it() -> None:
    rule = "{rule: 100, action: allow, protocol: tcp, ports: 3306, cidr: 10.0.10.0/23}"
    text = CAPSTONE.read_text(encoding="utf-8").replace(rule, rule.replace("3306", "5432"))
    arch = load_text(text, "capstone.yaml")
    scene = build_scene(arch)
    blocked = [e for e in scene.edges if e.kind == "blocked"]
    assert blocked
    assert all(e.target.startswith("db@") for e in blocked)
    assert any("blocked at network ACL db-nacl inbound" in e.label for e in blocked)


REACHED = {"event-driven-orders": (1, 0), "step-functions-orders": (2, 0), "websocket-chat": (1, 0)}
"""(labels crossed, subnets crossed) still left where dot's own curves cross a label it placed
and no free spot beside the label's line was found; each figure may only go down."""
REACHED["eks-microservices"] = (0, 1)  # a role's line to the first of three zones


@pytest.mark.parametrize("path", DESIGNS, ids=lambda p: p.stem)
def test_no_label_overlaps_and_no_line_through_a_resource(path: Path) -> None:
    quality = measure(load_file(path))
    crossed, subnets = REACHED.get(path.stem, (0, 0))
    assert quality.label_overlaps == 0
    assert quality.labels_crossed <= crossed
    assert quality.through == 0
    assert quality.through_subnets <= subnets
    assert quality.row_skew == 0.0


def _laid_out(path: Path) -> Geometry:
    return from_dot_json(draw(load_file(path), ("json",)).outputs["json"])


def _centre(box: Box) -> tuple[float, float]:
    return (box.x + box.width / 2, box.y + box.height / 2)


def test_gateways_sit_on_the_vpc_border() -> None:
    geometry = _laid_out(CAPSTONE)
    vpc = geometry.clusters["cluster_vpc:vpc"]
    igw, endpoint = geometry.nodes["igw"], geometry.nodes["s3-endpoint"]
    assert igw.y < vpc.y < igw.y + igw.height  # across the top edge
    assert endpoint.y < vpc.y + vpc.height < endpoint.y + endpoint.height  # the bottom edge


def test_one_auto_scaling_group_box_spans_the_zones() -> None:
    scene = build_scene(load_file(CAPSTONE))
    vpc = scene.cloud.groups[0].groups[0]
    spanning = [g for g in vpc.groups if g.kind == "asg"]
    assert [(g.id, g.spans) for g in spanning] == [("asg:app", ["asg:app@app-a", "asg:app@app-b"])]


@pytest.mark.redraw  # two real drawings: a kept one would be compared with its own copy
def test_a_tidied_layout_is_the_same_every_time() -> None:
    first = draw(load_file(CAPSTONE), ("json", "svg"))
    again = draw(load_file(CAPSTONE), ("json", "svg"))
    assert first.outputs == again.outputs


def test_the_legend_stands_under_the_cloud_so_the_picture_embeds_wider_text() -> None:
    geometry = _laid_out(CAPSTONE)
    legend, cloud = geometry.nodes["legend"], geometry.clusters["cluster_cloud"]
    assert legend.y >= cloud.y + cloud.height
    assert legend.x + legend.width <= cloud.x + cloud.width + 0.01


def test_the_capstone_text_embedded_800_pixels_wide_is_at_least_6_5_pixels() -> None:
    """The zone gap kept for the load balancer's icon is closed once it is a bar (5.6 px before)."""
    assert measure(load_file(CAPSTONE)).text_at_800 >= 6.5


def test_a_server_reaches_the_copy_in_its_own_zone() -> None:
    scene = build_scene(load_file(ROOT / "architectures" / "gallery" / "wordpress-efs.yaml"))
    pairs = {(e.source, e.target) for e in scene.edges if e.kind == "connection"}
    assert ("web@web-b", "content@data-b") in pairs
    assert ("web@web-b", "cache@data-b") in pairs
    assert ("web@web-b", "content@data-a") not in pairs


def test_no_empty_header_band_is_left_in_the_vpc() -> None:
    geometry = _laid_out(CAPSTONE)
    vpc, zone = geometry.clusters["cluster_vpc:vpc"], geometry.clusters["cluster_az:vpc:us-east-1a"]
    igw = geometry.nodes["igw"]
    assert zone.y - (igw.y + igw.height) < 60  # under the gateway's label, the zones begin
    assert zone.y > vpc.y
