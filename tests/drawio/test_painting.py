"""draw.io paints the boxes under the icons, as graphviz does, in every design and view.

draw.io paints cells in the order of its model tree (a cell, then its children,
then its next sibling), so a filled box that comes later covers what it
overlaps: a load balancer's bar across two subnets vanished under them but
for the zone gap. These tests read that order from the XML, where it is exact.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from archgen.layout.geometry import Box
from tests.drawio.designs import draw_every_design
from tests.render.test_architect_review import overlap


@pytest.fixture(scope="module")
def designs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return draw_every_design(tmp_path_factory.mktemp("designs"))


def _painted(path: Path) -> list[tuple[ET.Element, Box]]:
    """Return the vertices in the order draw.io paints them, each with its box on the page."""
    cells = list(ET.parse(path).getroot().iter("mxCell"))  # noqa: S314 (our own output)
    children: dict[str, list[ET.Element]] = {}
    for cell in cells:
        children.setdefault(cell.get("parent", ""), []).append(cell)
    order: list[tuple[ET.Element, Box]] = []

    def visit(parent: str, x: float, y: float) -> None:
        for cell in children.get(parent, []):
            if cell.get("vertex") != "1":
                continue
            geometry = cell.find("mxGeometry")
            assert geometry is not None
            left, top = x + float(geometry.get("x", 0)), y + float(geometry.get("y", 0))
            size = float(geometry.get("width", 0)), float(geometry.get("height", 0))
            order.append((cell, Box(left, top, *size)))
            visit(cell.get("id", ""), left, top)

    visit("1", 0.0, 0.0)
    return order


def _filled_box(cell: ET.Element) -> bool:
    style = cell.get("style", "")
    return "container=1;" in style and "fillColor=none;" not in style


def _icon(cell: ET.Element) -> bool:
    style, identity = cell.get("style", ""), cell.get("id", "")
    return identity.endswith("/bar") or (
        "shape=mxgraph.aws4." in style and "shape=mxgraph.aws4.group;" not in style
    )


def _covered(path: Path) -> list[tuple[str, str]]:
    """Return each (icon or bar, filled box painted over it) of a draw.io file."""
    order = _painted(path)
    return [
        (cell.get("id", ""), later.get("id", ""))
        for index, (cell, box) in enumerate(order)
        if _icon(cell)
        for later, over in order[index + 1 :]
        if _filled_box(later) and overlap(box, over)
    ]


def test_no_filled_box_is_painted_over_an_icon_or_a_bar(designs: list[Path]) -> None:
    covered = {path.name: pairs for path in designs if (pairs := _covered(path))}
    assert covered == {}


def test_a_load_balancer_bar_is_painted_over_the_subnets_it_spans(designs: list[Path]) -> None:
    """The employee directory's ALB: its bar lies across both public subnets, drawn on top."""
    (path,) = [p for p in designs if p.name == "employee-directory-ec2.drawio"]
    order = [cell.get("id") for cell, _ in _painted(path)]
    bar = order.index("alb/bar")
    subnets = [order.index(name) for name in ("public-a", "public-b")]
    assert all(subnet < bar < order.index("alb") for subnet in subnets), order
