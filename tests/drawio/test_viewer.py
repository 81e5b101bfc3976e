"""Each generated .drawio opens in the real draw.io viewer (29.x, headless Chromium).

The screenshots are kept in test-artifacts/drawio/ for a person to look at.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ARCHITECTURES, ROOT
from tests.drawio.viewer import render_in_viewer

SHIPPED = sorted(ARCHITECTURES.glob("*.yaml"))
ARTIFACTS = ROOT / "test-artifacts" / "drawio"


def _overlapping(labels: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Return the pairs of edge labels whose drawn boxes intersect."""
    pairs = []
    for index, a in enumerate(labels):
        for b in labels[index + 1 :]:
            if (
                a["x"] < b["x"] + b["width"]
                and b["x"] < a["x"] + a["width"]
                and a["y"] < b["y"] + b["height"]
                and b["y"] < a["y"] + a["height"]
            ):
                pairs.append((a["id"], b["id"]))
    return pairs


def _labelled_edges(path: Path) -> int:
    cells = ET.parse(path).getroot().iter("mxCell")  # noqa: S314 (our own output)
    return sum(1 for c in cells if c.get("edge") == "1" and c.get("value"))


def _counts(path: Path) -> tuple[int, int]:
    cells = ET.parse(path).getroot().iter("mxCell")  # noqa: S314 (our own output)
    kinds = [(c.get("vertex"), c.get("edge")) for c in cells]
    return sum(1 for v, _ in kinds if v == "1"), sum(1 for _, e in kinds if e == "1")


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_opens_in_the_real_viewer_with_every_shape_known(path: Path) -> None:
    drawio = ROOT / "diagrams_out" / f"{path.stem}.drawio"
    screenshot = ARTIFACTS / f"{path.stem}.png"
    report = render_in_viewer(drawio, screenshot)
    assert report["version"].startswith("29.")
    assert report["problems"] == []
    assert report["pageErrors"] == []
    assert (report["vertices"], report["edges"]) == _counts(drawio)
    assert len(report["labels"]) == _labelled_edges(drawio)
    assert _overlapping(report["labels"]) == []
    assert screenshot.stat().st_size > 10_000


def test_the_viewer_reports_an_unknown_shape(tmp_path: Path) -> None:
    broken = tmp_path / "broken.drawio"
    text = (ROOT / "diagrams_out" / "capstone.drawio").read_text(encoding="utf-8")
    broken.write_text(text.replace("shape=mxgraph.aws4.users;", "shape=mxgraph.aws4.userz;"))
    report = render_in_viewer(broken, tmp_path / "broken.png")
    assert report["problems"] == [{"id": "users", "key": "shape", "name": "mxgraph.aws4.userz"}]


def test_every_resource_type_opens_with_known_shapes(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from archgen.cli import main

    result = CliRunner().invoke(
        main,
        [
            "render",
            str(ROOT / "tests" / "data" / "every-type.yaml"),
            "--out",
            str(tmp_path),
            "--format",
            "drawio",
        ],
    )
    assert result.exit_code == 0, result.output
    drawio = tmp_path / "every-type.drawio"
    report = render_in_viewer(drawio, ARTIFACTS / "every-type.png")
    assert report["problems"] == []
    assert report["pageErrors"] == []
    assert (report["vertices"], report["edges"]) == _counts(drawio)
    assert len(report["labels"]) == _labelled_edges(drawio)
    assert _overlapping(report["labels"]) == [], "edge labels drawn over each other"


def test_the_network_view_opens_with_its_security_groups_and_routes(tmp_path: Path) -> None:
    """The network view's file opens; its security-group boxes and route labels are drawn."""
    from click.testing import CliRunner

    from archgen.cli import main

    capstone = str(ARCHITECTURES / "capstone.yaml")
    args = ["render", capstone, "--out", str(tmp_path), "--format", "drawio", "--view", "network"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    drawio = tmp_path / "capstone.network.drawio"
    report = render_in_viewer(drawio, ARTIFACTS / "capstone.network.png")
    assert report["problems"] == []
    assert report["pageErrors"] == []
    assert (report["vertices"], report["edges"]) == _counts(drawio)
    assert _overlapping(report["labels"]) == []
    cells = {c.get("id"): c for c in ET.parse(drawio).getroot().iter("mxCell")}  # noqa: S314
    boxes = [i for i, c in cells.items() if "strokeColor=#DD3522" in (c.get("style") or "")]
    assert len(boxes) == 7
    assert "0.0.0.0/0 → nat-a" in (cells["app-a"].get("value") or "")
