"""Lines stepped round a subnet's route table and NACL notes (network view), on made-up layouts."""

from __future__ import annotations

import itertools

from archgen.layout.label_spots import curve_points
from archgen.layout.laid import Laid, Point, Rect
from archgen.layout.off_notes import step_round_notes
from archgen.layout.route import route_corners
from archgen.layout.scene import Edge, Group, Node, Scene
from archgen.layout.title_box import note_blocks, runs_through

_NOTES = [("route-table", "rt: 0.0.0.0/0 → nat-a"), ("nacl", "nacl: in 443 from any")]
_SUBNET = (0.0, 0.0, 300.0, 400.0)
"""The subnet's box: its notes stand at its top left, 200 points wide and 100 high."""


def _picture(*lines: tuple[str, str, list[Point]]) -> tuple[Scene, Laid, list[Group]]:
    """Return a subnet with notes, its icons under them, and lines drawn as `lines` say."""
    laid = Laid((-200.0, -100.0, 500.0, 700.0))
    laid.clusters = {"cluster_subnet:a": _SUBNET}
    laid.title_sizes = {"cluster_subnet:a": (200.0, 100.0)}
    laid.nodes = {
        "lb": (20.0, 560.0, 120.0, 620.0),  # over the subnet, where a load balancer stands
        "app": (20.0, 100.0, 80.0, 160.0),  # under the notes, in the subnet
        "db": (60.0, 20.0, 120.0, 80.0),
        "fn": (-180.0, 560.0, -120.0, 620.0),  # beside the VPC, left of the zone
    }
    subnet = Group("subnet:a", "subnet-private", "App subnet", nodes=["app", "db"], notes=_NOTES)
    zone = Group("az:a", "az", "zone a", groups=[subnet])
    laid.clusters["cluster_az:a"] = (-8.0, -8.0, 308.0, 440.0)
    scene = scene_of(laid, lines)
    return scene, laid, [zone, subnet]


def scene_of(laid: Laid, lines: tuple[tuple[str, str, list[Point]], ...]) -> Scene:
    """Return a scene of `laid`'s icons, with each line (from, to, its corners) routed in `laid`."""
    scene = Scene("t", "t", nodes={n: Node(n, n, "ec2", n) for n in laid.nodes})
    for source, target, corners in lines:
        edge = Edge(f"{source}-{target}", source, target, "connection")
        scene.edges.append(edge)
        laid.routes[edge.id] = route_corners(corners, edge)
    return scene


def _block(laid: Laid, groups: list[Group]) -> Rect:
    return note_blocks(laid, groups)[0][1]


def drawn_line(laid: Laid, edge_id: str) -> list[Point]:
    """Return the points of the line `edge_id` as drawn."""
    return curve_points(laid.routes[edge_id])


def _cross(one: list[Point], two: list[Point]) -> bool:
    def side(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return any(
        side(a, b, c) * side(a, b, d) < 0 and side(c, d, a) * side(c, d, b) < 0
        for a, b in itertools.pairwise(one)
        for c, d in itertools.pairwise(two)
    )


def test_the_block_is_dots_measure_of_the_notes_at_the_top_left() -> None:
    _, laid, groups = _picture()
    left, bottom, right, top = _block(laid, groups)
    assert (left, top) == (0.0, 400.0)
    assert 200.0 < right < 220.0  # the label's margin and width: lanes start just past it
    assert 290.0 < bottom < 300.0


def test_the_default_view_has_no_block() -> None:
    _, laid, groups = _picture()
    groups[1].notes = []
    assert note_blocks(laid, groups) == []


def test_a_straight_run_between_two_far_points_is_seen_through_a_thin_block() -> None:
    """A straight run is one cubic piece; a title one line high lies between its points."""
    assert runs_through([(50.0, 500.0), (50.0, 0.0)], (0.0, 380.0, 200.0, 400.0))
    assert not runs_through([(250.0, 500.0), (250.0, 0.0)], (0.0, 380.0, 200.0, 400.0))


def test_a_line_down_into_an_icon_under_the_notes_steps_round_them() -> None:
    scene, laid, groups = _picture(("lb", "app", [(50.0, 560.0), (50.0, 160.0)]))
    block = _block(laid, groups)
    assert_stepped_round((scene, laid, groups), "lb-app", block, ((50.0, 560.0), "e,50,160 "))
    assert (
        max(x for x, _ in drawn_line(laid, "lb-app")) < _SUBNET[2]
    )  # the lane is inside the subnet


def assert_stepped_round(
    picture: tuple[Scene, Laid, list[Group]], edge_id: str, box: Rect, ends: tuple[Point, str]
) -> None:
    """Step the lines round notes and titles; hold that `edge_id` went round `box`, ends kept.

    `ends`: where the line starts, and how its route starts (its arrowhead on the icon).
    """
    scene, laid, groups = picture
    assert runs_through(drawn_line(laid, edge_id), box)
    step_round_notes(scene, laid, groups)
    after = drawn_line(laid, edge_id)
    assert not runs_through(after, box)
    assert after[0] == ends[0]
    assert laid.routes[edge_id].startswith(ends[1])  # the arrowhead still reaches the icon
    assert edge_id in laid.rerouted


def test_lines_round_one_block_nest_and_do_not_cross() -> None:
    scene, laid, groups = _picture(
        ("lb", "app", [(50.0, 560.0), (50.0, 160.0)]),
        ("lb", "db", [(100.0, 560.0), (100.0, 80.0)]),
    )
    step_round_notes(scene, laid, groups)
    block = _block(laid, groups)
    one, two = drawn_line(laid, "lb-app"), drawn_line(laid, "lb-db")
    assert not runs_through(one, block)
    assert not runs_through(two, block)
    assert not _cross(one, two)
    assert max(x for x, _ in one) < max(x for x, _ in two)  # the left one takes the inner lane


def test_a_line_from_the_left_of_the_zone_comes_in_under_the_notes() -> None:
    """A function's interface line, from beside the VPC, crossed the lines going round."""
    corners = [(-150.0, 560.0), (-150.0, 450.0), (50.0, 450.0), (50.0, 160.0)]
    scene, laid, groups = _picture(("fn", "app", corners))
    step_round_notes(scene, laid, groups)
    drawn = drawn_line(laid, "fn-app")
    assert not runs_through(drawn, _block(laid, groups))
    assert max(x for x, _ in drawn) == 50.0  # never round the block's right end
    assert any(x < -8.0 and 160.0 < y < 290.0 for x, y in drawn)  # down outside the zone


def test_a_curve_dot_drew_is_left_as_it_is() -> None:
    scene, laid, groups = _picture()
    edge = Edge("lb-app", "lb", "app", "connection")
    scene.edges.append(edge)
    laid.routes[edge.id] = "e,50,160 50,560 200,400 -100,300 50,168"
    step_round_notes(scene, laid, groups)
    assert laid.routes[edge.id] == "e,50,160 50,560 200,400 -100,300 50,168"
