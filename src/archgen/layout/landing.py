"""Lines land on their target's icon, not on the empty side of its name.

graphviz clips a line at its node's box, and a node is as wide as its name:
a line reaching the box's side, or its top far from the middle, stops in the
air beside the icon, and an architect reads the arrow as pointing at nothing
(the review's arrowhead "beside Aurora"). The tidy pass therefore moves the
end of such a line onto the icon: onto the side facing it, its top, or the
foot of its column under the name when it comes from below. The last piece
of the curve and the end of the one before move with it, so the line keeps
its direction into the icon and stays smooth (a straight run stays straight).
"""

from __future__ import annotations

from archgen.layout import style
from archgen.layout.laid import Laid, Point, Rect, number
from archgen.layout.scene import Scene

_PADDING = 2.0
"""Points between a node's box and its icon's cell (the label table's CELLPADDING)."""
_NEAR = 4.0
"""Points within which an end already counts as on the icon."""
_INSET = 6.0
"""Points inside the icon's corners where a moved end lands, clear of the corner itself."""


def land_on_icons(scene: Scene, laid: Laid) -> None:
    """Move each line's ends that are off their icons onto the icons: the target's, the source's.

    A line leaving the side of a long name, or under the name beside the
    icon's column, reads as starting at the text (the review's Web B), as an
    arrowhead there points at nothing.
    """
    for edge in scene.edges:
        for node_id, first in ((edge.target, False), (edge.source, True)):
            route = laid.routes.get(edge.id)
            node = scene.nodes.get(node_id)
            if route is None or node is None or node_id in scene.bars:
                continue
            if node_id not in laid.nodes:
                continue
            icon = icon_box(laid.nodes[node_id], node.shape, bool(node.marker))
            moved = _landed(route, icon, laid.nodes[node_id], first=first)
            if moved != route:
                laid.routes[edge.id] = moved


def icon_box(box: Rect, shape: str, marked: bool) -> Rect:
    """Return the icon's cell inside a node's box: at the top, centred, or left of a marker."""
    left, _, right, top = box
    half = (style.ICON_SIZE if not shape else style.ICON_SIZE * 2 // 3) / 2
    centre = left + _PADDING + half if marked else (left + right) / 2
    return (centre - half, top - 2 * (half + _PADDING), centre + half, top)


def _landed(route: str, icon: Rect, box: Rect, *, first: bool = False) -> str:
    """Return the route with its end (its start, if `first`) moved onto the icon, if off it."""
    curve, *rest = route.split(";")
    words = curve.split()
    mark = "s," if first else "e,"
    tip_at = next((i for i, w in enumerate(words) if w.startswith(mark)), None)
    controls = [i for i, w in enumerate(words) if not w.startswith(("e,", "s,"))]
    if len(controls) < 4:
        return route
    moving = controls[:2] if first else controls[-2:]  # the piece bending into the icon
    near = controls[0] if first else controls[-1]
    end = _point(words[tip_at][2:]) if tip_at is not None else _point(words[near])
    target = _landing(end, icon, box)
    if target is None:
        return route
    dx, dy = target[0] - end[0], target[1] - end[1]
    if first and abs(dy) > _NEAR and target[1] > box[1] + _NEAR:
        # From the side at the name's height: out level from the icon's side, past the name.
        words[controls[0]], words[controls[1]] = _word(target), _word((end[0], target[1]))
        return ";".join([" ".join(words), *rest])
    if tip_at is not None:
        moving = [*moving, tip_at]
    for index in moving:
        head = words[index][:2] if words[index].startswith(("e,", "s,")) else ""
        x, y = _point(words[index].removeprefix(head))
        words[index] = f"{head}{number(x + dx)},{number(y + dy)}"
    return ";".join([" ".join(words), *rest])


def _landing(end: Point, icon: Rect, box: Rect) -> Point | None:
    """Return where an end off the icon should be: None when it is on the icon already.

    From above it lands on the icon's top, from below under the name in the
    icon's column, from the side on the icon's side at the nearest height.
    """
    left, bottom, right, top = icon
    x, y = end
    on_icon = left - _NEAR <= x <= right + _NEAR and bottom - _NEAR <= y <= top + _NEAR
    under = left - _NEAR <= x <= right + _NEAR and abs(y - box[1]) <= _NEAR
    if on_icon or under:
        return None
    column = min(max(x, left + _INSET), right - _INSET)
    if y >= top - _NEAR:
        return (column, top)
    if y <= box[1] + _NEAR:
        return (column, box[1])
    return (left if x < left else right, min(max(y, bottom + _INSET), top - _INSET))


def _word(point: Point) -> str:
    return f"{number(point[0])},{number(point[1])}"


def _point(word: str) -> Point:
    x, y = word.split(",")
    return (float(x), float(y))
