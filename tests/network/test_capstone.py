"""The capstone works end to end: every connection both ways, every flow hop by hop."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from archgen.cli import main
from archgen.loader import load_file
from archgen.network.reach import network_of
from tests.conftest import ARCHITECTURES

SHIPPED = sorted(ARCHITECTURES.glob("*.yaml"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_connection_is_reachable_both_ways(path: Path) -> None:
    arch = load_file(path)
    verdicts = list(network_of(arch).connections())
    assert len(verdicts) == len(arch.connections)
    blocked = [
        (hop.source, hop.target, hop.first_block) for _, hop in verdicts if not hop.reachable
    ]
    assert blocked == []


def test_every_flow_of_the_capstone_is_traced() -> None:
    arch = load_file(ARCHITECTURES / "capstone.yaml")
    reach = network_of(arch)
    for flow in arch.document.flows:
        for source, target in zip(flow.steps, flow.steps[1:], strict=False):
            index = next(
                i
                for i, c in enumerate(arch.connections)
                if (c.source, c.target) == (source, target)
            )
            hop = reach.connection(index)
            assert hop.reachable, (flow.name, source, target)
            directions = {step.direction for pair in hop.pairs for step in pair.steps}
            assert directions == {"forward", "return"}


def test_app_to_database_checks_primary_and_standby_subnets() -> None:
    arch = load_file(ARCHITECTURES / "capstone.yaml")
    index = next(i for i, c in enumerate(arch.connections) if (c.source, c.target) == ("app", "db"))
    pairs = network_of(arch).connection(index).pairs
    assert [(p.source.subnet, p.target.subnet) for p in pairs] == [
        ("app-a", "db-a"),
        ("app-a", "db-b"),
        ("app-b", "db-a"),
        ("app-b", "db-b"),
    ]


def test_trace_prints_the_path_both_ways() -> None:
    result = CliRunner().invoke(
        main, ["trace", str(ARCHITECTURES / "capstone.yaml"), "users", "web-alb"]
    )
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "users -> web-alb  https port 443: reachable both ways"
    assert "  users (internet) -> web-alb in public-a (10.0.0.0/24): ok" in lines
    assert "          admitted by rule 100 allow tcp 443 0.0.0.0/0" in lines
    assert "          admitted by rule 120 allow tcp 1024-65535 0.0.0.0/0" in lines
    assert lines.count("    reply:") == 2


def test_trace_explains_a_blocked_path_and_exits_1() -> None:
    result = CliRunner().invoke(
        main, ["trace", str(ARCHITECTURES / "capstone.yaml"), "users", "db", "--port", "3306"]
    )
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == "users -> db  tcp port 3306: BLOCKED"
    assert (
        "      xx. internet_gateway igw refuses the request: db has no public IP address in "
        "db-a [IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS]" in result.output.splitlines()
    )


def test_trace_needs_a_port_without_a_declared_connection() -> None:
    result = CliRunner().invoke(
        main, ["trace", str(ARCHITECTURES / "capstone.yaml"), "db", "users"]
    )
    assert result.exit_code == 2
    assert "no connection from db to users is declared, nor any path" in result.stderr


def test_trace_refuses_an_unknown_resource() -> None:
    result = CliRunner().invoke(
        main, ["trace", str(ARCHITECTURES / "capstone.yaml"), "users", "nothing"]
    )
    assert result.exit_code == 2
    assert result.stderr.endswith("no resource 'nothing'\n")
