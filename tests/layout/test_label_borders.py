"""A label takes a spot over one line rather than one on the sides of three nested boxes.

The three-AZ review found a label on the AWS Cloud's, the Region's and the VPC's
borders at once: a spot on borders weighed less than one over a single line.
"""

from __future__ import annotations

from archgen.layout.label_spots import label_box, spot, weight
from archgen.layout.scene import Edge

EDGE = Edge("c0:a>b", "a", "b", "connection", "SQL\nMySQL 3306")
SIZE = {EDGE.id: (60.0, 30.0)}
RUN = [(0.0, 200.0), (0.0, 0.0)]
"""A line straight down; its label goes left or right of it."""
LEFT_SIDES = [((-40.0 - 8 * k, -100.0), (-40.0 - 8 * k, 300.0)) for k in range(3)]
"""The cloud's, the Region's and the VPC's left sides, 8 points apart, left of the run."""
RIGHT_LINE = [((40.0, -100.0), (40.0, 300.0))]
"""Another line, where a label right of the run lies."""


def test_three_borders_weigh_more_than_another_line_through_the_label() -> None:
    left, right = (-70.0, 85.0, -10.0, 115.0), (10.0, 85.0, 70.0, 115.0)
    assert weight(left, [], [], LEFT_SIDES, RUN) > weight(right, RIGHT_LINE, [], [], RUN)


def test_the_label_goes_over_the_line_not_on_the_borders() -> None:
    centre = spot(EDGE, RUN, RIGHT_LINE, [], SIZE, LEFT_SIDES)
    box = label_box(EDGE, centre, SIZE)
    assert box[0] > 0.0  # right of its line, over the other line, clear of both sides
