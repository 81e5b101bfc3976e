"""The lines follow the path the network analysis takes: attachments, endpoints, NAT egress."""

from __future__ import annotations

from pathlib import Path

from archgen.layout.drawing import build_scene, plan
from archgen.loader import load_file

ROOT = Path(__file__).resolve().parents[2]
GALLERY = ROOT / "architectures" / "gallery"
HUB = GALLERY / "transit-gateway-hub-spoke.yaml"


def _pairs(path: Path, view: str = "default") -> set[tuple[str, str]]:
    scene = build_scene(load_file(path), view=view)
    return {(edge.source, edge.target) for edge in scene.edges}


def test_each_attachment_subnet_holds_the_transit_gateways_interface() -> None:
    scene = build_scene(load_file(HUB))
    interfaces = scene.interfaces["tgw"]
    assert {scene.nodes[n].subnet for n in interfaces} == {
        "egress-tgw-a",
        "egress-tgw-b",
        "app-tgw-a",
        "app-tgw-b",
        "svc-tgw-a",
        "svc-tgw-b",
    }
    assert scene.nodes["tgw@app-tgw-a"].shape == "eni"
    assert '"tgw@app-tgw-a"' in plan(load_file(HUB)).dot


def test_centralised_egress_passes_each_zones_attachments_and_nat() -> None:
    pairs = _pairs(HUB)
    for zone in ("a", "b"):
        assert (f"app@app-{zone}", f"tgw@app-tgw-{zone}") in pairs
        assert (f"tgw@app-tgw-{zone}", "tgw") in pairs
        assert ("tgw", f"tgw@egress-tgw-{zone}") in pairs
        assert (f"tgw@egress-tgw-{zone}", f"nat-{zone}") in pairs
        assert (f"nat-{zone}", "egress-igw") in pairs
    assert ("egress-igw", "reports") in pairs
    assert not [pair for pair in pairs if pair[0].startswith("app@") and pair[1] == "tgw"]
    assert ("tgw", "nat-a") not in pairs


def test_a_request_to_another_spoke_leaves_by_the_attachment_in_its_zone() -> None:
    pairs = _pairs(HUB)
    assert ("tgw", "tgw@svc-tgw-a") in pairs
    assert ("tgw@svc-tgw-a", "inventory@svc-a") in pairs
    assert ("tgw@svc-tgw-b", "inventory@svc-b") in pairs
    assert ("tgw", "inventory@svc-a") not in pairs
