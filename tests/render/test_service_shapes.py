"""An ECS service reads as one service, an EFS file system as one file system (issue 15).

An AWS architect draws an ECS service as one box across its zones with a task
in each subnet, as an Auto Scaling group; and an EFS file system once, with a
mount target in each subnet that the servers of that zone reach. Each test
reads the scene, graphviz's JSON of the drawn picture or the draw.io XML.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from archgen.layout.drawing import build_scene, draw
from archgen.layout.geometry import Box, Geometry, from_dot_json
from archgen.layout.mermaid import mermaid_source
from archgen.layout.scene import Group, path_to
from archgen.loader import load_file
from archgen.model.architecture import Architecture
from archgen.render.drawio import render_drawio
from tests.render.test_architect_review import overlap

GALLERY = Path(__file__).resolve().parents[2] / "architectures" / "gallery"
ECS = GALLERY / "ecs-fargate-microservices.yaml"
EFS = GALLERY / "wordpress-efs.yaml"
SERVICES = ("web-service", "orders-service")
TASKS = {service: [f"{service}@tasks-a", f"{service}@tasks-b"] for service in SERVICES}


def _laid_out(arch: Architecture) -> Geometry:
    return from_dot_json(draw(arch, ("json",)).outputs["json"])


def _holds(outer: Box, inner: Box) -> bool:
    return (
        outer.x <= inner.x
        and inner.x + inner.width <= outer.x + outer.width
        and outer.y <= inner.y
        and inner.y + inner.height <= outer.y + outer.height
    )


def _groups(group: Group) -> list[Group]:
    return [group, *(g for child in group.groups for g in _groups(child))]


def _drawio_cells(arch: Architecture) -> list[ET.Element]:
    scene = build_scene(arch)
    xml = render_drawio(scene, _laid_out(arch)).data.decode("utf-8")
    root = ET.fromstring(xml)  # noqa: S314 (archgen's own output)
    return list(root.iter("mxCell"))


def test_each_ecs_service_is_one_box_across_its_zones_around_its_tasks() -> None:
    scene = build_scene(load_file(ECS))
    spanning = {g.id: g for g in _groups(scene.cloud) if g.spans}
    assert {gid: g.kind for gid, g in spanning.items()} == {
        "ecs-service:web-service": "ecs-service",
        "ecs-service:orders-service": "ecs-service",
    }
    for service in SERVICES:
        group = spanning[f"ecs-service:{service}"]
        assert group.label.startswith("ECS service: ")  # named: test_box_titles
        assert [n for slot in group.spans for n in _slot_nodes(scene.cloud, slot)] == TASKS[service]


def _slot_nodes(cloud: Group, slot: str) -> list[str]:
    return next(g.nodes for g in _groups(cloud) if g.id == slot)


def test_an_ecs_service_box_holds_its_own_tasks_and_crosses_the_zone_gap() -> None:
    geometry = _laid_out(load_file(ECS))
    zone_a, zone_b = (geometry.clusters[f"cluster_az:vpc:us-east-1{z}"] for z in "ab")
    boxes = {s: geometry.clusters[f"cluster_ecs-service:{s}"] for s in SERVICES}
    for service, box in boxes.items():
        assert all(_holds(box, geometry.nodes[task]) for task in TASKS[service])
        other = next(s for s in SERVICES if s != service)
        assert not any(overlap(box, geometry.nodes[task]) for task in TASKS[other])
        assert box.x < zone_a.x + zone_a.width
        assert zone_b.x < box.x + box.width
    assert not overlap(*boxes.values())


def test_an_ecs_task_is_drawn_with_the_task_icon_inside_its_service_box_in_drawio() -> None:
    cells = {c.get("id"): c for c in _drawio_cells(load_file(ECS))}
    for service in SERVICES:
        box = cells[f"{service}/group"]
        style = box.get("style") or ""
        assert "grIcon=mxgraph.aws4.ecs_service" in style
        assert "grStroke=1" in style  # its dashed border drawn, not the icon alone
        assert box.get("value", "").startswith("ECS service")
        for task in TASKS[service]:
            assert "mxgraph.aws4.ecs_task" in (cells[task].get("style") or "")


def test_an_efs_file_system_is_drawn_once_with_a_mount_target_in_each_subnet() -> None:
    scene = build_scene(load_file(EFS))
    assert scene.copies["content"] == ["content"]
    assert not scene.nodes["content"].subnet
    assert not any(g.kind.startswith(("vpc", "subnet")) for g in path_to(scene.cloud, "content"))
    targets = scene.interfaces["content"]
    assert targets == ["content@data-a", "content@data-b"]
    assert {(scene.nodes[t].label, scene.nodes[t].shape) for t in targets} == {
        ("Mount target", "eni")
    }
    ties = {(e.source, e.target) for e in scene.edges if e.kind == "interface"}
    assert ties == {(t, "content") for t in targets}  # tied under them: ranked below the zones


def test_each_web_server_reaches_the_mount_target_of_its_own_zone() -> None:
    scene = build_scene(load_file(EFS))
    nfs = {(e.source, e.target) for e in scene.edges if e.kind == "connection" and "NFS" in e.label}
    nfs |= {
        (e.source, e.target)
        for e in scene.edges
        if e.kind == "connection" and e.target.startswith("content")
    }
    assert nfs == {("web@web-a", "content@data-a"), ("web@web-b", "content@data-b")}


def test_the_efs_icon_is_drawn_once_under_the_zones_in_the_picture_and_drawio() -> None:
    arch = load_file(EFS)
    geometry = _laid_out(arch)
    subnets = [box for name, box in geometry.clusters.items() if name.startswith("cluster_subnet")]
    assert not any(overlap(box, geometry.nodes["content"]) for box in subnets)
    for zone in "ab":
        target = geometry.nodes[f"content@data-{zone}"]
        assert _holds(geometry.clusters[f"cluster_subnet:data-{zone}"], target)
    efs, vpc = geometry.nodes["content"], geometry.clusters["cluster_vpc:vpc"]
    assert efs.y >= vpc.y + vpc.height  # under the zones, as AWS draws the file system
    targets = [geometry.nodes[f"content@data-{zone}"] for zone in "ab"]
    middle = sum(t.x + t.width / 2 for t in targets) / 2
    assert abs(efs.x + efs.width / 2 - middle) < 1
    styles = [c.get("style") or "" for c in _drawio_cells(arch)]
    assert sum("mxgraph.aws4.elastic_file_system;" in s for s in styles) == 1
    assert sum("mxgraph.aws4.elastic_network_interface;" in s for s in styles) == 2


def test_mermaid_draws_the_file_system_once_and_its_mount_targets() -> None:
    text = mermaid_source(build_scene(load_file(EFS)))
    assert text.count("wp-content on Amazon EFS") == 1
    assert text.count("Mount target") == 2


def test_each_box_across_zones_is_drawn_after_every_subnet_it_crosses() -> None:
    """Neato draws sibling boxes in an order of its own; a subnet drawn later hid half a box."""
    svg = draw(load_file(ECS), ("svg",)).outputs["svg"].decode("utf-8")
    order = re.findall(r"<title>(cluster_[^<]*)</title>", svg.replace("&#45;", "-"))
    for service in SERVICES:
        last = max(
            i for i, name in enumerate(order) if name.startswith(f"cluster_ecs-service:{service}")
        )
        assert all(order.index(f"cluster_subnet:tasks-{zone}") < last for zone in "ab")


def test_two_services_in_the_same_subnets_are_bands_with_their_tasks_stepped_apart() -> None:
    """Each line into or out of a task keeps clear of the other service's task."""
    geometry = _laid_out(load_file(ECS))
    for zone in "ab":
        web, orders = (geometry.nodes[f"{s}@tasks-{zone}"] for s in SERVICES)
        assert web.y + web.height <= orders.y  # a row each
        assert web.x + web.width < orders.x  # stepped aside: its lines pass the other by
