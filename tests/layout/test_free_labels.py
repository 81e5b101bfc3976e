"""A label moved off what it hides finds a free spot anywhere along its line, not only at samples.

graphviz writes a long straight run as one cubic piece, and its points lie
tens of points apart; a free window beside the run can fall between two of
them (issue 15: the three-AZ network view left a label on a subnet's notes).
"""

from __future__ import annotations

from archgen.layout.label_spots import group_label_boxes, label_box, overlaps, spot_near
from archgen.layout.laid import Laid, Rect
from archgen.layout.repair import free_labels
from archgen.layout.scene import Edge, Group, Node, Scene

EDGE = Edge("c0:a>b", "a", "b", "connection", "session and cache\nRedis 6379")
SIZE = {EDGE.id: (100.0, 38.0)}
STRAIGHT = [(0.0, 300.0 - 32.5 * step) for step in range(9)]
"""A vertical run from y 300 down to 40, as one cubic piece gives it: a point every 32.5."""
ABOVE: Rect = (-200.0, 203.0, -5.0, 290.0)
"""An icon left of the run; the only free window beside it is y 161 to 203, centres 180 to 184."""
BELOW: Rect = (-200.0, 40.0, -5.0, 161.0)
RIGHT: Rect = (5.0, 40.0, 200.0, 290.0)
ENDS: list[Rect] = [(-20.0, 300.0, 20.0, 340.0), (-20.0, 0.0, 20.0, 40.0)]
"""The icons the run joins."""
TAKEN = [ABOVE, BELOW, RIGHT, *ENDS]


def test_a_free_window_between_two_points_of_a_run_is_found() -> None:
    centre = spot_near(EDGE, STRAIGHT, [], TAKEN, SIZE)
    assert centre is not None
    box = label_box(EDGE, centre, SIZE)
    assert not any(overlaps(box, taken) for taken in TAKEN)
    assert 180.0 <= centre[1] <= 184.0
    assert box[2] <= 0.0


def test_a_free_window_is_found_beside_a_level_run_too() -> None:
    level = [(300.0 - 32.5 * step, 0.0) for step in range(9)]
    turned = [(b, a, d, c) for a, b, c, d in TAKEN]
    wide = {EDGE.id: (38.0, 100.0)}
    centre = spot_near(EDGE, level, [], turned, wide)
    assert centre is not None
    assert not any(overlaps(label_box(EDGE, centre, wide), taken) for taken in turned)
    assert 180.0 <= centre[0] <= 184.0


def _scene() -> tuple[Scene, list[Group]]:
    """Return an icon over a subnet whose notes (a route table, a NACL) fill its top."""
    subnet = Group(
        "subnet:data",
        "subnet-private",
        "Data subnet A  10.20.20.0/24",
        nodes=["b", "low", "high"],
        cell="data",
        notes=[
            ("route-table", "data-rt (main): 10.20.0.0/16 → local"),
            ("nacl", "out 1024-65535 to 10.20.8.0/21"),
        ],
    )
    scene = Scene("t", "t")
    scene.nodes = {
        "a": Node("a", "a", "ec2", "servers"),
        "b": Node("b", "b", "elasticache", "cache", subnet="data"),
        "left": Node("left", "left", "ec2", "other"),
        "right": Node("right", "right", "ec2", "other"),
        "low": Node("low", "low", "rds", "other", subnet="data"),
        "high": Node("high", "high", "rds", "other", subnet="data"),
    }
    scene.edges = [EDGE]
    scene.cloud.groups = [subnet]
    return scene, [scene.cloud, subnet]


def _laid() -> Laid:
    """Return the line from `a` down to `b` with its label on the subnet's notes, as dot left it."""
    laid = Laid((-300.0, -100.0, 300.0, 400.0))
    laid.nodes = {"a": (-20.0, 300.0, 20.0, 340.0), "b": (-20.0, 0.0, 20.0, 40.0)}
    laid.nodes |= {"left": ABOVE, "right": (5.0, 161.0, 200.0, 290.0)}
    laid.nodes["low"] = (-140.0, 0.0, -25.0, 86.0)  # beside the icon, under the notes
    laid.nodes["high"] = (25.0, -5.0, 140.0, 86.0)
    laid.clusters = {"cluster_subnet:data": (-150.0, -10.0, 150.0, 161.0)}
    laid.routes = {EDGE.id: "e,0,40 0,300 0,213.33 0,126.67 0,40"}
    laid.labels = {EDGE.id: (-56.0, 120.0)}
    laid.label_sizes = dict(SIZE)
    return laid


def _in_the_window(laid: Laid, groups: list[Group]) -> bool:
    """Tell whether the label is off every text and icon, between the subnet and the icon above."""
    box = label_box(EDGE, laid.labels[EDGE.id], SIZE)
    taken = [*group_label_boxes(laid, groups), *laid.nodes.values()]
    return not any(overlaps(box, b) for b in taken) and box[1] >= 161.0 and box[3] <= 203.0


def test_a_label_on_a_subnets_notes_moves_to_the_free_window_along_its_line() -> None:
    scene, groups = _scene()
    laid = _laid()
    notes = group_label_boxes(laid, groups)
    assert any(overlaps(label_box(EDGE, laid.labels[EDGE.id], SIZE), box) for box in notes)
    free_labels(scene, laid, groups)
    assert _in_the_window(laid, groups)


def test_a_label_hiding_notes_chooses_its_spot_before_one_a_line_crosses() -> None:
    """Two lines side by side, one free window: the label over the notes is freed first."""
    scene, groups = _scene()
    beside = Edge("c1:a>b", "a", "b", "connection", "read queries\nMySQL 3306")
    scene.edges = [beside, EDGE]
    laid = _laid()
    laid.routes[beside.id] = laid.routes[EDGE.id]
    laid.routes["wire"] = "e,-210,250 -300,250 -270,250 -240,250 -210,250"
    laid.labels[beside.id] = (-250.0, 250.0)  # the wire runs through it, and nothing else
    laid.label_sizes[beside.id] = SIZE[EDGE.id]
    free_labels(scene, laid, groups)
    assert _in_the_window(laid, groups)
