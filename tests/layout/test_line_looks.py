"""Each kind of line looks unlike every other, the same in the picture, draw.io and Mermaid.

The review found three grey dashed styles in the legend ("event or poll",
"DNS alias: resolves to", "outbound through NAT") that a reader could not
tell apart. A reader tells lines apart by colour, stroke and end: two kinds
differ in colour (not two shades of one), or in both stroke and end.
"""

from __future__ import annotations

import itertools
import math

import pytest

from archgen.layout import style
from archgen.layout.dot_labels import legend_label
from archgen.layout.line_looks import COLOUR_NAMES, Look, look
from archgen.layout.mermaid import _arrow, _legend, _link_style
from archgen.render.drawio_styles import EDGES as DRAWIO_EDGES

KINDS = sorted(style.EDGES)
DISTINCT_COLOURS = 40.0
"""CIE76 distance at which two line colours read as different colours, not shades of one
(the dark ink and the grey are 20 apart, the two reds 27, red and orange 48)."""


def _lab(colour: str) -> tuple[float, float, float]:
    """Return CIE L*a*b* (D65) of an sRGB colour written #RRGGBB."""
    rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [((c + 0.055) / 1.055) ** 2.4 if c > 0.04045 else c / 12.92 for c in rgb]
    xyz = (
        (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
        0.2126 * r + 0.7152 * g + 0.0722 * b,
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
    )
    fx, fy, fz = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in xyz]
    return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))


def _differences(one: Look, two: Look) -> list[str]:
    found = []
    if math.dist(_lab(one.colour), _lab(two.colour)) >= DISTINCT_COLOURS:
        found.append("colour")
    if one.stroke != two.stroke:
        found.append("stroke")
    if (one.end, one.both) != (two.end, two.both):
        found.append("end")
    return found


def test_the_colour_distance_tells_ink_from_grey_but_not_red_from_red() -> None:
    assert math.dist(_lab(style.INK), _lab(style.MUTED)) < DISTINCT_COLOURS
    assert math.dist(_lab(style.BLOCKED), _lab("#DD344C")) < DISTINCT_COLOURS
    assert math.dist(_lab("#8C4FFF"), _lab("#248814")) > DISTINCT_COLOURS


@pytest.mark.parametrize(("one", "two"), list(itertools.combinations(KINDS, 2)))
def test_two_kinds_of_line_differ_in_colour_or_in_stroke_and_end(one: str, two: str) -> None:
    found = _differences(look(one), look(two))
    assert "colour" in found or {"stroke", "end"} <= set(found), found


def test_events_and_polls_stay_dashed_with_open_arrowheads_in_every_format() -> None:
    """DESIGN 7.1: `mode: event`/`poll` is drawn dashed, with open arrowheads."""
    assert (look("event").stroke, look("event").end) == ("dashed", "open")
    assert "dashed=1;" in DRAWIO_EDGES["event"]
    assert "endArrow=open;" in DRAWIO_EDGES["event"]
    assert _arrow(look("event")) == "-.->"


def test_the_dns_alias_is_drawn_in_route_53s_colour() -> None:
    assert look("alias").colour == "#8C4FFF"  # Route 53's icon, the networking colour


@pytest.mark.parametrize("kind", KINDS)
def test_draw_io_and_mermaid_draw_each_kind_as_the_picture_does(kind: str) -> None:
    seen = look(kind)
    drawio = dict(part.split("=", 1) for part in DRAWIO_EDGES[kind].split(";") if part)
    assert drawio["strokeColor"] == seen.colour
    assert drawio["dashed"] == ("0" if seen.stroke == "solid" else "1")
    assert ("dashPattern" in drawio) == (seen.stroke == "dotted")
    assert (drawio["endArrow"] == "none") == (seen.end == "none")
    assert (drawio["startArrow"] != "none") == seen.both
    css = _link_style(seen)
    assert f"stroke:{seen.colour}" in css
    assert ("dasharray" in css) == (seen.stroke != "solid")
    assert ("." in _arrow(seen)) == (seen.stroke != "solid")
    assert _arrow(seen).endswith(("-", "-.-")) == (seen.end == "none")


def test_every_legend_row_shows_a_sample_of_its_own() -> None:
    rows = [(f"line:{kind}", kind) for kind in KINDS]
    png = legend_label(rows)
    samples = {(look(kind).colour, look(kind).sample()) for kind in KINDS}
    assert len(samples) == len(KINDS)
    for colour, sample in samples:
        assert f'<FONT COLOR="{colour}"><B>{sample}</B></FONT>' in png
    words = [look(kind).words() for kind in KINDS]
    assert len(set(words)) == len(KINDS)  # Mermaid's legend names each one differently
    mermaid = "\n".join(_legend(rows))
    assert all(word in mermaid for word in words)
    assert set(COLOUR_NAMES) >= {look(kind).colour for kind in KINDS}
