"""Lines stepped round a security group's or an Auto Scaling group's title (network view)."""

from __future__ import annotations

from archgen.layout.laid import Laid, Point, Rect
from archgen.layout.notes_step import LANE, Block, cubic
from archgen.layout.off_notes import step_round_notes
from archgen.layout.scene import Group, Scene
from archgen.layout.title_blocks import title_blocks, under_notes
from archgen.layout.title_box import note_blocks, runs_through
from archgen.layout.title_judge import fair, keeps_label
from tests.layout.test_notes_step import assert_stepped_round, drawn_line, scene_of

_SUBNET = (0.0, 0.0, 400.0, 500.0)
_SG = (100.0, 40.0, 260.0, 220.0)
"""The security group's box: "App" over "security group", 118 by 36 points, at its top left."""


def _picture(
    *lines: tuple[str, str, list[Point]], notes: bool = False
) -> tuple[Scene, Laid, list[Group]]:
    """Return a subnet holding a security group's box round one icon, lines drawn as told."""
    laid = Laid((-100.0, -100.0, 600.0, 800.0))
    laid.clusters = {"cluster_subnet:a": _SUBNET, "cluster_sg:app@a": _SG}
    laid.title_sizes = {"cluster_subnet:a": (200.0, 100.0), "cluster_sg:app@a": (118.0, 36.0)}
    laid.nodes = {
        "lb": (120.0, 660.0, 220.0, 720.0),  # over the subnet, where a load balancer stands
        "app": (150.0, 80.0, 210.0, 140.0),  # in the security group, under its title
        "other": (280.0, 80.0, 340.0, 140.0),
    }
    sg = Group("sg:app@a", "sg", "App security group", nodes=["app"])
    note = [("route-table", "rt: 0.0.0.0/0 → nat-a")] if notes else []
    subnet = Group("subnet:a", "subnet-private", "App subnet", groups=[sg], notes=note)
    zone = Group("az:a", "az", "zone a", groups=[subnet])
    laid.clusters["cluster_az:a"] = (-8.0, -8.0, 408.0, 540.0)
    scene = scene_of(laid, lines)
    return scene, laid, [zone, subnet, sg]


def _title(laid: Laid, groups: list[Group]) -> Rect:
    return title_blocks(laid, groups)[0][1]


def test_a_security_groups_title_is_dots_measure_at_the_boxs_top_left() -> None:
    _, laid, groups = _picture()
    left, bottom, right, top = _title(laid, groups)
    assert (left, top) == (100.0, 220.0)
    assert 226.0 < right < 232.0  # the label's margin, its 118 points, a little room
    assert 170.0 < bottom < 180.0  # two lines, 36 points, under the box's top


def test_an_auto_scaling_groups_title_has_the_lines_the_tidy_pass_chose() -> None:
    _, laid, _ = _picture()
    laid.clusters["cluster_asg:web"] = (20.0, 20.0, 380.0, 300.0)
    laid.titles["asg:web"] = ["Auto Scaling group:", "Web servers"]
    box = Group("asg:web", "asg", "Auto Scaling group: Web servers")
    found = dict(title_blocks(laid, [box]))
    left, bottom, right, top = found["asg:web"]
    assert (left, top) == (20.0, 300.0)
    assert 250.0 < bottom < 260.0  # a first line beside the icon, and a second
    assert right > 20.0 + 19 * 8.0  # "Auto Scaling group:" is the longer line


def test_titles_that_touch_make_one_block_named_by_the_outer_box() -> None:
    """A security group's box just under an Auto Scaling group's title: one block.

    A step round one title would run into the other.
    """
    _, laid, groups = _picture()
    laid.clusters["cluster_asg:web"] = (90.0, 20.0, 380.0, 262.0)
    laid.titles["asg:web"] = ["Auto Scaling group:", "Web servers"]
    box = Group("asg:web", "asg", "Auto Scaling group: Web servers")
    found = title_blocks(laid, [*groups, box])
    assert [group_id for group_id, _ in found] == ["asg:web"]
    assert found[0][1][1] < 180.0
    assert found[0][1][3] == 262.0


