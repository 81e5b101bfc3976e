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


CAPSTONE = ROOT / "architectures" / "capstone.yaml"


def test_the_network_view_draws_each_private_subnets_way_out_through_its_nat() -> None:
    scene = build_scene(load_file(CAPSTONE), view="network")
    kinds = {(edge.source, edge.target): edge.kind for edge in scene.edges}
    for zone in ("a", "b"):
        assert kinds[(f"app@app-{zone}", f"nat-{zone}")] == "outbound"
        assert kinds[(f"nat-{zone}", "igw")] == "outbound"
    assert ("app@app-a", "nat-b") not in kinds
    assert not [pair for pair, kind in kinds.items() if "@db-" in pair[0] and kind == "outbound"]
    assert ("line:outbound", "outbound through NAT") in scene.legend
    dot = plan(load_file(CAPSTONE), view="network").dot
    assert 'id="egress:app@app-a>nat-a"' in dot


def test_the_default_view_draws_nat_only_for_declared_connections() -> None:
    scene = build_scene(load_file(CAPSTONE))
    assert not [edge for edge in scene.edges if edge.id.startswith("egress:")]
    assert ("line:outbound", "outbound through NAT") not in scene.legend


def test_a_nat_line_a_connection_draws_already_is_not_drawn_twice() -> None:
    scene = build_scene(load_file(HUB), view="network")
    pairs = [(edge.source, edge.target) for edge in scene.edges]
    assert pairs.count(("tgw@egress-tgw-a", "nat-a")) == 1
    assert pairs.count(("nat-a", "egress-igw")) == 1


FLEET = GALLERY / "private-fleet-ssm.yaml"


def test_the_agent_channel_passes_each_session_manager_endpoint_in_its_own_subnet() -> None:
    scene = build_scene(load_file(FLEET))
    pairs = {(edge.source, edge.target) for edge in scene.edges if edge.kind == "connection"}
    for subnet in ("private-a", "private-b"):
        for service in ("ssm", "ssmmessages", "ec2messages"):
            assert (f"workers@{subnet}", f"{service}-endpoint@{subnet}") in pairs
            assert (f"{service}-endpoint@{subnet}", "session-manager") in pairs
    assert ("workers@private-a", "ssm-endpoint@private-b") not in pairs
    assert not [
        pair for pair in pairs if pair[0].startswith("workers@") and pair[1] == "session-manager"
    ]
