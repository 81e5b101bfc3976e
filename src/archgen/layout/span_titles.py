"""A box across zones' title in as many lines as its first zone's share needs (issue 15).

The box is drawn over one slot per zone and its title is written at its top
left, in the first zone. On one line, "Auto Scaling group: Web and
application servers" ran on over the first subnet's and zone's borders, which
cut it ("app|lication"). dot lays each slot out holding the title's first
line (the kind, "Auto Scaling group:"); once the tidy pass knows where the
first subnet ends, the title keeps one line where it fits, else the name goes
on lines of its own that fit, and a band as tall as the added lines opens
under the first one. dot itself, given the whole wrapped title, gave the slot
about twice the added height and grew pages that needed no wrapping at all.
"""

from __future__ import annotations

import textwrap

from archgen.layout import style
from archgen.layout.laid import Laid, open_strip
from archgen.layout.scene import Group, name_lines

TITLE_CHAR = 0.55 * float(style.FONT_SIZES["group"])
"""Points a character of a title takes, about: DejaVu Sans averages 0.51 em on these titles."""
TITLE_LINE = 18.0
"""Points of a title line: dot gives a three-line title 54 points."""
TITLE_FIRST = 24.0
"""Points of a title's first line beside its 20-point icon, with the room above it."""
CLEAR = 14.0
"""Points kept between a title's last line and the highest thing under it."""
_BESIDE = 42.0
"""Points a title takes besides its text: the pad, the icon, a space, and room at its end."""
_MARK_CHAR = 0.6 * float(style.FONT_SIZES["small"])
"""Points a character of a marker's rule ids takes beside the title."""


def first_line(title: str) -> str:
    """Return the first line of a wrapped title: the kind ("Auto Scaling group:"), or all of it."""
    kind, sep, _ = " ".join(title.split()).partition(": ")
    return f"{kind}:" if sep else " ".join(title.split())


def wrapped(title: str, room: float, marker: float = 0.0) -> list[str]:
    """Return `title` in lines that fit `room` points: one if it fits, else the name wrapped.

    The kind keeps a line of its own, beside the marker (`marker` points
    wide), so a reader sees "Auto Scaling group:" first whatever the name;
    a word longer than the room keeps its line.
    """
    text = " ".join(title.split())
    if len(text) * TITLE_CHAR + marker <= room:
        return [text]
    kind, sep, name = text.partition(": ")
    width = max(1, int(room // TITLE_CHAR))
    lines = textwrap.wrap(name if sep else kind, width, break_long_words=False)
    return ([f"{kind}:"] if sep else []) + (lines or [""])


def title_lines(group: Group, laid: Laid | None) -> list[str]:
    """Return the lines of a box's title as drawn: those the tidy pass chose, else its name's."""
    if laid is not None and group.id in laid.titles:
        return laid.titles[group.id]
    return name_lines(group)


def fit_titles(laid: Laid, spanning: list[Group], subnets: dict[str, Group]) -> None:
    """Choose each box across zones' title lines; open room under the first for the others.

    `subnets` maps each slot to the subnet holding it. dot leaves room
    between a box's one-line title and what the box holds; a band opens only
    for what the added lines need beyond it. Boxes whose tops are level share
    one band, as tall as the tallest title needs; the lowest band opens
    first, so each band opens where its row still is.
    """
    rows: dict[float, float] = {}
    for group in spanning:
        marker = len(group.marker) * _MARK_CHAR + 12 if group.marker else 0.0
        lines = wrapped(group.label, _room(laid, group, subnets), marker)
        laid.titles[group.id] = lines
        top = laid.clusters[f"cluster_{group.id}"][3]
        level = next((t for t in rows if abs(t - top) < 1), top)
        high = max(TITLE_FIRST, TITLE_LINE * len(lines) + 2) + CLEAR
        rows[level] = max(rows.get(level, 0.0), high - (top - _highest_inside(laid, group)))
    for top in sorted(rows):
        if rows[top] > 0:
            open_strip(laid, top - TITLE_FIRST - 1, rows[top])


def _highest_inside(laid: Laid, group: Group) -> float:
    """Return the top of the highest icon, box or line label inside a box (its top if none)."""
    left, bottom, right, top = laid.clusters[f"cluster_{group.id}"]
    inner = [*laid.nodes.values(), *(b for n, b in laid.clusters.items() if group.id not in n)]
    inner += [
        (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
        for edge, (x, y) in laid.labels.items()
        for w, h in [laid.label_sizes.get(edge, (0.0, 0.0))]
    ]
    tops = [b[3] for b in inner if left <= b[0] and b[2] <= right and bottom <= b[1] and b[3] < top]
    return max(tops, default=top)


def _room(laid: Laid, group: Group, subnets: dict[str, Group]) -> float:
    """Return the points of text a box's title has before its first subnet's border."""
    left = laid.clusters[f"cluster_{group.id}"][0]
    first = min(group.spans, key=lambda slot: laid.clusters[f"cluster_{slot}"][0])
    edge = laid.clusters[f"cluster_{subnets[first].id}"][2]
    return edge - left - _BESIDE
