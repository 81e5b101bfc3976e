"""The legend in columns: measured by dot in one column, sized to the point in any other shape.

Issue 15: a one-column legend under the AWS Cloud left a band of page as
tall as the legend, empty but for it. Its rows now flow down as many
columns as the cloud's width holds, in reading order; every size is checked
against what graphviz itself draws.
"""

from __future__ import annotations

import functools
import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from archgen.cli import main
from archgen.layout.dot import build_dot
from archgen.layout.dot_labels import legend_label
from archgen.layout.drawing import build_scene, plan
from archgen.layout.ladder import lay_out
from archgen.layout.laid import Laid, parse
from archgen.layout.legend_grid import Cells, grid, grids, measure
from archgen.layout.legend_place import place_legend
from archgen.layout.run import run_dot, run_graphviz
from archgen.layout.style import FONT, FONT_SIZES
from archgen.layout.tidy import tidy
from archgen.loader import load_file
from tests.render.design_views import DESIGNS, ROOT, design_view_cases

CAPSTONE = ROOT / "architectures" / "capstone.yaml"


def _alone(label: str) -> dict[str, Any]:
    """Return graphviz's JSON object of a legend laid out on its own, as archgen's nodes are."""
    source = (
        f'digraph g {{ node [shape=plain fontname="{FONT}" fontsize={FONT_SIZES["node"]}] '
        f"legend [label={label}] }}"
    )
    done = subprocess.run(["dot", "-Tjson"], input=source.encode(), capture_output=True, check=True)
    item: dict[str, Any] = json.loads(done.stdout)["objects"][0]
    return item


def _size(item: dict[str, Any]) -> tuple[float, float]:
    return (float(item["width"]) * 72, float(item["height"]) * 72)


@functools.cache
def _rows() -> list[tuple[str, str]]:
    return build_scene(load_file(CAPSTONE)).legend


@functools.cache
def _cells() -> Cells:
    cells = measure(_alone(legend_label(_rows(), probe=True)))
    assert cells is not None
    return cells


def test_dot_measures_every_row_of_the_one_column_legend() -> None:
    cells = _cells()
    assert len(cells.heights) == len(cells.texts) == len(_rows())
    badges, lines = cells.heights[:2], cells.heights[2:]
    assert min(badges) > max(lines)  # a flow's badge is a table in its cell: a taller row
    assert cells.texts[8] == max(cells.texts)  # "public subnet: routes to an internet gateway"
    assert grid(cells, len(_rows())).size() == pytest.approx(
        _size(_alone(legend_label(_rows()))), abs=0.05
    )  # the outline that measures takes no room


def test_every_shape_graphviz_draws_is_the_size_the_tidy_pass_placed() -> None:
    shapes = grids(_cells())
    assert [shape.columns for shape in shapes][:4] == [1, 2, 3, 4]
    for shape in shapes:
        drawn = _size(_alone(legend_label(_rows(), shape)))
        assert drawn == pytest.approx(shape.size(), abs=0.05), shape.columns


def test_rows_flow_down_each_column_in_reading_order_and_the_columns_stay_even() -> None:
    shape = grid(_cells(), 4)
    item = _alone(legend_label(_rows(), shape))
    texts = [op for op in item["_ldraw_"] if op.get("op") == "T" and op["text"] != "Legend"]
    meanings = [op for op in texts if op["width"] > 60]  # wider than any line sample or badge
    by_column = sorted(meanings, key=lambda op: (round(op["pt"][0]), -op["pt"][1]))
    assert [op["text"] for op in by_column] == [meaning for _, meaning in _rows()]
    assert len({round(op["pt"][0]) for op in meanings}) == shape.columns == 3  # aligned columns
    assert [grid(_cells(), per).per_column for per in (5, 6)] == [5, 6]
    assert [g.per_column for g in grids(_cells())][:3] == [12, 6, 4]  # 6+6, not 11+1


def test_a_legend_dot_did_not_measure_keeps_its_one_column() -> None:
    assert measure(_alone(legend_label(_rows()))) is None  # no outlined marker cells


def _laid_and_drawn(path: Path, view: str) -> tuple[Laid, dict[str, Any]]:
    """Return the tidied layout of a design and graphviz's JSON of the picture drawn from it."""
    drawing = plan(load_file(path), view=view)
    laid = parse(lay_out(drawing.scene, drawing.dot, ("json",), run_dot).outputs["json"])
    tidy(drawing.scene, laid)
    final = run_graphviz(["neato", "-n2"], build_dot(drawing.scene, laid), ("json",))
    return laid, json.loads(final["json"])


