"""The route and NACL lines of the network view, on designs a network engineer wrote."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from benchmarks.layout_quality import measure
from benchmarks.picture_text import all_ops, text_ops
from click.testing import CliRunner

from archgen.cli import main
from archgen.layout.drawing import build_scene, draw, plan
from archgen.layout.png_bands import PNG_DPI
from archgen.layout.style import PAGE_PAD_INCHES
from archgen.loader import load_file
from archgen.network.subnet_summary import route_lines, summarise
from archgen.rules.engine import run_rules
from archgen.rules.registry import rule_by_id
from tests.conftest import ARCHITECTURES

DESIGNS = Path(__file__).parent.parent / "data" / "network"
EDGE = DESIGNS / "edge.yaml"


def test_a_prefix_list_route_is_one_line_however_many_ranges_it_holds() -> None:
    lines = route_lines(load_file(EDGE), "pub-a")
    assert lines == ("0.0.0.0/0 → igw", "corp → tgw", "10.0.0.0/8 → tgw")  # /16s before the /8


def test_the_default_route_comes_first_and_the_more_specific_routes_after() -> None:
    lines = route_lines(load_file(EDGE), "priv-a")
    assert lines == ("0.0.0.0/0 → nat-a", "10.0.0.0/8 → tgw")  # the /25 is in the VPC: local


def test_a_table_without_a_default_route_names_the_local_route() -> None:
    hub = load_file(ARCHITECTURES / "gallery" / "transit-gateway-hub-spoke.yaml")
    assert route_lines(hub, "svc-a")[-1] == "else: no route (10.2.0.0/16 → local)"
    capstone = load_file(ARCHITECTURES / "capstone.yaml")
    assert route_lines(capstone, "db-a") == ("10.0.0.0/16 → local only",)


def test_the_main_route_table_is_marked() -> None:
    arch = load_file(EDGE)
    assert summarise(arch, "priv-a").table == "main-rt (main)"
    assert summarise(arch, "pub-a").table == "pub-rt"


def test_a_shadowed_allow_is_not_listed_and_every_source_is_explicit() -> None:
    summary = summarise(load_file(EDGE), "pub-a")
    assert summary.admits == (
        "deny 443 from any, udp 53 from 10.0.0.0/8, icmp from any, 1024-65535 from any"
    )


def test_the_nacl_line_shows_outbound_too() -> None:
    arch = load_file(DESIGNS / "sharednat.yaml")
    summary = summarise(arch, "priv-a")
    assert summary.admits == "80 from 172.16.0.0/23, deny all from any"
    assert summary.sends == "443 to any, 1024-65535 to 172.16.0.0/23"
    assert summarise(load_file(EDGE), "pub-a").sends == "all to any"


def test_an_allow_after_a_partial_deny_is_kept() -> None:
    summary = summarise(load_file(ARCHITECTURES / "capstone.yaml"), "app-a")
    assert summary.admits == "80 from 10.0.0.0/23, 1024-65535 from any"


def test_a_refused_reply_is_labelled_as_a_reply() -> None:
    scene = build_scene(load_file(DESIGNS / "sharednat.yaml"), view="network")
    labels = [edge.label for edge in scene.edges if "blocked" in edge.label]
    assert labels == ["HTTPS 443\nreply blocked at network ACL priv-nacl inbound"]


def test_a_refused_request_says_blocked_at() -> None:
    scene = build_scene(load_file(EDGE), view="network")
    labels = [edge.label for edge in scene.edges if "blocked" in edge.label]
    assert labels == ["HTTPS 443\nblocked at network ACL pub-nacl inbound"]


def test_two_views_in_one_run_are_refused(tmp_path: Path) -> None:
    args = ["render", str(EDGE), "--out", str(tmp_path), "--view", "network", "--view", "default"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert "--view given 2 times (network, default): a run draws one view" in result.output
    assert list(tmp_path.iterdir()) == []


def test_the_explanation_links_the_picture_this_run_draws(tmp_path: Path) -> None:
    args = ["render", str(EDGE), "--out", str(tmp_path), "--view", "network"]
    assert CliRunner().invoke(main, args).exit_code == 0
    page = (tmp_path / "edge.md").read_text(encoding="utf-8")
    assert "](edge.network.png)" in page
    assert "](edge.png)" not in page
    assert CliRunner().invoke(main, [*args[:4], "--format", "svg,md"]).exit_code == 0
    assert "](edge.svg)" in (tmp_path / "edge.md").read_text(encoding="utf-8")


def test_a_plain_render_links_the_default_picture(tmp_path: Path) -> None:
    assert CliRunner().invoke(main, ["render", str(EDGE), "--out", str(tmp_path)]).exit_code == 0
    assert "](edge.png)" in (tmp_path / "edge.md").read_text(encoding="utf-8")


def _legend(drawio: Path) -> str:
    root = ET.parse(drawio).getroot()  # noqa: S314 (archgen's own output)
    return next(
        c.get("value", "") for c in root.iter("mxCell") if c.get("id", "").startswith("legend:")
    )


def test_the_drawio_legend_draws_each_line_as_the_lines_are_drawn(tmp_path: Path) -> None:
    args = ["render", str(EDGE), "--out", str(tmp_path), "--format", "drawio"]
    assert CliRunner().invoke(main, args).exit_code == 0
    rows = _legend(tmp_path / "edge.drawio").split("<br>")
    blocked = next(row for row in rows if "blocked" in row)
    assert "—" in blocked
    assert "- - -" not in blocked


def _marked_groups(path: Path, view: str) -> dict[str, str]:
    """Return each marked box's id with its marker, and each marked note as `box/note`."""
    arch = load_file(path)
    scene = plan(arch, run_rules(arch), view).scene
    found: dict[str, str] = {}
    stack = [scene.cloud]
    while stack:
        group = stack.pop()
        stack.extend(group.groups)
        if group.marker:
            found[group.id] = group.marker
        for note, (ids, _) in group.note_marks.items():
            found[f"{group.id}/{note}"] = ids
    return found


