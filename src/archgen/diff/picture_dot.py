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
from archgen.layout.ladder import lay_out
from archgen.layout.laid import Laid, node_attributes
from archgen.layout.redraw import draw_tidied
from archgen.layout.run import run_dot
from archgen.layout.scene import Scene

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
    """Return the DOT source of the change for dot to lay out, with its colour key."""
    return _with_key(build_dot(_coloured(picture)), _key())


def draw_change(picture: ChangePicture, formats: tuple[str, ...]) -> dict[str, bytes]:
    """Lay the change out and draw it as `render` draws a design, tidy pass included.

    Removed parts then stand where they were in the picture an architect
    knows (doors on the borders, the load balancer's bar, one Auto Scaling
    group box), red and dashed, rather than in dot's raw layout.
    """
    scene = _coloured(picture)
    laid = lay_out(scene, _with_key(build_dot(scene), _key()), ("json",), run_dot)
    return draw_tidied(scene, laid.outputs["json"], formats, _pinned_key)


def _coloured(picture: ChangePicture) -> Scene:
    lines = {edge.id for edge in picture.scene.edges}
    overlay = {
        item: _attributes(item, status, picture, item in lines)
        for item, status in sorted(picture.status.items())
    }
    return dataclasses.replace(picture.scene, overlay=overlay)


def _with_key(source: str, key: str) -> str:
    end = source.rstrip().rfind("}")
    return f"{source[:end]}\t{key}\n{source[end:]}"


def _beside_legend(laid: Laid) -> None:
    """Put the key left of the legend once the tidy pass put that under the AWS Cloud.

    Left where dot put it, right of the cloud, it would keep the picture a
    column wider than the design, and every text smaller when embedded.
    """
    key, legend = laid.nodes[_KEY], laid.nodes.get("legend")
    if legend is None or key[0] < legend[2]:
        return
    dx = legend[0] - _GAP - key[2]
    dy = legend[3] - key[3]
    laid.nodes[_KEY] = (key[0] + dx, key[1] + dy, key[2] + dx, key[3] + dy)


_GAP = 12.0
"""Points between the key and the legend."""


def _pinned_key(laid: Laid) -> str:
    """Return the key where dot put it; none when a relaxed layout left it out."""
    if _KEY not in laid.nodes:
        return ""
    _beside_legend(laid)
    attributes = node_attributes(laid, _KEY)
    return _key(" ".join(f'{name}="{value}"' for name, value in attributes.items()))


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


_KEY = "diff_key"


def _key(pinned: str = "") -> str:
    """Return the colour key: one row a status, with a swatch in its colours."""
    rows = "".join(
        f'<TR><TD BGCOLOR="{COLOURS[s][1]}" COLOR="{COLOURS[s][0]}" BORDER="2" WIDTH="28">'
        f'</TD><TD ALIGN="LEFT">{_MEANINGS[s]}</TD></TR>'
        for s in _MEANINGS
    )
    return (
        f'{_KEY} [shape=plain {pinned} label=<<TABLE BORDER="1" COLOR="#AAB7B8" CELLBORDER="0" '
        'CELLSPACING="4" CELLPADDING="3"><TR><TD COLSPAN="2" ALIGN="LEFT"><B>Change</B></TD></TR>'
        f"{rows}</TABLE>>]"
    )