@pytest.mark.parametrize(("path", "view"), design_view_cases({}))
def test_the_drawn_legend_is_where_and_as_large_as_the_tidy_pass_put_it(
    path: Path, view: str
) -> None:
    laid, data = _laid_and_drawn(path, view)
    item = next(o for o in data["objects"] if o["name"] == "legend")
    x, y = (float(v) for v in item["pos"].split(","))
    width, height = _size(item)
    drawn_cloud = next(o for o in data["objects"] if o["name"] == "cluster_cloud")["bb"]
    left, bottom = (float(v) for v in drawn_cloud.split(",")[:2])
    drawn = (
        x - width / 2 - left,
        y - height / 2 - bottom,
        x + width / 2 - left,
        y + height / 2 - bottom,
    )
    cloud = laid.clusters["cluster_cloud"]
    placed = laid.nodes["legend"]  # neato may shift the whole page: both from the cloud's corner
    assert drawn == pytest.approx(
        (placed[0] - cloud[0], placed[1] - cloud[1], placed[2] - cloud[0], placed[3] - cloud[1]),
        abs=0.5,
    )
    cells = laid.legend_cells
    assert cells is not None
    if laid.nodes["legend"][3] < cloud[1]:  # under the cloud: the most columns the page holds
        page = min([cloud[0], *(b[0] for n, b in laid.nodes.items() if n != "legend")])
        held = [g for g in grids(cells) if g.size()[0] <= cloud[2] - page]
        assert laid.legend_grid == (held[-1] if held else None)


def test_the_capstone_legend_under_the_cloud_is_shorter_than_half_its_one_column() -> None:
    laid, _ = _laid_and_drawn(CAPSTONE, "default")
    legend, cloud = laid.nodes["legend"], laid.clusters["cluster_cloud"]
    assert laid.legend_grid is not None
    assert laid.legend_grid.columns == 3
    assert legend[3] < cloud[1]  # under the cloud, at its right edge
    assert abs(legend[2] - cloud[2]) < 0.01
    assert legend[0] >= cloud[0]  # no wider than the cloud: nothing stands left of it
    one_column = grid(_cells(), len(_rows())).size()[1]
    assert legend[3] - legend[1] < one_column / 2


def test_beside_a_wide_short_cloud_when_that_makes_the_page_smaller() -> None:
    scene = build_scene(load_file(CAPSTONE))
    cells = Cells(marker=54, title=24, heights=(24,) * 12, texts=(300,) * 12)
    one = grid(cells, 12).size()
    for cloud_height, beside in ((one[1] + 20, True), (3 * one[1], False)):
        laid = Laid((0, 0, 1500, cloud_height), legend_cells=cells)
        laid.clusters["cluster_cloud"] = (0, 0, 1500, cloud_height)
        laid.nodes["legend"] = (0, 0, one[0], one[1])
        place_legend(scene, laid, [])
        legend = laid.nodes["legend"]
        assert laid.legend_grid is not None
        if beside:  # a column to the right costs less page than a band under the cloud
            assert (legend[0], legend[1], laid.legend_grid.columns) == (1512, 0, 1)
        else:
            held = [g for g in grids(cells) if g.size()[0] <= 1500]
            assert (legend[2], legend[3], laid.legend_grid) == (1500, -12, held[-1])
            assert held[-1].columns == 3


def test_draw_io_flows_the_legend_down_the_pictures_columns(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["render", str(CAPSTONE), "--out", str(tmp_path), "--format", "drawio"]
    )
    assert result.exit_code == 0, result.output
    root = ET.parse(tmp_path / "capstone.drawio").getroot()  # noqa: S314 (archgen's own output)
    value = next(
        c.get("value", "") for c in root.iter("mxCell") if c.get("id", "").startswith("legend:")
    )
    assert value.startswith("<b>Legend</b><table")
    first = value.split("</tr>")[0]
    assert first.count("<td") == 3
    assert [m in first for m in ("Query the research", "DNS alias", "public subnet")] == [True] * 3


def test_every_design_is_measured() -> None:
    for path in DESIGNS:
        drawing = plan(load_file(path))
        laid = parse(lay_out(drawing.scene, drawing.dot, ("json",), run_dot).outputs["json"])
        assert laid.legend_cells is not None, path.stem
        assert len(laid.legend_cells.texts) == len(drawing.scene.legend)
