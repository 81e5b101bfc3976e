"""The Mermaid flowchart: goldens of the shipped designs, ids mapped one to one, the registry."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from archgen.cli import main
from archgen.layout.drawing import build_scene
from archgen.layout.mermaid import mermaid_source
from archgen.layout.mermaid_text import group_id, label, mermaid_id, scene_id
from archgen.loader import load_file
from archgen.render.formats import DEFAULT_FORMATS, OUTPUT_FORMATS
from tests.conftest import ARCHITECTURES
from tests.golden import Goldens

GOLDEN = Goldens(Path(__file__).parent / "golden")
SHIPPED = sorted(ARCHITECTURES.glob("*.yaml"))
CASES = [(path, GOLDEN.file(f"{path.stem}.mmd")) for path in SHIPPED]


@pytest.mark.parametrize(("path", "golden"), CASES, ids=lambda v: getattr(v, "stem", ""))
def test_flowchart_matches_golden(path: Path, golden: Path) -> None:
    GOLDEN.check(golden.name, mermaid_source(build_scene(load_file(path))))


def test_capstone_nests_cloud_region_vpc_zone_subnet_and_keeps_badges() -> None:
    text = mermaid_source(build_scene(load_file(ARCHITECTURES / "capstone.yaml")))
    opened = [line.strip() for line in text.splitlines() if line.strip().startswith("subgraph ")]
    nesting = [re.sub(r"\[.*", "", line.removeprefix("subgraph ")) for line in opened[:5]]
    assert nesting == [
        group_id("cloud"),
        group_id("region"),
        group_id("vpc:vpc"),
        group_id("az:vpc:us-east-1a"),
        group_id("subnet:public-a"),
    ]
    users, igw, alb = mermaid_id("users"), mermaid_id("igw"), mermaid_id("web-alb")
    assert f"{users} --> {igw}" in text  # inbound requests pass the internet gateway
    assert f'{igw} -->|"A1 B1 #183; HTTPS 443"| {alb}' in text
    assert f'{mermaid_id("db@db-a")}["MySQL database<br/>primary"]:::database' in text


def test_event_and_poll_connections_are_dashed() -> None:
    text = mermaid_source(build_scene(load_file(Path("tests/data/every-type.yaml"))))
    assert f"{mermaid_id('bus')} -.->" in text
    assert f"{mermaid_id('stream')} -.->" in text
    assert "dashed arrow, open head#58; event or poll#58; one way, started by AWS" in text


@given(st.text())
def test_ids_map_one_to_one_onto_a_safe_alphabet(text: str) -> None:
    encoded = mermaid_id(text)
    assert re.fullmatch(r"n_[A-Za-z0-9_]*", encoded)
    assert scene_id(encoded) == text


@given(st.text(), st.text())
def test_distinct_ids_stay_distinct(first: str, second: str) -> None:
    assert (mermaid_id(first) == mermaid_id(second)) == (first == second)


def test_a_box_and_a_resource_of_the_same_name_get_different_ids() -> None:
    assert group_id("region") != mermaid_id("region")
    assert scene_id(group_id("vpc:vpc")) == scene_id(mermaid_id("vpc:vpc")) == "vpc:vpc"


@given(st.text())
def test_a_label_is_one_inert_line(text: str) -> None:
    escaped = label(text)
    assert re.fullmatch(r"[A-Za-z0-9 .,/()+=@#;-]*", escaped)
    assert "%%" not in escaped
    assert not re.search(r"#(?!\d+;)", escaped), "every # starts an entity archgen wrote"


def test_mermaid_is_registered_but_not_a_default() -> None:
    assert OUTPUT_FORMATS["mermaid"].suffix == ".mmd"
    assert DEFAULT_FORMATS == ("png", "svg", "drawio", "md")


def test_render_writes_mmd_only_when_asked_and_a_rerun_writes_nothing(tmp_path: Path) -> None:
    capstone = str(ARCHITECTURES / "capstone.yaml")
    runner = CliRunner()
    first = runner.invoke(main, ["render", capstone, "--out", str(tmp_path), "--format", "mermaid"])
    assert first.exit_code == 0, first.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["capstone.mmd"]
    written = (tmp_path / "capstone.mmd").read_bytes()
    assert written.startswith(b"flowchart TB\n")
    assert re.search(rb"\n%% archgen-source: [0-9a-f]{64} [0-9a-f]{64}\n$", written)
    again = runner.invoke(main, ["render", capstone, "--out", str(tmp_path), "--format", "mermaid"])
    assert "0 written" in again.output or "up to date" in again.output, again.output
    assert (tmp_path / "capstone.mmd").read_bytes() == written
    (tmp_path / "capstone.mmd").write_bytes(written.replace(b"HTTPS 443", b"HTTPS 444"))
    check = runner.invoke(
        main, ["render", capstone, "--out", str(tmp_path), "--format", "mermaid", "--check"]
    )
    assert check.exit_code == 1, check.output


def test_mermaid_needs_no_graphviz(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    capstone = str(ARCHITECTURES / "capstone.yaml")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["render", capstone, "--out", str(out), "--format", "mermaid"]
    )
    assert result.exit_code == 0, result.output
    assert (out / "capstone.mmd").is_file()
    with_png = CliRunner().invoke(main, ["render", capstone, "--out", str(out), "--format", "png"])
    assert with_png.exit_code == 2, "the same PATH has no graphviz for a picture"


def test_a_chart_past_mermaids_limits_does_not_fit() -> None:
    from archgen.layout.mermaid import MAX_EDGES, fits

    small = mermaid_source(build_scene(load_file(ARCHITECTURES / "capstone.yaml")))
    assert fits(small)
    assert not fits(small + "%%" + "x" * 50_000)
    edges = "".join(f"  n_a{i} --> n_b{i}\n" for i in range(MAX_EDGES + 1))
    assert not fits(f"flowchart TB\n{edges}")
