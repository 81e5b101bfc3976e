"""Flow letters go A..Z, then AA, AB...: the same letter on the badges, the legend and the text."""

from __future__ import annotations

import re

from archgen.commands.explain import explanation
from archgen.explain.flows import flows
from archgen.layout.drawing import build_scene
from archgen.loader import load_file
from archgen.model.flows import flow_badges, flow_letter
from archgen.model.paths import path_between
from tests.conftest import WriteArch

FLOWS = 30


def _thirty_flows() -> str:
    """Return a design with one client calling 30 buckets, one named flow per call."""
    lines = [
        "archgen: 1",
        "name: many-flows",
        "title: Many flows",
        "region: us-east-1",
        "resources:",
        "  users: {type: client}",
    ]
    lines += [f"  bucket-{n}: {{type: s3}}" for n in range(FLOWS)]
    lines.append("connections:")
    lines += [f"  - {{from: users, to: bucket-{n}, protocol: https}}" for n in range(FLOWS)]
    lines.append("flows:")
    lines += [f"  - {{name: Fetch {n}, steps: [users, bucket-{n}]}}" for n in range(FLOWS)]
    return "\n".join(lines) + "\n"


def test_letters_run_past_z() -> None:
    assert [flow_letter(n) for n in (0, 25, 26, 27, 51, 52, 701, 702)] == [
        "A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA",
    ]  # fmt: skip


def test_flow_27_and_later_keep_their_badge_legend_row_and_heading(write_arch: WriteArch) -> None:
    arch = load_file(write_arch(_thirty_flows()))
    expected = [flow_letter(n) for n in range(FLOWS)]
    assert expected[26:] == ["AA", "AB", "AC", "AD"]

    scene = build_scene(arch)
    badges = {edge.target: edge.badges for edge in scene.edges if edge.kind == "connection"}
    assert [badges[f"bucket-{n}"] for n in range(FLOWS)] == [(f"{x}1",) for x in expected]
    flow_rows = [(key, name) for key, name in scene.legend if not key.startswith("line:")]
    assert flow_rows == [(x, f"Fetch {n}") for n, x in enumerate(expected)]

    text = explanation(arch).data.decode("utf-8")
    headings = re.findall(r"^### (\S+)\. Fetch (\d+)$", text, flags=re.MULTILINE)
    assert headings == [(x, str(n)) for n, x in enumerate(expected)]
    walked = re.findall(r"^- \*\*([A-Z]+)1\*\* ", text, flags=re.MULTILINE)
    assert walked == expected
    tabled = re.findall(r"^\| ([A-Z]+)1 \|", text, flags=re.MULTILINE)
    assert tabled == expected


TWO_WAYS = """archgen: 1
name: two-ways
title: Two ways in
region: us-east-1
resources:
  users: {type: client}
  api: {type: api_gateway}
  fn: {type: lambda}
connections:
  - {from: users, to: api, protocol: https}
  - {from: users, to: api, protocol: wss}
  - {from: api, to: fn, protocol: https}
flows:
  - {name: Call, steps: [users, api, fn]}
"""


def test_a_step_over_a_pair_joined_twice_follows_the_first_connection_everywhere(
    write_arch: WriteArch,
) -> None:
    arch = load_file(write_arch(TWO_WAYS))
    assert flow_badges(arch) == {0: ("1",), 2: ("2",)}
    legs = flows(arch)[0].legs
    assert [(leg.protocol.upper(), leg.port) for leg in legs] == [("HTTPS", 443), ("HTTPS", 443)]
    path = path_between(arch, "users", "fn")
    assert path is not None
    assert path.connections == (0, 2)
