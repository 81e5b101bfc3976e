"""The change as DOT: the new design's layout, coloured by what the change did, with a key.

The colours go on top of the picture's own style as an overlay (`Scene.overlay`)
so the diff draws with the same DOT builder as `archgen render`: added green,
removed red and dashed, changed amber, the rest grey. A removed line pulls on
nothing (constraint=false) and a removed node joins no tier row, so what stayed
is laid out as the new design alone would be.
"""

from __future__ import annotations

import dataclasses

from archgen.diff.picture import ChangePicture
from archgen.layout.dot import build_dot

COLOURS = {
    "added": ("#1E8E3E", "#E8F5E9"),
    "removed": ("#D13212", "#FDECEA"),
    "changed": ("#E07B00", "#FFF4E0"),
    "same": ("#AAB7B8", "#FFFFFF"),
}
"""(line, fill) of each status."""

_MEANINGS = {
    "added": "added",
    "removed": "removed (drawn where it was)",
    "changed": "changed",
    "same": "unchanged",
}


def picture_dot(picture: ChangePicture) -> str:
    """Return the DOT source of the change, with its colour key at the foot."""
    lines = {edge.id for edge in picture.scene.edges}
    overlay = {
        item: _attributes(item, status, picture, item in lines)
        for item, status in sorted(picture.status.items())
    }
    source = build_dot(dataclasses.replace(picture.scene, overlay=overlay))
    end = source.rstrip().rfind("}")
    return f"{source[:end]}\t{_key()}\n{source[end:]}"


def _attributes(item: str, status: str, picture: ChangePicture, is_line: bool) -> dict[str, str]:
    """Return the overlay of one id: a node's box, a group's frame or a line's colour."""
    line, fill = COLOURS[status]
    dashed = status == "removed"
    scene = picture.scene
    if item in scene.nodes:
        if status == "same":
            return {"class": "same", "fontcolor": "#687078"}
        return {
            "class": status,
            "shape": "box",
            "style": "rounded,filled,dashed" if dashed else "rounded,filled",
            "color": line,
            "fillcolor": fill,
            "penwidth": "2.5",
            "margin": "0.05",
        }
    if is_line:
        attrs = {
            "class": status,
            "color": line,
            "fontcolor": line if status != "same" else "#687078",
        }
        if status != "same":
            attrs["penwidth"] = "2.2"
        if dashed:
            attrs |= {"style": "dashed", "constraint": "false"}
        return attrs
    if status == "same":
        return {"class": "same"}
    return {"class": status, "color": line, "penwidth": "2.5"} | (
        {"style": "dashed", "fillcolor": fill} if dashed else {}
    )


def _key() -> str:
    """Return the colour key: one row a status, with a swatch in its colours."""
    rows = "".join(
        f'<TR><TD BGCOLOR="{COLOURS[s][1]}" COLOR="{COLOURS[s][0]}" BORDER="2" WIDTH="28">'
        f'</TD><TD ALIGN="LEFT">{_MEANINGS[s]}</TD></TR>'
        for s in _MEANINGS
    )
    return (
        'diff_key [shape=plain label=<<TABLE BORDER="1" COLOR="#AAB7B8" CELLBORDER="0" '
        'CELLSPACING="4" CELLPADDING="3"><TR><TD COLSPAN="2" ALIGN="LEFT"><B>Change</B></TD></TR>'
        f"{rows}</TABLE>>]"
    )
