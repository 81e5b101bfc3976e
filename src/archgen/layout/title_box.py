"""Where a subnet's title and notes stand: text no line of the network view may run through.

In the network view a subnet's name heads a block of notes (its route table
and NACL, `netview`) nearly as wide as the subnet and as tall as a row of
icons. dot routes lines by ranks, straight down through that block to the
icons under it, and text under a line does not read (the capstone's NAT and
load balancer lines ran across "app-rt-a: 0.0.0.0/0 → nat-a"). The tidy pass
routes such lines again (`keep_in`) with each block an obstacle, as an icon
is. The block's size is dot's own measure of the box's label (`lwidth`,
`lheight`), which stands at the box's top left (`labeljust=l`, `labelloc=t`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # laid reads `title_size` while parsing: no import of it at run time
    from archgen.layout.laid import Laid, Point, Rect
    from archgen.layout.scene import Group

_INCH = 72.0
"""Points per inch: dot writes a label's size in inches."""
_LEFT = 8.0
"""Points from a box's left side to its title's (the label's margin)."""
_TOP = 4.0
"""Points from a box's top to its title's."""
_MARGIN = 3.0
"""Points the block reaches past the text's right end and under its last line."""


def title_size(item: dict[str, Any]) -> tuple[float, float]:
    """Return the width and height (points) dot gave a cluster's label; (0, 0) without one."""
    return (float(item.get("lwidth", 0)) * _INCH, float(item.get("lheight", 0)) * _INCH)


def note_blocks(laid: Laid, groups: Iterable[Group]) -> list[tuple[str, Rect]]:
    """Return the block of title and notes of each box that carries notes, by group id.

    Only the network view writes notes; the default view's one-line titles
    are left to dot as they were.
    """
    blocks = []
    for group in groups:
        name = f"cluster_{group.id}"
        if not group.notes or name not in laid.clusters:
            continue
        width, height = laid.title_sizes.get(name, (0.0, 0.0))
        left, _, right, top = laid.clusters[name]
        end = min(right, left + _LEFT + width + _MARGIN)
        blocks.append((group.id, (left, top - _TOP - height - _MARGIN, end, top)))
    return blocks


def notes_width(laid: Laid, group: Group) -> float:
    """Return the points from a box's left side to its notes' right end; 0 without notes."""
    name = f"cluster_{group.id}"
    if not group.notes or name not in laid.title_sizes:
        return 0.0
    return _LEFT + laid.title_sizes[name][0] + _MARGIN


def runs_through(points: list[Point], box: Rect) -> bool:
    """Tell whether the line through `points` enters `box` between two of its points.

    A straight run is one cubic piece, its points tens of points apart: a
    block one text line high lies between two of them, so each stretch is
    clipped against the box (Liang and Barsky) rather than its points tested.
    """
    return any(_meets(a, b, box) for a, b in itertools.pairwise(points))


def _meets(a: Point, b: Point, box: Rect) -> bool:
    low, high = 0.0, 1.0
    for axis in (0, 1):
        start, delta = a[axis], b[axis] - a[axis]
        lowest, highest = box[axis], box[axis + 2]
        if abs(delta) < 1e-9:
            if not lowest < start < highest:
                return False
            continue
        one, two = (lowest - start) / delta, (highest - start) / delta
        low, high = max(low, min(one, two)), min(high, max(one, two))
    return low < high