def test_a_line_down_into_a_member_steps_round_the_security_groups_title() -> None:
    scene, laid, groups = _picture(("lb", "app", [(180.0, 660.0), (180.0, 140.0)]))
    title = _title(laid, groups)
    assert_stepped_round((scene, laid, groups), "lb-app", title, ((180.0, 660.0), "e,180,140 "))
    assert max(x for x, _ in drawn_line(laid, "lb-app")) < _SG[2]  # the lane is inside the box


def test_a_line_through_the_notes_and_the_title_under_them_rounds_both_at_once() -> None:
    scene, laid, groups = _picture(("lb", "app", [(180.0, 660.0), (180.0, 140.0)]), notes=True)
    notes, title = note_blocks(laid, groups)[0][1], _title(laid, groups)
    step_round_notes(scene, laid, groups)
    drawn = drawn_line(laid, "lb-app")
    assert not runs_through(drawn, notes)
    assert not runs_through(drawn, title)
    lane = max(x for x, _ in drawn)
    assert lane > notes[2]  # down beside the notes ...
    assert all(not (title[1] < y < notes[1] and x < lane) for x, y in drawn[1:-1] if x > 180.0)


def test_the_notes_and_titles_are_joined_only_where_a_line_goes_on_through_both() -> None:
    _, laid, groups = _picture(notes=True)
    notes = note_blocks(laid, groups)[0][1]
    block = Block(notes, _SUBNET[2] - LANE, _SUBNET[0])
    title = _title(laid, groups)
    down = [(180.0, 660.0), (180.0, 560.0), (180.0, 240.0), (180.0, 140.0)]
    beside = [(300.0, 660.0), (300.0, 560.0), (300.0, 240.0), (300.0, 140.0)]
    assert under_notes(laid, block, [title], [beside]) is None
    joined = under_notes(laid, block, [title], [down])
    assert joined is not None
    assert joined.box[1] == title[1]
    assert joined.box[3] == notes[3]


def test_a_line_no_step_clears_is_left_as_it_is() -> None:
    """An icon right of the title in the lane's way, the title's box as narrow as the title."""
    scene, laid, groups = _picture(("lb", "app", [(180.0, 660.0), (180.0, 140.0)]))
    laid.clusters["cluster_sg:app@a"] = (100.0, 40.0, 232.0, 220.0)
    before = laid.routes["lb-app"]
    step_round_notes(scene, laid, groups)
    assert laid.routes["lb-app"] == before


def test_a_step_that_crosses_more_lines_is_not_fair() -> None:
    old = [(180.0, 660.0), (180.0, 500.0), (180.0, 300.0), (180.0, 140.0)]
    new = [(180.0, 660.0), (180.0, 230.0), (240.0, 230.0), (240.0, 160.0), (180.0, 160.0)]
    other = [(238.0, 300.0), (238.0, 250.0), (238.0, 200.0), (238.0, 100.0)]  # on the lane
    far = [(500.0, 300.0), (500.0, 250.0), (500.0, 200.0), (500.0, 100.0)]
    crossing = [(120.0, 200.0), (160.0, 200.0), (200.0, 200.0), (260.0, 200.0)]
    assert fair(new, old, [far], [])
    assert not fair(new, old, [other], [])  # on the lane's track
    assert fair(new, old, [crossing], [])  # crossed either way
    assert not fair(new, old, [], [(230.0, 180.0, 250.0, 200.0)])  # through a label it missed


def test_a_step_that_leaves_its_label_behind_is_not_taken() -> None:
    old = [(180.0, 660.0), (180.0, 500.0), (180.0, 300.0), (180.0, 140.0)]
    near = [(180.0, 660.0), (180.0, 230.0), (230.0, 230.0), (230.0, 160.0), (180.0, 160.0)]
    far = [(180.0, 660.0), (180.0, 600.0), (330.0, 600.0), (330.0, 160.0), (180.0, 160.0)]
    label = (150.0, 400.0)
    assert keeps_label(label, old, cubic(near))
    assert not keeps_label(label, old, cubic(far))
    assert keeps_label(None, old, cubic(far))
