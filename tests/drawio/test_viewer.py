"""Each generated .drawio opens in the real draw.io viewer (29.x, headless Chromium).

The screenshots are kept in test-artifacts/drawio/ for a person to look at.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ARCHITECTURES, ROOT
from tests.drawio.viewer import render_all_in_viewer, render_in_viewer

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
    assert (report["error"], report["problems"]) == (None, [])
    assert (report["pageErrors"], report["consoleErrors"]) == ([], [])
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


_EMPTY_MODEL = (
    '<mxfile><diagram id="d" name="d"><mxGraphModel><root><mxCell id="0"/>'
    '<mxCell id="1" parent="0"/>{cells}</root></mxGraphModel></diagram></mxfile>'
)
_CELL = (
    '<mxCell id="{id}" parent="{parent}" vertex="1" style="{style}">'
    '<mxGeometry width="40" height="40" as="geometry"/></mxCell>'
)
_BROKEN = {
    "unknown-shape": None,  # the capstone with one shape misspelt
    "orphan-cell": _EMPTY_MODEL.format(cells=_CELL.format(id="lost", parent="9", style="")),
    "not-a-diagram": "neither XML nor a diagram",
    "remote-images": _EMPTY_MODEL.format(
        cells="".join(
            _CELL.format(id=f"i{n}", parent="1", style=f"shape=image;image=https://x.test/{n}.png")
            for n in range(3)
        )
    ),
}


def test_a_broken_file_fails_its_own_report_and_leaves_the_next_file_alone(
    tmp_path: Path,
) -> None:
    """Files share one loaded viewer: each report holds what went wrong with that file alone."""
    good = ROOT / "diagrams_out" / "capstone.drawio"
    text = good.read_text(encoding="utf-8")
    broken = {}
    for name, body in _BROKEN.items():
        broken[name] = tmp_path / f"{name}.drawio"
        body = body or text.replace("shape=mxgraph.aws4.users;", "shape=mxgraph.aws4.userz;")
        broken[name].write_text(body, encoding="utf-8")
    files = [good]
    for path in broken.values():
        files += [path, good]
    # no screenshot after a broken file that reads well: the next file starts at once
    shots = [None if n in (1, 3, 7) else tmp_path / f"{n}.png" for n in range(len(files))]
    reports = render_all_in_viewer(list(zip(files, shots, strict=True)))
    clean, *rest = reports
    assert (clean["error"], clean["problems"], clean["pageErrors"], clean["consoleErrors"]) == (
        None,
        [],
        [],
        [],
    )
    assert clean["vertices"] == _counts(good)[0]
    assert rest[1::2] == [clean] * 4, "a broken file changed what the next file reported"
    shape, orphan, unread, remote = rest[0::2]
    assert shape["problems"] == [{"id": "users", "key": "shape", "name": "mxgraph.aws4.userz"}]
    assert (shape["vertices"], shape["consoleErrors"]) == (clean["vertices"], [])
    assert orphan["error"] is None
    assert [e for e in orphan["consoleErrors"] if "parent 9 not found" in e] != []
    assert unread["error"] is not None
    assert unread["vertices"] == 0
    assert not (tmp_path / "5.png").exists(), "a file the viewer cannot read has no screenshot"
    assert len(remote["consoleErrors"]) == 3, remote
    assert all("Failed to load resource" in e for e in remote["consoleErrors"])
    for n in (0, 2, 4, 6, 8):
        assert (tmp_path / f"{n}.png").read_bytes() == (tmp_path / "0.png").read_bytes()


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
    assert (report["error"], report["problems"]) == (None, [])
    assert (report["pageErrors"], report["consoleErrors"]) == ([], [])
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
    assert (report["error"], report["problems"]) == (None, [])
    assert (report["pageErrors"], report["consoleErrors"]) == ([], [])
    assert (report["vertices"], report["edges"]) == _counts(drawio)
    assert _overlapping(report["labels"]) == []
    cells = {c.get("id"): c for c in ET.parse(drawio).getroot().iter("mxCell")}  # noqa: S314
    boxes = [i for i, c in cells.items() if "strokeColor=#DD3522" in (c.get("style") or "")]
    assert len(boxes) == 7
    assert "0.0.0.0/0 → nat-a" in (cells["app-a"].get("value") or "")
