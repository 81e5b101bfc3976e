"""A label's search weighs a spot on another text's baseline a word's width from it (issue 15).

Capstone's alias label "resolves to" stood 18 points left of "Internet
gateway" and read "resolves to Internet gateway". `label_gap.read_into`
counts such texts; the search (`label_spots.spot_near`) then takes a spot
above, below or further along the line where one is free.
"""

from __future__ import annotations

from archgen.layout.label_gap import GAP, read_into
from archgen.layout.label_spots import label_box, spot_near
from archgen.layout.laid import Rect
from archgen.layout.scene import Edge

_LABEL: Rect = (0.0, 0.0, 88.0, 21.0)
"""A one-line label's box as dot measures it: its text 3 points inside."""
_NAME: Rect = (0.0, 0.0, 140.0, 70.0)
"""A resource's box: its 48-point icon over a one-line name."""


def _moved(box: Rect, dx: float, dy: float = 0.0) -> Rect:
    return (box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy)


def test_a_name_a_word_beside_a_label_on_its_baseline_reads_into_it() -> None:
    name = _moved(_NAME, 88.0 + 18.0 - 3.0, -2.0)  # capstone: 18 points from the text
    assert read_into(_LABEL, [name]) == 1


def test_a_name_past_the_gap_reads_apart() -> None:
    name = _moved(_NAME, 88.0 + GAP, -2.0)
    assert read_into(_LABEL, [name]) == 0


def test_a_label_beside_a_resources_icon_reads_into_no_text() -> None:
    name = _moved(_NAME, 100.0, -45.0)  # the label level with the icon, over the name
    assert read_into(_LABEL, [name]) == 0


def test_a_label_over_or_under_another_reads_apart() -> None:
    assert read_into(_LABEL, [_moved(_LABEL, 0.0, 24.0), _moved(_LABEL, 0.0, -24.0)]) == 0


def test_two_labels_side_by_side_read_as_one_phrase() -> None:
    two_lines = (100.0, -9.0, 200.0, 29.5)  # its first line level with the label's
    assert read_into(_LABEL, [two_lines, _moved(_LABEL, -100.0)]) == 2


def test_a_label_it_covers_is_weighed_as_covered_not_as_beside() -> None:
    assert read_into(_LABEL, [_moved(_LABEL, 40.0)]) == 0


def test_the_search_steps_off_a_name_beside_its_spot() -> None:
    """A vertical line whose nearest spot, left of it, stands a word from a name on its right."""
    edge = Edge("alias", "dns", "alb", "connection", "resolves to")
    line = [(100.0, 300.0), (100.0, 200.0), (100.0, 100.0)]
    size = {edge.id: (88.0, 21.0)}
    name = (110.0, 185.0, 250.0, 255.0)  # its name level with the line's middle
    found = spot_near(edge, line, [], [name], size)
    assert found is not None
    box = label_box(edge, found, size)
    assert read_into(box, [name]) == 0
    assert box[2] <= 100.0 or box[0] >= 250.0 or box[1] >= 255.0 or box[3] <= 185.0
