"""How each kind of line looks, read once from its graphviz style, for every format to draw.

A reader tells lines apart by colour, by stroke (solid, dashed, dotted) and
by the end (a filled arrowhead, an open one, a hollow one, a circle, none).
`style.EDGES` states them in graphviz's words; the draw.io styles, the
Mermaid links and every legend (PNG and SVG, draw.io, Mermaid) are drawn from
the look read here, so a line and its legend row cannot disagree in one
format or between formats.
"""

from __future__ import annotations

from typing import NamedTuple

from archgen.layout import style

COLOUR_NAMES = {
    style.INK: "",
    style.MUTED: "grey",
    style.BLOCKED: "red",
    "#DD344C": "red",
    "#8C4FFF": "purple",
    "#C925D1": "magenta",
    "#ED7100": "orange",
    "#248814": "green",
    "#0972D3": "blue",
}
"""The words a text-only legend (Mermaid's) gives a line's colour; the dark ink goes unsaid."""

ENDS = {
    "normal": "filled",
    "vee": "open",
    "onormal": "hollow",
    "odot": "circle",
    "none": "none",
}
"""graphviz's arrowheads archgen draws, by what a reader sees."""

GLYPHS = {"filled": "▸", "open": "&gt;", "hollow": "▹", "circle": "○", "none": ""}
"""The end a legend row's sample draws, in its text (HTML for `open`: a bare `>`)."""
_STROKES = {"solid": "——", "dashed": "- - -", "dotted": "· · ·"}


class Look(NamedTuple):
    """What a reader sees of a kind of line."""

    colour: str
    stroke: str
    """solid, dashed or dotted."""
    end: str
    """filled, open, hollow, circle or none (`ENDS`)."""
    both: bool
    """An end at both ends (no kind of line draws one today: replication points one way)."""
    width: float

    def sample(self) -> str:
        """Return the legend's sample of the line: its stroke, then its end(s), as HTML text."""
        head = GLYPHS[self.end]
        tail = {"▸": "◂", "▹": "◃"}.get(head, head) if self.both else ""
        return tail + _STROKES[self.stroke] + head

    def words(self) -> str:
        """Return the line in words, for a legend that cannot draw it: "red dotted line"."""
        colour = COLOUR_NAMES[self.colour]
        thing = "line" if self.end in ("none", "circle") else "arrow"
        described = " ".join(w for w in (colour, self.stroke, thing) if w)
        ends = {"open": ", open head", "hollow": ", hollow head", "circle": ", open circle"}
        return described + (", both ways" if self.both else ends.get(self.end, ""))


def look(kind: str) -> Look:
    """Return the look of a kind of line (a key of `style.EDGES`)."""
    attrs = style.EDGES[kind]
    return Look(
        colour=attrs["color"],
        stroke=attrs.get("style", "solid"),
        end=ENDS[attrs.get("arrowhead", "normal")],
        both=attrs.get("dir") == "both",
        width=float(attrs.get("penwidth", "1")),
    )
