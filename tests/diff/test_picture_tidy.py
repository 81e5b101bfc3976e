"""A change's picture is drawn as `render` draws a design: removed parts keep the conventions."""

from __future__ import annotations

from archgen.diff import diff_architectures
from archgen.diff.picture import change_picture
from archgen.diff.picture_dot import draw_change
from archgen.layout.geometry import from_dot_json
from archgen.loader import load_text
from tests.diff.test_outputs import PAIRS
from tests.render.test_architect_review import overlap


def test_a_removed_vpc_keeps_its_bar_its_group_box_and_its_doors_red_and_dashed() -> None:
    old, new = PAIRS["redesign"]
    diff = diff_architectures(load_text(old, "old.yaml"), load_text(new, "new.yaml"), "o", "n")
    picture = change_picture(diff)
    assert picture.status["asg:web"] == "removed"
    geometry = from_dot_json(draw_change(picture, ("json",))["json"])
    alb = geometry.nodes["alb"]
    for zone in "ab":
        assert overlap(alb, geometry.clusters[f"cluster_subnet:public-{zone}"])
    spanning = geometry.clusters["cluster_asg:web"]
    for zone in "ab":
        instance = geometry.nodes[f"web@private-{zone}"]
        assert spanning.x <= instance.x
        assert instance.x + instance.width <= spanning.x + spanning.width
    vpc, igw = geometry.clusters["cluster_vpc:vpc"], geometry.nodes["igw"]
    assert igw.y < vpc.y < igw.y + igw.height  # on the border, as render draws it
    assert "diff_key" in geometry.nodes
