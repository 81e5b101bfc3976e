"""In the real draw.io viewer, every design's legend holds its rows and a load balancer is its bar.

Both are read from what the viewer itself drew: the legend from the box the
viewer measured its text in, the bar from the screenshot's pixels, against
the bar graphviz drew in the SVG (the PNG's twin).
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from tests import png_rows
from tests.drawio.designs import draw_every_design
from tests.drawio.viewer import render_all_in_viewer

_SVG = "{http://www.w3.org/2000/svg}"
_BAR_STROKE = (0x8C, 0x4F, 0xFF)
"""The bar's border (`drawio_styles.BAR`, `style.BAR`)."""


@pytest.fixture(scope="module")
def viewed(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, dict[str, Any]]]:
    """Open every design's .drawio in the viewer; screenshot those with a load balancer's bar."""
    files = draw_every_design(tmp_path_factory.mktemp("designs"))
    shots = [f.with_suffix(".png") if '/bar"' in f.read_text("utf-8") else None for f in files]
    reports = render_all_in_viewer(list(zip(files, shots, strict=True)))
    return list(zip(files, reports, strict=True))


def _outside(text: dict[str, float], box: dict[str, float]) -> list[str]:
    """Return the sides of `box` that `text` reaches over (half a pixel allowed)."""
    sides = {
        "top": box["y"] - text["y"],
        "left": box["x"] - text["x"],
        "bottom": text["y"] + text["height"] - box["y"] - box["height"],
        "right": text["x"] + text["width"] - box["x"] - box["width"],
    }
    return [side for side, over in sides.items() if over > 0.5]


def test_every_legend_holds_its_last_row(viewed: list[tuple[Path, dict[str, Any]]]) -> None:
    over = {}
    for path, report in viewed:
        (legend,) = [c for c in report["cells"] if c["id"].startswith("legend:")]
        if sides := _outside(legend["text"], legend):
            over[path.name] = sides
    assert over == {}


def _svg_bar_width(svg: Path, node: str) -> float:
    """Return the width graphviz drew a load balancer's bar at (points, as draw.io's units)."""
    root = ET.parse(svg).getroot()  # noqa: S314 (our own output)
    for group in root.iter(f"{_SVG}g"):
        if group.get("class") == "node" and group.findtext(f"{_SVG}title") == node:
            path = group.find(f".//{_SVG}path")
            assert path is not None
            xs = [float(x) for x, _ in re.findall(r"(-?[\d.]+),(-?[\d.]+)", path.get("d", ""))]
            return max(xs) - min(xs)
    raise AssertionError(f"no {node} in {svg}")


def _near(pixel: bytes, colour: tuple[int, int, int]) -> bool:
    """Tell whether a pixel is the colour, give or take the blending of a line's edge."""
    return sum(abs(a - b) for a, b in zip(pixel, colour, strict=True)) < 60


def _drawn_width(screenshot: Path, bar: dict[str, float]) -> int:
    """Return how wide the bar's border shows across its middle row in the screenshot."""
    width, colour, rows = png_rows.rows(screenshot.read_bytes())
    size = png_rows.CHANNELS[colour]
    row = rows[round(bar["y"] + bar["height"] / 2)]
    span = range(
        max(0, math.floor(bar["x"]) - 4), min(width, math.ceil(bar["x"] + bar["width"]) + 5)
    )
    stroke = [x for x in span if _near(row[x * size : x * size + 3], _BAR_STROKE)]
    return stroke[-1] - stroke[0] + 1 if stroke else 0


def test_a_load_balancer_bar_shows_as_wide_as_the_picture_draws_it(
    viewed: list[tuple[Path, dict[str, Any]]],
) -> None:
    widths = {}
    for path, report in viewed:
        for cell in report["cells"]:
            if cell["id"].endswith("/bar"):
                drawn = _drawn_width(path.with_suffix(".png"), cell)
                picture = _svg_bar_width(path.with_suffix(".svg"), cell["id"].removesuffix("/bar"))
                widths[f"{path.name} {cell['id']}"] = (drawn, round(picture))
    assert len(widths) == 18  # every load balancer drawn as a bar, in both views
    assert {name: w for name, w in widths.items() if abs(w[0] - w[1]) > 3} == {}
