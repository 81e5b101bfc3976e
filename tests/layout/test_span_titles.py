"""A box across zones' title wraps to the room its first zone has, and what reads it sees it all.

Issue 15: "Auto Scaling group: Web and application servers" was cut by the
first zone's borders. Wrapped before the layout (the first port), titles that
fit grew pages (private-fleet-ssm), and the label search still reckoned a
title one line high, so a label sat on its second line (the ECS network view).
"""

from __future__ import annotations

import json
from pathlib import Path

from archgen.layout.drawing import draw
from archgen.layout.geometry import Geometry, from_dot_json
from archgen.layout.label_spots import group_label_boxes
from archgen.layout.laid import Laid
from archgen.layout.scene import Group
from archgen.layout.span_titles import CLEAR, TITLE_FIRST, TITLE_LINE, fit_titles, wrapped
from archgen.loader import load_file
from tests.conftest import ARCHITECTURES

EC2 = ARCHITECTURES / "employee-directory-ec2.yaml"
FLEET = ARCHITECTURES / "gallery" / "private-fleet-ssm.yaml"


def test_a_title_that_fits_keeps_one_line() -> None:
    assert wrapped("Auto Scaling group: Worker fleet", 400.0) == [
        "Auto Scaling group: Worker fleet"
    ]


def test_a_title_too_long_puts_the_kind_on_a_line_and_wraps_the_name() -> None:
    title = "Auto Scaling group: Web and application servers"
    assert wrapped(title, 250.0) == ["Auto Scaling group:", "Web and application servers"]
    assert wrapped(title, 180.0) == ["Auto Scaling group:", "Web and application", "servers"]


def test_a_marker_beside_the_title_takes_its_room_too() -> None:
    title = "Auto Scaling group: Worker fleet"
    assert wrapped(title, 300.0) == [title]
    assert wrapped(title, 300.0, marker=60.0) == ["Auto Scaling group:", "Worker fleet"]


def test_a_title_without_a_kind_wraps_its_words() -> None:
    assert wrapped("Payments   fleet of workers", 130.0) == ["Payments fleet", "of workers"]


def _box(room: float, inside_top: float) -> tuple[Laid, Group, dict[str, Group]]:
    """Return a box across two zones whose first subnet leaves `room` points right of it."""
    laid = Laid((0.0, 0.0, 1000.0, 1000.0))
    laid.clusters = {
        "cluster_subnet:a": (0.0, 100.0, 100.0 + room, 600.0),
        "cluster_subnet:b": (500.0, 100.0, 900.0, 600.0),
        "cluster_asg:web@a": (100.0, 200.0, 300.0, 500.0),
        "cluster_asg:web@b": (600.0, 200.0, 800.0, 500.0),
        "cluster_asg:web": (100.0, 200.0, 800.0, 500.0),
    }
    laid.nodes = {"web@a": (150.0, 250.0, 250.0, inside_top)}
    group = Group(
        "asg:web",
        "asg",
        "Auto Scaling group: Web and application servers",
        spans=["asg:web@a", "asg:web@b"],
    )
    subnets = {"asg:web@a": Group("subnet:a", "subnet-private", "A")}
    subnets["asg:web@b"] = Group("subnet:b", "subnet-private", "B")
    return laid, group, subnets


def test_a_title_that_fits_opens_no_band() -> None:
    laid, group, subnets = _box(room=600.0, inside_top=440.0)
    fit_titles(laid, [group], subnets)
    assert laid.titles["asg:web"] == ["Auto Scaling group: Web and application servers"]
    assert laid.clusters["cluster_asg:web"] == (100.0, 200.0, 800.0, 500.0)
    assert laid.nodes["web@a"] == (150.0, 250.0, 250.0, 440.0)


def test_a_wrapped_title_opens_only_the_height_its_lines_lack() -> None:
    laid, group, subnets = _box(room=240.0, inside_top=440.0)
    fit_titles(laid, [group], subnets)
    lines = laid.titles["asg:web"]
    assert lines == ["Auto Scaling group:", "Web and application", "servers"]
    lacking = TITLE_LINE * len(lines) + 2 + CLEAR - (500.0 - 440.0)
    _, bottom, _, top = laid.clusters["cluster_asg:web"]
    assert (top, bottom) == (500.0, 200.0 - lacking)  # its top stays, the rest moves down
    assert laid.nodes["web@a"][3] == 440.0 - lacking


def test_a_title_with_room_enough_under_it_opens_no_band() -> None:
    laid, group, subnets = _box(room=240.0, inside_top=400.0)
    fit_titles(laid, [group], subnets)
    assert len(laid.titles["asg:web"]) == 3
    assert laid.nodes["web@a"][3] == 400.0


def test_the_label_search_sees_every_line_of_a_wrapped_title() -> None:
    """A label may not sit on a title's second line (the ECS network view's ALB label)."""
    laid, group, subnets = _box(room=240.0, inside_top=300.0)
    fit_titles(laid, [group], subnets)
    [(left, bottom, right, top)] = group_label_boxes(laid, [group])
    assert (left, top) == (100.0, 500.0)
    assert top - bottom >= TITLE_FIRST + 2 * TITLE_LINE  # three lines, not one
    assert right - left >= len("Web and application") * 8.8  # its widest line


def _titles(path: Path) -> dict[str, tuple[str, ...]]:
    return from_dot_json(draw(load_file(path), ("json",)).outputs["json"]).titles


def test_the_fleet_title_that_fits_stays_on_one_line() -> None:
    """private-fleet-ssm's first zone holds its whole title: its page grew for nothing wrapped."""
    assert not [name for name in _titles(FLEET) if name.startswith("cluster_asg:")]


def test_the_ec2_title_wraps_in_the_picture_and_draw_io_reads_its_lines() -> None:
    titles = _titles(EC2)
    assert titles["cluster_asg:web"] == ("Auto Scaling group:", "Web and application servers")


def test_a_geometry_recorded_without_titles_still_loads() -> None:
    geometry = Geometry(10.0, 10.0, {}, {}, {}, {}, titles={"cluster_asg:web": ("a", "b")})
    assert Geometry.from_json(geometry.to_json()) == geometry
    older = json.loads(geometry.to_json())
    del older["titles"]
    assert Geometry.from_json(json.dumps(older)).titles == {}
