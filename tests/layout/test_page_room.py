"""A tight page: actors over where their line enters, the legend in free room, no empty bands.

Issue 15: the pictures are embedded by their width, so a column of page
holding one actor shrinks every text, and a band holding only the legend
costs drawing time. Each test reads graphviz's JSON of the drawn picture.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
from pathlib import Path
from typing import Any

import pytest
from benchmarks.line_ends import boxes_by_name
from benchmarks.picture_lines import bezier
from benchmarks.picture_text import page_pixels, text_ops, text_rect

from archgen.layout.drawing import Drawing, draw, plan
from archgen.layout.laid import Rect
from archgen.loader import load_file
from tests.render.design_views import DESIGNS, ROOT, VIEWS, design_view_cases

GALLERY = ROOT / "architectures" / "gallery"

NAMED = {  # the architect's review named these lines (issue 15)
    "capstone": "users",
    "employee-directory-ec2": "staff",
    "three-az-web-app": "customers",
    "wordpress-efs": "readers",
}


@functools.cache
def _drawn(path: Path, view: str) -> tuple[Drawing, dict[str, Any]]:
    drawing = draw(plan(load_file(path), view=view), ("json",))
    return drawing, json.loads(drawing.outputs["json"])


def _line(data: dict[str, Any], tail: str, head: str) -> list[tuple[float, float]]:
    """Return the drawn points of the line from `tail` to `head`."""
    names = {item["_gvid"]: item["name"] for item in data["objects"]}
    edge = next(e for e in data["edges"] if (names[e["tail"]], names[e["head"]]) == (tail, head))
    curves = [op["points"] for op in edge["_draw_"] if op["op"] == "b"]
    return [p for curve in curves for p in bezier(curve)]


def _meets(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("stem", sorted(NAMED))
def test_the_named_actors_stand_above_the_cloud(stem: str, view: str) -> None:
    path = next(p for p in DESIGNS if p.stem == stem)
    _, data = _drawn(path, view)
    boxes = boxes_by_name(data)
    cloud = boxes["cluster_cloud"]
    assert boxes[NAMED[stem]][1] > cloud[3]
    assert boxes[NAMED[stem]][0] > cloud[0]  # no column of its own left of the cloud


@pytest.mark.parametrize(("path", "view"), design_view_cases({}))
def test_an_actor_above_the_cloud_drops_its_line_straight_in(path: Path, view: str) -> None:
    drawing, data = _drawn(path, view)
    boxes = boxes_by_name(data)
    cloud = boxes["cluster_cloud"]
    for actor in drawing.scene.outside:
        lines = [e for e in drawing.scene.edges if actor in (e.source, e.target)]
        if boxes[actor][1] <= cloud[3] or len(lines) != 1:
            continue
        target = lines[0].target
        points = _line(data, actor, target)
        assert max(x for x, _ in points) - min(x for x, _ in points) < 0.5  # no bend
        heights = [y for _, y in points]
        assert all(b <= a + 0.01 for a, b in itertools.pairwise(heights))  # only down
        left, _, right, top = boxes[target]
        assert left < points[0][0] < right
        assert abs(points[-1][1] - top) < 12  # its arrowhead meets the target's top


@pytest.mark.parametrize(("path", "view"), design_view_cases({}))
def test_the_legend_covers_no_box_icon_line_or_label(path: Path, view: str) -> None:
    _, data = _drawn(path, view)
    boxes = boxes_by_name(data)
    legend = boxes.pop("legend")
    assert [name for name, box in boxes.items() if _meets(legend, box)] == []
    labels = [
        text_rect(op, size)
        for edge in data["edges"]
        for key in ("_ldraw_", "_xldraw_")
        for op, size in text_ops(edge.get(key, []))
    ]
    assert [label for label in labels if _meets(legend, label)] == []
    inside = (legend[0] + 1, legend[1] + 1, legend[2] - 1, legend[3] - 1)
    points = [
        p
        for edge in data["edges"]
        for op in edge["_draw_"]
        if op["op"] == "b"
        for p in op["points"]
    ]
    assert not [p for p in points if inside[0] < p[0] < inside[2] and inside[1] < p[1] < inside[3]]
    page = [float(v) for v in data["bb"].split(",")]
    assert page[1] - 1 <= legend[1]  # inside the page
    assert legend[3] <= page[3] + 1


def test_the_legend_fills_the_column_under_an_actor_that_keeps_it() -> None:
    _, data = _drawn(ROOT / "architectures" / "employee-directory-serverless.yaml", "default")
    boxes = boxes_by_name(data)
    legend, cloud = boxes["legend"], boxes["cluster_cloud"]
    assert legend[2] < cloud[0]  # beside the cloud, left of it
    assert legend[1] >= cloud[1] - 1  # no band under the cloud for it


PAGES = {
    # design: ((default view before, reached), (network view before, reached)), megapixels;
    # the legend's rows flowed into columns under the cloud (legend_grid) took the reached
    # figures down again, by up to 0.68 Mpx (transit-gateway-hub-spoke's network view); the
    # wrapped box titles (span_titles, below) took some of it back
    # capstone's alias label keeps off "Internet gateway" in the band over the Region (label_gap)
    "capstone": ((6.26, 5.14), (9.60, 7.92)),
    "employee-directory-ec2": ((3.44, 2.95), (4.62, 4.19)),
    # the three with a Cognito authorizer gained its line and a legend row (issue 15);
    # static-site's page was never tightened, so its figure before is the one with the row
    "employee-directory-serverless": ((1.98, 1.59), (1.98, 1.59)),
    "bedrock-rag-chatbot": ((1.84, 1.60), (1.84, 1.60)),
    "ecs-fargate-microservices": ((6.97, 5.91), (7.70, 7.03)),
    "eks-microservices": ((3.47, 3.02), (4.48, 4.23)),
    "event-driven-orders": ((3.21, 2.77), (3.21, 2.77)),
    "kinesis-data-lake": ((1.54, 1.31), (1.54, 1.31)),
    "nlb-tls-service": ((4.30, 3.53), (5.81, 5.18)),
    "private-bedrock-endpoints": ((2.94, 2.68), (3.68, 3.40)),
    "private-fleet-ssm": ((5.29, 4.72), (6.52, 5.98)),
    "serverless-api-streams": ((1.96, 1.85), (1.96, 1.85)),
    "static-site-cognito-api": ((1.89, 1.70), (1.89, 1.70)),
    "step-functions-orders": ((2.00, 1.83), (2.00, 1.83)),
    # student-flawed's network legend gained its rule rows and the security-group row,
    # so its figure before is the one with them
    "student-flawed": ((1.91, 1.78), (2.32, 2.32)),
    "three-az-web-app": ((4.42, 3.77), (6.52, 5.85)),
    "transit-gateway-hub-spoke": ((6.56, 5.44), (10.98, 9.21)),
    "vpc-peering-shared-services": ((3.59, 3.31), (6.68, 5.89)),
    "websocket-chat": ((1.59, 1.47), (1.59, 1.47)),
    "wordpress-efs": ((6.22, 5.34), (9.53, 8.05)),
}
"""The PNG page of each design, before the page was tightened and as it is now.

