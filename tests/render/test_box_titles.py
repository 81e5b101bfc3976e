"""No box's border runs through another box's title, in every design and view (issue 15).

The review found the Auto Scaling group's one-line title "Auto Scaling group:
Web and application servers" running across the gap between the zones, cut
by the zone's and the subnet's borders ("app|lication"). Read from graphviz's
JSON of the picture `archgen render` draws (`box_borders`): each box's title
lines against every other box's sides. A box across zones is drawn once per
zone (`span_boxes`); its copies are the same box, not another one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from benchmarks.picture_text import text_ops, text_rect

from tests.render.box_borders import boxes, crosses_border, picture
from tests.render.design_views import design_view_cases

_SG = "a security group's title inside a box across zones meets that box's top border"
TITLES_HELD = {
    ("private-fleet-ssm", "network"): _SG,
    ("vpc-peering-shared-services", "network"): f"{_SG}; the mirror ALB's security group"
    " (around the ALB across both zones) has its title across the zones' borders",
}
"""The designs and views some box's title is still cut by a border in, and why."""


def _same_box(a: str, b: str) -> bool:
    """Tell whether two drawn boxes are copies of one (`cluster_x`, `cluster_x~1`)."""
    return a.split("~")[0] == b.split("~")[0]


def titles(data: dict[str, Any]) -> list[tuple[str, str, tuple[float, float, float, float]]]:
    """Return each box's title lines: the box's name, the text, and its text box."""
    return [
        (str(item["name"]), str(op["text"]), text_rect(op, size))
        for item in data.get("objects", [])
        if "bb" in item
        for op, size in text_ops(item.get("_ldraw_", []))
    ]


def cut_titles(data: dict[str, Any]) -> list[str]:
    """Return 'box "text" cut by other' for each title line another box's border runs through."""
    drawn = boxes(data)
    return [
        f'{name} "{text}" cut by {other}'
        for name, text, rect in titles(data)
        for other, box in drawn
        if not _same_box(name, other) and crosses_border(rect, box)
    ]


@pytest.mark.parametrize(("path", "view"), design_view_cases(TITLES_HELD))
def test_no_border_cuts_a_box_title(path: Path, view: str) -> None:
    assert cut_titles(picture(path, view)) == []


def test_a_cut_title_is_found() -> None:
    """The check sees a border through a title: a zone's side across an Auto Scaling group's."""
    title = {"op": "T", "pt": [100.0, 500.0], "align": "l", "width": 200.0, "text": "A title"}
    data = {
        "objects": [
            {"name": "cluster_asg", "bb": "90,300,400,520", "_ldraw_": [title]},
            {"name": "cluster_az", "bb": "80,200,250,600", "_draw_": [{"op": "p"}]},
        ]
    }
    assert cut_titles(data) == ['cluster_asg "A title" cut by cluster_az']
