"""No label on a box's border and no line along one, in every design and view (issue 15).

The review found the three-AZ picture's "session and cache" label at the page's
left edge across the AWS Cloud's, the Region's and the VPC's borders, and
CloudFront's line into the internet gateway running along the Region's top
border. Read from graphviz's JSON of the picture `archgen render` draws
(`box_borders`), both views of every design under `architectures/`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.render.box_borders import (
    along,
    boxes,
    crosses_border,
    labels_on_borders,
    lines,
    lines_on_borders,
    picture,
)
from tests.render.design_views import design_view_cases

_NARROW = "its line runs in the gap between two zones, narrower than the label"
LABELS_HELD = {
    ("private-bedrock-endpoints", "network"): f"the model call's label: {_NARROW}",
    ("three-az-web-app", "default"): "session and cache: every spot beside app-a's short line"
    " into the cache meets two lines or an icon, so it stays on the page's edge",
    ("three-az-web-app", "network"): "session and cache, as in the default view",
    ("transit-gateway-hub-spoke", "default"): f"the stock query's label: {_NARROW}",
    ("vpc-peering-shared-services", "network"): f"the mirror ALB's label: {_NARROW}",
    ("websocket-chat", "default"): "send-message's label at the cloud's edge",
    ("websocket-chat", "network"): "send-message's label at the cloud's edge",
}
"""The designs and views some label still sits on a border in, and why."""

_EGRESS = "NAT egress rises to the gateway along a zone's border (`egress`)"
_ACTOR = "an actor with two lines stays beside the cloud; its line runs along the Region's top"
LINES_HELD = {
    ("capstone", "network"): _EGRESS,
    ("employee-directory-ec2", "network"): _EGRESS,
    ("employee-directory-serverless", "default"): _ACTOR,
    ("employee-directory-serverless", "network"): _ACTOR,
    ("ecs-fargate-microservices", "network"): "DNS and certificate lines along a public subnet",
    ("private-fleet-ssm", "network"): "endpoint lines along the endpoints' security group",
    ("static-site-cognito-api", "default"): _ACTOR,
    ("static-site-cognito-api", "network"): _ACTOR,
    ("student-flawed", "default"): "the visitors' line into the gateway along the Region's top",
    ("student-flawed", "network"): "the visitors' line into the gateway along the Region's top",
    ("three-az-web-app", "network"): _EGRESS,
    ("transit-gateway-hub-spoke", "default"): _EGRESS,
    ("transit-gateway-hub-spoke", "network"): _EGRESS,
    ("wordpress-efs", "default"): "the ALB's line along web subnet A's side",
    ("wordpress-efs", "network"): _EGRESS,
}
"""The designs and views some line still runs along a border in, and why."""


@pytest.mark.parametrize(("path", "view"), design_view_cases(LABELS_HELD))
def test_no_label_sits_on_a_box_border(path: Path, view: str) -> None:
    assert labels_on_borders(picture(path, view)) == []


@pytest.mark.parametrize(("path", "view"), design_view_cases(LINES_HELD))
def test_no_line_runs_along_a_box_border(path: Path, view: str) -> None:
    assert lines_on_borders(picture(path, view)) == []


def test_the_three_az_entry_drops_in_one_column() -> None:
    """Customers, CloudFront, the internet gateway: one straight drop from each to the next."""
    data = picture(
        Path(__file__).parents[2] / "architectures/gallery/three-az-web-app.yaml", "default"
    )
    entry = dict(lines(data))
    for line in ("c0:customers>cdn", "c1:cdn>igw"):
        xs = [x for x, _ in entry[line]]
        assert max(xs) - min(xs) < 1.0, line
    region = dict(boxes(data))["cluster_region"]
    assert along(entry["c1:cdn>igw"], region) < 1.0  # straight across its top


def test_a_border_through_a_label_is_found_and_one_beside_it_is_not() -> None:
    box = (0.0, 0.0, 100.0, 100.0)
    assert crosses_border((-10.0, 40.0, 10.0, 50.0), box)  # the left side through it
    assert crosses_border((40.0, 95.0, 60.0, 105.0), box)  # the top through it
    assert not crosses_border((40.0, 40.0, 60.0, 50.0), box)  # inside
    assert not crosses_border((102.0, 40.0, 130.0, 50.0), box)  # outside, beside the right


def test_a_line_along_a_border_is_measured_and_one_crossing_it_is_not() -> None:
    box = (0.0, 0.0, 100.0, 100.0)
    assert along([(10.0, 102.0), (40.0, 102.0), (70.0, 103.0)], box) == 60.0
    assert along([(50.0, 80.0), (50.0, 120.0)], box) == 0.0  # across the top
    assert along([(10.0, 110.0), (90.0, 110.0)], box) == 0.0  # 10 points clear
