"""The picture of a change: status colours in the SVG and Mermaid, removed parts where they were."""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from archgen.cli import main
from archgen.diff.model import ArchitectureDiff
from archgen.layout.mermaid_text import group_id, mermaid_id
from tests.diff.test_outputs import PAIRS
from tests.mermaid.mermaid_browser import render_in_browser

_SVG = "{http://www.w3.org/2000/svg}"


Written = Callable[[str], tuple[Path, str]]


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Written:
    """Return a writer of each pair's change outputs, run once a pair for the whole module.

    The tests only read what `diff --out` wrote, and several read the same pair's.
    """
    folder = tmp_path_factory.mktemp("pairs")

    @functools.cache
    def write(pair: str) -> tuple[Path, str]:
        return _write(folder / pair, pair)

    return write


def _write(folder: Path, pair: str) -> tuple[Path, str]:
    old, new = PAIRS[pair]
    folder.mkdir(exist_ok=True)
    (folder / "old.yaml").write_text(old, encoding="utf-8")
    (folder / "new.yaml").write_text(new, encoding="utf-8")
    out = folder / "out"
    args = ["diff", str(folder / "old.yaml"), str(folder / "new.yaml"), "--out", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    name = "employee-directory-serverless" if pair == "redesign" else "capstone"
    return out, name


def _statuses(svg: Path) -> dict[str, str]:
    """Return the status class of every node (by its title, the scene id) and edge (by id)."""
    root = ET.parse(svg).getroot()  # noqa: S314 (archgen's own output)
    found = {}
    for group in root.iter(f"{_SVG}g"):
        classes = (group.get("class") or "").split()
        status = [c for c in classes if c in ("added", "removed", "changed", "same")]
        if "node" in classes and status:
            title = group.find(f"{_SVG}title")
            assert title is not None
            found[title.text or ""] = status[0]
        elif "edge" in classes and status:
            found[group.get("id", "")] = status[0]
    return found


def test_the_redesign_shows_the_vpc_leaving_and_the_serverless_parts_arriving(
    written: Written,
) -> None:
    out, name = written("redesign")
    assert (out / f"{name}.diff.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    status = _statuses(out / f"{name}.diff.svg")
    assert status["alb"] == "removed"
    assert status["web@private-a"] == "removed"
    assert status["nat-b"] == "removed"
    assert status["cdn"] == "added"
    assert status["directory-fn"] == "added"
    assert status["photos"] == "same"  # only its `why` changed: listed, not drawn
    assert status["staff"] == "same"
    removed_lines = [key for key, value in status.items() if key.startswith("removed:")]
    assert removed_lines, "the old connections are drawn"
    assert all(value == "removed" for key, value in status.items() if key.startswith("removed:"))
    svg = (out / f"{name}.diff.svg").read_text(encoding="utf-8")
    assert 'class="cluster removed"' in svg  # the VPC and its boxes, where they were
    assert "removed (drawn where it was)" in svg
    assert "file://" not in svg
    assert 'xlink:href="/' not in svg


def test_one_zone_shows_the_standby_removed_in_its_old_subnet(written: Written) -> None:
    out, _ = written("one-zone")
    status = _statuses(out / "capstone.diff.svg")
    assert status["db"] == "changed"
    assert status["db@db-b"] == "removed"
    assert status["removed:replication:db"] == "removed"
    assert status["web-alb"] == "same"
    svg = (out / "capstone.diff.svg").read_text(encoding="utf-8")
    standby = re.search(
        r'<g id="clust\d+" class="cluster[^"]*">\s*<title>cluster_subnet:db&#45;b</title>', svg
    )
    assert standby is not None, "the subnet the standby was in is still drawn"


def test_a_changed_nacl_marks_its_subnets_and_an_added_bastion_is_green(written: Written) -> None:
    out, _ = written("bastion")
    status = _statuses(out / "capstone.diff.svg")
    assert status["bastion"] == "added"
    svg = (out / "capstone.diff.svg").read_text(encoding="utf-8")
    assert re.search(r'class="cluster changed">\s*<title>cluster_subnet:public&#45;a</title>', svg)
    markdown = (out / "capstone.diff.md").read_text(encoding="utf-8")
    assert f'{mermaid_id("bastion")}["bastion"]:::added' in markdown


def test_a_new_flow_is_a_green_line(written: Written) -> None:
    out, _ = written("new-flow")
    status = _statuses(out / "capstone.diff.svg")
    added = [key for key, value in status.items() if value == "added"]
    assert len(added) == 1
    assert added[0].endswith(":users>datasets")


def test_an_edited_connection_is_an_amber_line(written: Written) -> None:
    out, _ = written("relabelled")
    status = _statuses(out / "capstone.diff.svg")
    changed = [key.split(":", 1)[1] for key, value in status.items() if value == "changed"]
    assert {re.sub(r"@[\w-]+", "", key) for key in changed} == {"app>db", "importer>datasets"}


def test_removed_lines_pull_on_nothing() -> None:
    from archgen.diff import diff_architectures
    from archgen.diff.picture import change_picture
    from archgen.diff.picture_dot import picture_dot
    from archgen.loader import load_text

    old, new = PAIRS["one-zone"]
    diff = diff_architectures(
        load_text(old, "old.yaml"), load_text(new, "new.yaml"), "old.yaml", "new.yaml"
    )
    dot = picture_dot(change_picture(diff))
    line = next(row for row in dot.splitlines() if 'id="removed:replication:db"' in row)
    assert "constraint=false" in line
    assert "style=dashed" in line


DRAWN = [pair for pair in PAIRS if pair != "same"]


@pytest.fixture(scope="module")
def blocks(written: Written, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Return the file holding each pair's Mermaid block, as its change page shows it."""
    folder = tmp_path_factory.mktemp("mermaid")
    found = {}
    for pair in DRAWN:
        out, name = written(pair)
        markdown = (out / f"{name}.diff.md").read_text(encoding="utf-8")
        (block,) = re.findall(r"```mermaid\n(.*?)```", markdown, re.DOTALL)
        found[pair] = folder / f"{pair}.mmd"
        found[pair].write_text(block, encoding="utf-8")
    return found


@pytest.fixture(scope="module")
def drawn(blocks: dict[str, Path]) -> dict[str, Any]:
    """Draw every pair's block in the real Mermaid, in one browser run; return each report."""
    files = render_in_browser(list(blocks.values()))["files"]
    return {pair: files[str(path)] for pair, path in blocks.items()}


@pytest.mark.parametrize("pair", DRAWN)
def test_the_markdown_picture_renders_in_the_real_mermaid(
    blocks: dict[str, Path], drawn: dict[str, Any], pair: str
) -> None:
    assert drawn[pair]["error"] is None
    assert "same" in " ".join(drawn[pair]["classes"])
    block = blocks[pair].read_text(encoding="utf-8")
    marks = (":::added", ":::removed", ":::changed", " changed\n", "stroke:#1E8E3E")
    assert any(mark in block for mark in marks)


def test_the_same_file_twice_has_no_picture(written: Written) -> None:
    out, _ = written("same")
    assert "```mermaid" not in (out / "capstone.diff.md").read_text(encoding="utf-8")


def test_a_connection_the_change_blocks_turns_amber_and_says_so(written: Written) -> None:
    out, _ = written("return-blocked")
    status = _statuses(out / "capstone.diff.svg")
    to_db = {key: value for key, value in status.items() if key.endswith(">db@db-a")}
    assert set(to_db.values()) == {"changed"}
    assert status["web-alb"] == "same"
    svg = (out / "capstone.diff.svg").read_text(encoding="utf-8")
    # app and importer, labelled once each, with what blocks them
    assert svg.count("blocked at network ACL app&#45;nacl inbound (now blocked)") == 2
    assert re.search(r'class="cluster changed">\s*<title>cluster_subnet:app&#45;a</title>', svg)


@pytest.mark.parametrize("side", ["added", "removed"])
def test_a_file_added_or_deleted_is_drawn_all_green_or_all_red(side: str) -> None:
    from archgen.diff import diff_architectures
    from archgen.diff.picture import change_picture
    from archgen.diff.picture_dot import picture_dot
    from archgen.layout.run import run_dot
    from archgen.loader import load_text

    arch = load_text(PAIRS["bastion"][0], "capstone.yaml")
    pair = (None, arch) if side == "added" else (arch, None)
    names = (None, "capstone.yaml") if side == "added" else ("capstone.yaml", None)
    picture = change_picture(diff_architectures(*pair, *names))
    nodes = {picture.status[node] for node in picture.scene.nodes}
    assert nodes == {side}
    svg = run_dot(picture_dot(picture), ("svg",))["svg"].decode("utf-8")
    assert f'class="node {side}"' in svg


def _diff_of(old: str | None, new: str | None) -> ArchitectureDiff:
    from archgen.diff import diff_architectures
    from archgen.loader import load_text

    before = load_text(old, "old.yaml") if old else None
    after = load_text(new, "new.yaml") if new else None
    return diff_architectures(before, after, "old.yaml" if old else None, "new.yaml")


def test_a_deleted_design_is_drawn_as_it_was_all_removed() -> None:
    from archgen.diff.picture import change_picture
    from archgen.layout.drawing import build_scene
    from archgen.layout.mermaid import mermaid_source
    from archgen.loader import load_text

    old, _ = PAIRS["one-zone"]
    picture = change_picture(_diff_of(old, None))
    drawn = build_scene(load_text(old, "old.yaml"))
    assert picture.scene.cloud == drawn.cloud  # every box in its place: zones in order, subnets
    assert set(picture.status.values()) == {"removed"}
    source = mermaid_source(picture.scene, picture.status)
    zone_a = source.index(group_id("az:vpc:us-east-1a"))
    assert zone_a < source.index(group_id("az:vpc:us-east-1b"))
    assert group_id("subnet:public-a") in source


def test_what_left_shapes_nothing_in_the_mermaid_layout() -> None:
    from archgen.diff.picture import change_picture
    from archgen.layout.mermaid import mermaid_source

    picture = change_picture(_diff_of(*PAIRS["one-zone"]))
    removed = {key for key, value in picture.status.items() if value == "removed"}
    assert "db@db-b" in removed
    source = mermaid_source(picture.scene, picture.status)
    order = [line.split(" ~~~ ") for line in source.splitlines() if " ~~~ " in line]
    assert order, "the layout still holds the rest in its rows"
    assert not {mermaid_id(node) for node in removed} & {
        end.strip() for pair in order for end in pair
    }


def test_the_change_picture_keeps_the_flow_legend() -> None:
    from archgen.diff.picture import change_picture
    from archgen.layout.mermaid import mermaid_source

    picture = change_picture(_diff_of(*PAIRS["new-flow"]))
    source = mermaid_source(picture.scene, picture.status)
    assert f'subgraph {group_id("legend")}["Legend"]' in source
    assert "Download a data set directly" in source


def test_a_new_flows_badges_and_key_are_marked() -> None:
    from archgen.diff.picture import change_picture
    from archgen.layout.mermaid import mermaid_source

    picture = change_picture(_diff_of(*PAIRS["new-flow"]))
    assert ("+C", "Download a data set directly (new flow)") in picture.scene.legend
    badges = {badge for edge in picture.scene.edges for badge in edge.badges}
    assert "+C1" in badges
    assert {b for b in badges if b.startswith("+")} == {"+C1"}
    source = mermaid_source(picture.scene, picture.status)
    assert "+C1" in source
    assert "+C: Download a data set directly (new flow)" in source.replace("#58;", ":")
