"""Every flowchart archgen writes parses and renders in the real Mermaid library (Chromium).

The screenshots are kept in test-artifacts/mermaid/ for a person to look at.
"""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from archgen.cli import main
from archgen.layout.drawing import build_scene
from archgen.layout.mermaid_text import scene_id
from archgen.loader import load_file
from tests.conftest import ARCHITECTURES
from tests.mermaid.mermaid_browser import ARTIFACTS, render_in_browser

DESIGNS = sorted(ARCHITECTURES.rglob("*.yaml"))
"""The shipped designs, and the gallery's when it is under architectures/gallery/."""

_NODE = re.compile(r"flowchart-(n_[A-Za-z0-9_]*)-\d+$")
_CLUSTER = re.compile(r"(g_[A-Za-z0-9_]*)$")


def _drawn(ids: list[str], pattern: re.Pattern[str]) -> set[str]:
    found = (pattern.search(value) for value in ids)
    return {scene_id(match.group(1)) for match in found if match}


def test_every_design_parses_and_renders_with_its_nodes_and_boxes(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["render", *map(str, DESIGNS), "--out", str(tmp_path), "--format", "mermaid"]
    )
    assert result.exit_code == 0, result.output
    files = sorted(tmp_path.glob("*.mmd"))
    assert [f.stem for f in files] == sorted(load_file(d).name for d in DESIGNS)
    report = render_in_browser(files)
    assert report["pageErrors"] == []
    for design in DESIGNS:
        arch = load_file(design)
        scene = build_scene(arch)
        drawn = report["files"][str(tmp_path / f"{arch.name}.mmd")]
        assert drawn["error"] is None, f"{design.name}: {drawn['error']}"
        assert (drawn["pageErrors"], drawn["consoleErrors"]) == ([], []), design.name
        nodes = _drawn(drawn["nodes"], _NODE)
        assert set(scene.nodes) <= nodes, f"{design.name}: missing {set(scene.nodes) - nodes}"
        boxes = _drawn(drawn["clusters"], _CLUSTER)
        assert {"cloud", "region"} <= boxes
        assert drawn["edges"] == sum(1 for e in scene.edges if e.source in scene.nodes)
        assert drawn["scripts"] == 0


def test_a_syntax_error_fails(tmp_path: Path) -> None:
    capstone = tmp_path / "capstone.mmd"
    result = CliRunner().invoke(
        main,
        [
            "render",
            str(ARCHITECTURES / "capstone.yaml"),
            "--out",
            str(tmp_path),
            "--format",
            "mermaid",
        ],
    )
    assert result.exit_code == 0, result.output
    broken = tmp_path / "broken.mmd"
    broken.write_text(capstone.read_text(encoding="utf-8").replace("-->", "-->>", 1))
    again = tmp_path / "again.mmd"
    again.write_text(capstone.read_text(encoding="utf-8"), encoding="utf-8")
    report = render_in_browser([capstone, broken, again])
    first, failed, second = (report["files"][str(path)] for path in (capstone, broken, again))
    assert first["error"] is None
    assert "Parse error" in failed["error"]
    assert second == first, "the file after a broken one drew otherwise than before it"
    shots = ARTIFACTS / "capstone.mmd.png", ARTIFACTS / "again.mmd.png"
    assert shots[0].read_bytes() == shots[1].read_bytes()


def _named_like_boxes(text: str) -> str:
    """Return the capstone with resources named as archgen names its boxes."""
    for old, new in (("dns", "cloud"), ("datasets", "region"), ("users", "legend")):
        text = re.sub(rf"(?<![\w-]){old}(?![\w-])", new, text)
    return text


def test_resources_named_like_boxes_render_beside_the_boxes(tmp_path: Path) -> None:
    from archgen.layout.mermaid import mermaid_source
    from archgen.loader import load_text

    old = (ARCHITECTURES / "capstone.yaml").read_text(encoding="utf-8")
    (tmp_path / "old.yaml").write_text(_named_like_boxes(old), encoding="utf-8")
    new = old.replace("multi_az: true", "multi_az: false")
    (tmp_path / "new.yaml").write_text(_named_like_boxes(new), encoding="utf-8")
    arch = load_text(_named_like_boxes(old), "boxes.yaml")
    chart = tmp_path / "chart.mmd"
    chart.write_text(mermaid_source(build_scene(arch)), encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"), "--format", "markdown"],
    )
    block = re.search(r"```mermaid\n(.*?)```", result.output, re.DOTALL)
    assert block is not None, result.output
    changed = tmp_path / "changed.mmd"
    changed.write_text(block.group(1), encoding="utf-8")
    report = render_in_browser([chart, changed])
    for path in (chart, changed):
        drawn = report["files"][str(path)]
        assert drawn["error"] is None, f"{path.name}: {drawn['error']}"
        assert {"cloud", "region", "legend"} <= _drawn(drawn["nodes"], _NODE)
        assert {"cloud", "region"} <= _drawn(drawn["clusters"], _CLUSTER)
