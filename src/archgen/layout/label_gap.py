"""A label a word's width from another text on its baseline reads as one phrase with it.

The review read capstone's alias line "resolves to" 18 points left of the
name "Internet gateway" as "resolves to Internet gateway"; two lines' labels
side by side ("PutRecord HTTPS 443") read the same way. A label's search
weighs such a spot (`label_cost`): a spot above, below or further along its
line wins where one is free; where none is, the label may still stand there,
as a reader still tells two phrases apart more readily than a hidden name.

The texts a label is weighed against are the boxes a search keeps off:
other labels and boxes' titles are text from edge to edge; a resource's box
holds its icon over its name, so only the part under the icon is text.
"""

from __future__ import annotations

from collections.abc import Iterable

from archgen.layout import style
from archgen.layout.label_owner import text_box
from archgen.layout.laid import Rect

GAP = 1.5 * float(style.FONT_SIZES["edge"])
"""Points a label's text keeps from a text beside it: at 1.2 ems a label still read into a name."""
BESIDE = 1
"""What a text beside a label on its baseline weighs: as a spot nearer another line (the label
misleads, yet is found out), less than a line through it or a hidden name, so a label never
trades a phrase beside it for a line across it."""
_HALF_LINE = 0.5 * 0.95 * float(style.FONT_SIZES["edge"])
"""Points of half a line of a label's text (a text is 0.95 ems high)."""
_ICON_ROW = float(style.ICON_SIZE) + 4.0
"""Points of a resource's icon row (its cell padding included), above its name."""


def reach(box: Rect) -> Rect:
    """Return the box round a label within which a text beside it reads into it."""
    left, bottom, right, top = box
    return (left - GAP, bottom, right + GAP, top)


def read_into(box: Rect, texts: Iterable[Rect]) -> int:
    """Return how many texts stand beside a label's box on its baseline, nearer than `GAP`.

    A label may hold two lines, a name three: two blocks of text lines that
    share half a line's height share a baseline, whatever their heights (a
    line of one shares at least half its height with a line of the other).
    One the label overlaps is none: it is weighed as covered (`label_cost.ICON`).
    """
    left, bottom, right, top = text_box(box)
    count = 0
    for other in texts:
        near_left, near_bottom, near_right, near_top = _text_of(other)
        if min(top, near_top) - max(bottom, near_bottom) < _HALF_LINE:
            continue
        gap = max(near_left - right, left - near_right)
        if 0 <= gap < GAP:
            count += 1
    return count


def _text_of(box: Rect) -> Rect:
    """Return where the text of a box a search keeps off stands: under the icon of a resource."""
    left, bottom, right, top = box
    if top - bottom > _ICON_ROW + 8.0:  # a resource: its icon, then its name under it
        return (left, bottom, right, top - _ICON_ROW)
    return box
