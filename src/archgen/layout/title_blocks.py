"""The titles of security-group boxes and boxes across zones: text no line may run through.

In the network view a security group's box is titled on two lines ("App" over
"security group") and an Auto Scaling group's or ECS service's box on up to
three ("Auto Scaling group:" over its name, `span_titles`). dot routes a line
into a member straight down through that title, as it did through a subnet's
notes (`title_box`); the tidy pass steps such lines round each title block
as it steps them round notes (`off_notes`). Titles that touch (a security
group's box just under an Auto Scaling group's title) make one block: a
line stepped round one would run into the other.
"""

from __future__ import annotations

from archgen.layout.groups import BOX_NAMES
from archgen.layout.label_spots import bezier_points
from archgen.layout.laid import Laid, Point, Rect, hull
from archgen.layout.notes_step import LANE, SAME, Block
from archgen.layout.scene import Group, name_lines
from archgen.layout.span_titles import TITLE_CHAR, TITLE_FIRST, TITLE_LINE
from archgen.layout.title_box import runs_through

_LEFT = 8.0
"""Points from a box's left side to its title's (the label's margin)."""
_TOP = 4.0
"""Points from a box's top to its title's."""
_MARGIN = 3.0
"""Points the block reaches past the text's right end and under its last line."""
_ICON = 28.0
"""Points from a box's left side to the text of a title written beside the box's icon."""
_TOUCH = 2 * LANE
"""Points between two blocks that make them one: less than two lanes."""


def title_blocks(laid: Laid, groups: list[Group]) -> list[tuple[str, Rect]]:
    """Return the title block of each security-group box and box across zones, by group id.

    Blocks that overlap or stand closer than two lanes are joined: the
    joined block is named by the outer box (the one whose top is highest).
    """
    found: list[tuple[str, Rect]] = []
    for group in groups:
        block = _block(laid, group)
        if block is not None and all(block != other for _, other in found):
            found.append((group.id, block))
    return _joined(laid, found)


def _block(laid: Laid, group: Group) -> Rect | None:
    """Return a box's title block; None for a box with no title in the picture."""
    name = f"cluster_{group.id}"
    if (group.kind != "sg" and group.kind not in BOX_NAMES) or name not in laid.clusters:
        return None
    left, _, right, top = laid.clusters[name]
    if group.id in laid.titles or name not in laid.title_sizes:  # wrapped after dot's layout
        lines = laid.titles.get(group.id) or name_lines(group)
        width = _ICON - _LEFT + max(len(line) for line in lines) * TITLE_CHAR
        height = TITLE_FIRST + TITLE_LINE * (len(lines) - 1) - _TOP
    else:
        width, height = laid.title_sizes[name]
    end = min(right, left + _LEFT + width + _MARGIN)
    return (left, top - _TOP - height - _MARGIN, end, top)


def _joined(laid: Laid, blocks: list[tuple[str, Rect]]) -> list[tuple[str, Rect]]:
    """Join the blocks that touch, until none do; each keeps its outer box's id."""
    merged = sorted(blocks, key=lambda found: -found[1][3])
    joined = True
    while joined:
        joined = False
        for i, (outer, a) in enumerate(merged):
            j = next((j for j, (_, b) in enumerate(merged) if j > i and _touch(a, b)), None)
            if j is not None:
                merged[i] = (outer, hull([a, merged[j][1]]))
                del merged[j]
                joined = True
                break
    return [(group_id, box) for group_id, box in merged if f"cluster_{group_id}" in laid.clusters]


def _touch(a: Rect, b: Rect) -> bool:
    """Tell whether two blocks overlap or stand closer than `_TOUCH` to each other."""
    return (
        a[0] - _TOUCH < b[2]
        and b[0] - _TOUCH < a[2]
        and a[1] - _TOUCH < b[3]
        and b[1] - _TOUCH < a[3]
    )


def lane_limit(laid: Laid, group_id: str, box: Rect) -> float:
    """Return the furthest right a lane beside a title may run: in its box and its subnet.

    A box across zones reaches over the next zone's subnets: a lane beside
    its title stays in the subnet the title stands in.
    """
    rights = [laid.clusters[f"cluster_{group_id}"][2]]
    subnet = _subnet(laid, box)
    rights += [subnet[2]] if subnet is not None else []
    return min(rights) - LANE


def under_notes(
    laid: Laid, notes: Block, titles: list[Rect], lines: list[list[Point]]
) -> Block | None:
    """Return a subnet's notes and the titles under them that its lines go on through, as one.

    A line into a security group's member comes down through the subnet's
    notes and then through the group's title: stepped round the notes, it
    turns back under them into the title. Round the notes and those titles
    at once, it comes down beside both and turns in under the title. None
    when no line goes on through a title.
    """
    subnet = _subnet(laid, notes.box)
    if subnet is None:
        return None
    under = [
        title
        for title in titles
        if subnet[0] <= title[0]
        and title[2] <= subnet[2]
        and subnet[1] < title[1]
        and title[3] <= notes.box[1] + SAME
    ]
    through = [
        t for t in under if any(_through(line, notes.box) and _through(line, t) for line in lines)
    ]
    if not through:
        return None
    return Block(hull([notes.box, *through]), notes.limit, notes.door)


def _through(controls: list[Point], box: Rect) -> bool:
    return runs_through(bezier_points(controls), box)


def _subnet(laid: Laid, box: Rect) -> Rect | None:
    """Return the smallest subnet holding a block's top left corner; None if none does."""
    holders = [
        sub
        for name, sub in laid.clusters.items()
        if name.startswith("cluster_subnet:")
        and sub[0] - SAME <= box[0] < sub[2]
        and sub[1] < box[3] <= sub[3] + SAME
    ]
    return min(holders, key=lambda sub: (sub[2] - sub[0]) * (sub[3] - sub[1]), default=None)