A box across zones' title cut by its first subnet's border (issue 15) now
wraps to the room it has there: its added lines take their height (from 12
to 18 points a row, `span_titles`), and its slot holds the title's first line
with its icon and marker, which widened the capstone's and the hub's network
view. In the network views the label search and the closing of empty bands
reckon every line of a security group's title (`group_label_boxes`): four
pages (ECS, hub, peering, WordPress) keep 24 to 72 pixels more height.
The ECS service's titles fit on one line and its slot grew no wider than
"ECS service:", so its default page shrank.

In the network view each zone keeps a lane for every line that passes its
subnets' route tables and NACLs (`notes_room`), so that none runs through
the text: eight network pages grew by 1 to 6 % (the capstone's lines round
its notes made it 3 % smaller). The network views' legends gained a row for the
security-group box: eight pages grew by up to 0.07 Mpx. Lines stepped round
the titles of security groups and Auto Scaling groups (`title_blocks`) keep
a band or two open under those titles: three network pages grew by about 1 %.
"""


@pytest.mark.parametrize(("path", "view"), design_view_cases({}))
def test_no_page_is_larger_than_the_figure_held(path: Path, view: str) -> None:
    before, reached = PAGES[path.stem][0 if view == "default" else 1]
    _, data = _drawn(path, view)
    megapixels = math.prod(page_pixels(data)) / 1e6
    assert reached <= before
    assert megapixels <= reached + 0.01


def test_every_design_has_its_figure() -> None:
    assert sorted(PAGES) == sorted(p.stem for p in DESIGNS)
    defaults = [default for default, _ in PAGES.values()]
    assert sum(reached for _, reached in defaults) < 0.95 * sum(before for before, _ in defaults)
    networks = [network for _, network in PAGES.values()]
    assert not list(itertools.filterfalse(lambda p: p[1] <= p[0], networks))
