"""Interface endpoints on a row under their callers, their services below them in their order."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.layout_quality import measure

from archgen.layout.drawing import build_scene, draw
from archgen.layout.geometry import Box, Geometry, from_dot_json
from archgen.layout.png_bands import PNG_DPI
from archgen.loader import load_file

GALLERY = Path(__file__).resolve().parents[2] / "architectures" / "gallery"
FLEET = GALLERY / "private-fleet-ssm.yaml"
BEDROCK = GALLERY / "private-bedrock-endpoints.yaml"
ZONES = ("private-a", "private-b")


@pytest.fixture(scope="module")
def fleet() -> Geometry:
    return from_dot_json(draw(load_file(FLEET), ("json",)).outputs["json"])


def _middle(box: Box) -> tuple[float, float]:
    return (box.x + box.width / 2, box.y + box.height / 2)


def _endpoints(geometry: Geometry, subnet: str) -> list[str]:
    found = [n for n in geometry.nodes if n.endswith(f"-endpoint@{subnet}")]
    return sorted(found, key=lambda n: geometry.nodes[n].x)


def test_a_subnets_endpoints_stand_on_one_row_under_its_instance(fleet: Geometry) -> None:
    for subnet in ZONES:
        row = [fleet.nodes[n] for n in _endpoints(fleet, subnet)]
        assert len({round(_middle(box)[1]) for box in row}) == 1
        worker = fleet.nodes[f"workers@{subnet}"]
        assert min(box.y for box in row) > worker.y + worker.height  # y grows downwards


def test_the_endpoints_of_a_row_stand_in_the_order_of_their_services(fleet: Geometry) -> None:
    scene = build_scene(load_file(FLEET))
    service = {e.source: e.target for e in scene.edges if "-endpoint@" in e.source}
    for subnet in ZONES:
        xs = [_middle(fleet.nodes[service[n]])[0] for n in _endpoints(fleet, subnet)]
        assert xs == sorted(xs)


def test_a_service_both_zones_call_stands_between_their_endpoints(fleet: Geometry) -> None:
    for service, endpoint in (("jobs", "sqs"), ("logs", "logs")):
        left = _middle(fleet.nodes[f"{endpoint}-endpoint@private-a"])[0]
        right = _middle(fleet.nodes[f"{endpoint}-endpoint@private-b"])[0]
        assert left < _middle(fleet.nodes[service])[0] < right


def test_the_instances_lines_pass_between_the_endpoints_not_through_them(fleet: Geometry) -> None:
    for subnet in ZONES:
        x = _middle(fleet.nodes[f"workers@{subnet}"])[0]
        row = [fleet.nodes[n] for n in _endpoints(fleet, subnet)]
        assert not any(box.x < x < box.x + box.width for box in row)


def test_the_fleet_picture_holds_its_crossings_and_width() -> None:
    """42 crossings on a picture 3,715 px wide before the endpoints had a row of their own.

    14 while zone b's endpoint lines ran across zone a; kept in their own zone,
    they must cross zone a's lines to the services on the right once each, and
    the bucket's line from its gateway endpoint (16, near the least possible).
    """
    quality = measure(load_file(FLEET))
    assert quality.crossings <= 16
    assert quality.shared_tracks == 0  # 3 before the two zones' bands numbered their lanes apart
    assert quality.through == 0
    assert quality.text_at_800 >= 5.7
    geometry = from_dot_json(draw(load_file(FLEET), ("json",)).outputs["json"])
    assert geometry.width * PNG_DPI / 72 <= 2810


def test_the_bedrock_picture_holds_its_crossings() -> None:
    """8 crossings, with text 8.2 px high at 800 px, before.

    2 crossings and 3 pairs of lines on one track (ENI A to the DynamoDB
    endpoint ran over Bedrock runtime B to Bedrock for 260 points) before the
    zones' bands numbered their lanes apart; apart, one of those pairs must cross.
    Each zone's endpoint line kept in its own zone then crosses its function's
    line to the DynamoDB gateway endpoint.
    """
    quality = measure(load_file(BEDROCK))
    assert quality.crossings <= 4
    assert quality.shared_tracks == 0
    assert quality.text_at_800 >= 11


def test_a_service_behind_a_gateway_endpoint_alone_keeps_its_place() -> None:
    """Only a row fed through interface endpoints moves: the bucket stays under its gateway."""
    path = GALLERY.parent / "employee-directory-ec2.yaml"
    geometry = from_dot_json(draw(load_file(path), ("json",)).outputs["json"])
    for service, gateway in (("photos", "s3-endpoint"), ("employees", "dynamodb-endpoint")):
        service_x = _middle(geometry.nodes[service])[0]
        assert abs(service_x - _middle(geometry.nodes[gateway])[0]) < 1
