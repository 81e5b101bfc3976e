"""Security-group boxes (network view) kept around their members through the tidy pass.

dot sizes a box in a subnet to its members, but the tidy pass then moves
icons (an Auto Scaling instance turned to face the next zone, a subnet row
widened), and a box left where dot put it would hold nothing. Each box
keeps the margins dot gave it around its members, wherever they go. A box
around a member held elsewhere (a load balancer that straddles its zones)
gets margins of its own: dot never placed it.
"""

from __future__ import annotations

from collections.abc import Collection

from archgen.layout import style
from archgen.layout.bars import NAME_ROOM
from archgen.layout.laid import Laid, Rect
from archgen.layout.scene import Group, name_lines

Margins = dict[str, Rect]
"""Per box, how far its sides stand out from its members': left, bottom, right, top."""

_SIDE = 10.0
"""Points between a member and the side of a box dot never placed."""
_HUG = 4.0
"""Points between a load balancer's bar and the box round it."""
_LABEL = 26.0
"""Points above the member for the box's name."""
_LINE = 20.0
"""Points of each further line of the name."""
_CHAR = 0.6 * float(style.FONT_SIZES["group"])
"""Points of one character of the name, as label_spots estimates a box's name."""


def margins(groups: list[Group], laid: Laid) -> Margins:
    """Return how far each security-group box that dot placed stands out from its members."""
    found: Margins = {}
    for group in groups:
        name = f"cluster_{group.id}"
        members = _members(group, laid)
        if group.kind != "sg" or name not in laid.clusters or members is None:
            continue
        box = laid.clusters[name]
        found[name] = (
            members[0] - box[0],
            members[1] - box[1],
            box[2] - members[2],
            box[3] - members[3],
        )
    return found


def refit(groups: list[Group], laid: Laid, kept: Margins, bars: Collection[str] = ()) -> None:
    """Put each security-group box back around its members, with its margins.

    A box round a load balancer's bar hugs it, its name in the row `bars`
    left over the bar: drawn with dot's margins it would reach over the
    subnets' icons and names.
    """
    for group in groups:
        name = f"cluster_{group.id}"
        members = _members(group, laid)
        if group.kind != "sg" or members is None:
            continue
        if any(node in laid.moved and node in bars for node in group.spans):
            left, bottom, right, top = (_HUG, _HUG, _HUG, NAME_ROOM)
        else:
            left, bottom, right, top = kept.get(name) or _own_margins(group, members)
        laid.clusters[name] = (
            members[0] - left,
            members[1] - bottom,
            members[2] + right,
            members[3] + top,
        )


def _own_margins(group: Group, members: Rect) -> Rect:
    """Return margins that leave room for the box's name, a line of it each (label_spots' sizes)."""
    lines = name_lines(group)
    wanted = max(len(line) for line in lines) * _CHAR + 2 * _SIDE
    side = max(_SIDE, (wanted - (members[2] - members[0])) / 2)
    return (side, _SIDE, side, _LABEL + _LINE * (len(lines) - 1))


def _members(group: Group, laid: Laid) -> Rect | None:
    """Return the bounds of the icons a box is drawn around, None when none was placed."""
    ids = [*group.nodes, *group.spans, *(n for child in group.groups for n in _ids(child))]
    boxes = [laid.nodes[n] for n in ids if n in laid.nodes]
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _ids(group: Group) -> list[str]:
    return [*group.nodes, *(n for child in group.groups for n in _ids(child))]