def test_network_parts_carry_the_rule_ids_of_their_findings() -> None:
    marked = _marked_groups(DESIGNS / "web3az.yaml", "network")
    assert marked["sg:app-sg@asg/app@app-a"] == "AG305"
    assert "sg:app-sg@asg/app@app-b" not in marked  # one marker a resource, as on icons
    assert marked["subnet:app-a/nacl"] == "AG303"
    assert marked["subnet:app-b/nacl"] == "AG303"  # every subnet the NACL guards shows it
    assert marked["subnet:app-c/route-table"] == "AG105"
    assert "subnet:app-a/route-table" not in marked


def test_the_default_view_marks_a_subnet_on_its_box() -> None:
    marked = _marked_groups(DESIGNS / "web3az.yaml", "default")
    assert marked == {"subnet:app-c": "AG105", "asg:app": "AG209"}  # the group's whole box


def test_drawio_files_carry_the_markers_and_the_legend_explains_them(tmp_path: Path) -> None:
    for view in ("default", "network"):
        args = ["render", str(DESIGNS / "web3az.yaml"), "--out", str(tmp_path), "--view", view]
        assert CliRunner().invoke(main, [*args, "--format", "drawio"]).exit_code == 0
    network = (tmp_path / "web3az.network.drawio").read_text(encoding="utf-8")
    default = (tmp_path / "web3az.drawio").read_text(encoding="utf-8")
    for rule in ("AG305", "AG303", "AG105", "AG209"):
        assert rule in network, rule
    for rule in ("AG105", "AG209"):
        assert rule in default, rule
    legend = _legend(tmp_path / "web3az.network.drawio")
    for rule in ("AG105", "AG209", "AG303", "AG305"):  # a row each, in rule-id order
        found = rule_by_id(rule)
        assert found is not None
        assert legend.count(f"{found.severity.value}, rule not met: {found.title}") == 1, rule
    assert legend.index("AG105") < legend.index("AG209") < legend.index("AG303")


def test_a_clean_design_has_no_marker_row_in_its_legend(tmp_path: Path) -> None:
    args = ["render", str(DESIGNS / "private.yaml"), "--out", str(tmp_path), "--format", "drawio"]
    assert CliRunner().invoke(main, [*args, "--view", "network"]).exit_code == 0
    assert ", rule not met: " not in (tmp_path / "private.network.drawio").read_text()


@pytest.mark.parametrize("path", sorted(DESIGNS.glob("*.yaml")), ids=lambda p: p.stem)
def test_no_line_label_covers_a_box_title_or_notes(path: Path) -> None:
    """A red "blocked at" label sat on a zone's title and the VPC's (edge, sharednat)."""
    assert measure(load_file(path), "network").label_overlaps == 0


def test_route_and_nacl_text_is_readable_at_800_px() -> None:
    """Notes were 14 pt on a 3,000 px capstone: 5 px once embedded 800 px wide."""
    drawing = draw(plan(load_file(ARCHITECTURES / "capstone.yaml"), view="network"), ("json",))
    data = json.loads(drawing.outputs["json"])
    left, _, right, _ = (float(v) for v in data["bb"].split(","))
    png_width = (right - left + 2 * PAGE_PAD_INCHES * 72) * PNG_DPI / 72
    notes = [
        size
        for ops in all_ops(data)
        for op, size in text_ops(ops)
        if "→" in op.get("text", "") or op.get("text", "").lstrip("\xa0").startswith("out ")
    ]
    assert notes
    assert min(notes) * PNG_DPI / 72 * 800 / png_width >= 6.0


def _zone_columns(path: Path, view: str) -> dict[str, list[str]]:
    """Return each VPC's zone names in the order their columns stand, left to right."""
    data = json.loads(draw(plan(load_file(path), view=view), ("json",)).outputs["json"])
    columns: dict[str, list[tuple[float, str]]] = {}
    for item in data.get("objects", []):
        name = str(item.get("name", ""))
        if name.startswith("cluster_az:"):
            _, vpc, zone = name.removeprefix("cluster_").split(":")
            columns.setdefault(vpc, []).append((float(item["bb"].split(",")[0]), zone))
    return {vpc: [zone for _, zone in sorted(found)] for vpc, found in columns.items()}


@pytest.mark.parametrize("view", ["default", "network"])
@pytest.mark.parametrize(
    "path",
    [
        DESIGNS / "peering.yaml",
        DESIGNS / "web3az.yaml",
        ARCHITECTURES / "gallery" / "transit-gateway-hub-spoke.yaml",
        ARCHITECTURES / "capstone.yaml",
    ],
    ids=lambda p: p.stem,
)
def test_zone_columns_stand_in_name_order(path: Path, view: str) -> None:
    for vpc, zones in _zone_columns(path, view).items():
        assert zones == sorted(zones), vpc
