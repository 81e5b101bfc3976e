"""dot's layout of a scene, as numbers the tidy pass can move before the picture is drawn.

dot places ranks and orders nodes well, but it nests clusters strictly, so it cannot draw one
Auto Scaling group across two zones, and it sizes each subnet to its own content, so one tier is
narrower in one zone than in the next. The layout is therefore read back from dot's JSON
(graphviz's frame: points, y up), tidied (`tidy`), and drawn as it stands by `neato -n2`.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from archgen.layout.legend_grid import Cells, Grid, measure
from archgen.layout.title_box import title_size

POINTS_PER_INCH = 72.0

Rect = tuple[float, float, float, float]
"""left, bottom, right, top."""
Point = tuple[float, float]
Shift = Callable[[float], float]
"""Where a coordinate moves to when the picture opens or closes a band or a column."""
Written = tuple[dict[str, str], dict[str, str]]
"""For x, then y: a coordinate's text, and its text once shifted (`_move_route`)."""


@dataclass
class Laid:
    """Where dot put things: boxes by name, and the routes and labels of the named edges."""

    bounds: Rect
    nodes: dict[str, Rect] = field(default_factory=dict)
    clusters: dict[str, Rect] = field(default_factory=dict)
    routes: dict[str, str] = field(default_factory=dict)
    """An edge's spline as graphviz writes it (`e,x,y x,y ...`); a moved edge has none."""
    labels: dict[str, Point] = field(default_factory=dict)
    label_sizes: dict[str, Point] = field(default_factory=dict)
    """Width and height of each line's label, as dot measured its text."""
    moved: set[str] = field(default_factory=set)
    """Nodes the tidy pass moved: the lines at them are routed again."""
    rerouted: set[str] = field(default_factory=set)
    """Lines given a new route after their ends moved (`route`)."""
    legend_cells: Cells | None = None
    """What dot measured of the legend's rows, laid out in one column (`legend_grid`)."""
    legend_grid: Grid | None = None
    """The columns the tidy pass gave the legend; None keeps its one column."""
    titles: dict[str, list[str]] = field(default_factory=dict)
    """The lines of a box across zones' title, by the box's id, as the tidy pass fits them."""
    title_sizes: dict[str, Point] = field(default_factory=dict)
    """Width and height of each box's title (with its notes), as dot measured it (`title_box`)."""

    def centre(self, name: str) -> Point:
        """Return the centre of a node's box."""
        left, bottom, right, top = self.nodes[name]
        return ((left + right) / 2, (bottom + top) / 2)

    def move(self, name: str, dx: float, dy: float = 0.0) -> None:
        """Move a node; the lines at it lose their routes, so graphviz draws them anew."""
        left, bottom, right, top = self.nodes[name]
        self.nodes[name] = (left + dx, bottom + dy, right + dx, top + dy)
        self.moved.add(name)


def open_strip(laid: Laid, y: float, height: float) -> None:
    """Open an empty band `height` points tall across the picture, just below `y`.

    Everything below moves down (a node by its centre, whole); a box the band
    cuts grows, a line across it is stretched. Lines rerouted by the tidy pass
    run along such bands, clear of dot's labels.
    """

    def lower(value: float) -> float:
        return value - height if value < y else value

    laid.nodes = {
        n: (a, b - height, c, d - height) if (b + d) / 2 < y else (a, b, c, d)
        for n, (a, b, c, d) in laid.nodes.items()
    }
    laid.clusters = {n: (a, lower(b), c, lower(d)) for n, (a, b, c, d) in laid.clusters.items()}
    laid.labels = {n: (x, lower(v)) for n, (x, v) in laid.labels.items()}
    laid.routes = _moved(laid.routes, lambda e: e[1] >= y, 1, lower)
    left, bottom, right, top = laid.bounds
    laid.bounds = (left, bottom - height, right, top)


def _moved(
    routes: dict[str, str], kept: Callable[[Rect], bool], axis: int, shift: Shift
) -> dict[str, str]:
    """Return the routes with each point shifted along `axis` (0: x, 1: y).

    A route whose extent is `kept` keeps its text: so it may when `shift`
    leaves every point of that extent where it is and the text is already
    written as `_move_route` writes it. A large design opens a band or a
    column for every lane of lines, and most lines lie clear of each one.
    In a route so written only the shifted coordinates are written anew (the
    others already read as `number` writes them), each text worked out once
    and looked up for every line it is in.
    """
    written: Written = ({}, {})
    shifted = _Shifted(shift)
    moved = {}
    for name, route in routes.items():
        extent = _extent(route)
        if extent is None:
            moved[name] = _move_route(route, axis, shift, written)
        elif kept(extent):
            moved[name] = route
        else:
            parts = _PAIR.split(route)  # the text before each point, its x, its comma, its y
            parts[1 + 2 * axis :: 4] = list(map(shifted.__getitem__, parts[1 + 2 * axis :: 4]))
            moved[name] = "".join(parts)
    return moved


class _Shifted(dict[str, str]):
    """A coordinate's text, and its text once shifted: worked out the first time it is asked."""

    def __init__(self, shift: Shift) -> None:
        super().__init__()
        self._shift = shift

    def __missing__(self, text: str) -> str:
        found = self[text] = number(self._shift(float(text)))
        return found


_NUMBER = r"(?:0|-?(?:[1-9]\d{0,9}(?:\.\d?[1-9])?|0\.\d?[1-9]))"
"""A number as `number` writes it (at most ten digits before the point): it reads back the same."""
_POINT = rf"(?:[es],)?{_NUMBER},{_NUMBER}"
_WRITTEN = re.compile(rf"{_POINT}(?: {_POINT})*(?:;{_POINT}(?: {_POINT})*)*", re.ASCII)
"""A route as `_move_route` writes one: moving none of its points gives the same text."""


_PAIR = re.compile(r"(-?[0-9.]+)(,)(-?[0-9.]+)", re.ASCII)
"""A point's x and y in a route as `_move_route` writes one (an arrowhead's `e,` aside)."""


@functools.lru_cache(maxsize=4096)
def _extent(route: str) -> Rect | None:
    """Return the bounds of a route's points when written as `_move_route` writes it; else None."""
    if not _WRITTEN.fullmatch(route):
        return None
    xs, _, ys = zip(*_PAIR.findall(route), strict=True)
    across, up = list(map(float, xs)), list(map(float, ys))
    return (min(across), min(up), max(across), max(up))


def close_band(laid: Laid, low: float, high: float) -> None:
    """Close the empty band between `low` and `high` (y up): what lies below moves up.

    A line's points inside the band gather at its top edge, so no line folds
    back on itself; the band must hold no node and no box's edge.
    """
    height = high - low

    def lift(value: float) -> float:
        return value + height if value < low else high if value < high else value

    laid.nodes = {
        n: (a, b + height, c, d + height) if (b + d) / 2 < low else (a, b, c, d)
        for n, (a, b, c, d) in laid.nodes.items()
    }
    laid.clusters = {n: (a, lift(b), c, lift(d)) for n, (a, b, c, d) in laid.clusters.items()}
    laid.labels = {n: (x, lift(v)) for n, (x, v) in laid.labels.items()}
    laid.routes = _moved(laid.routes, lambda e: e[1] >= high, 1, lift)
    left, bottom, right, top = laid.bounds
    laid.bounds = (left, bottom + height, right, top)


def open_column(laid: Laid, x: float, width: float) -> None:
    """Open an empty column `width` points wide down the picture, just right of `x`."""

    def right(value: float) -> float:
        return value + width if value > x else value

    laid.nodes = {
        n: (a + width, b, c + width, d) if (a + c) / 2 > x else (a, b, c, d)
        for n, (a, b, c, d) in laid.nodes.items()
    }
    laid.clusters = {n: (right(a), b, right(c), d) for n, (a, b, c, d) in laid.clusters.items()}
    laid.labels = {n: (right(v), y) for n, (v, y) in laid.labels.items()}
    laid.routes = _moved(laid.routes, lambda e: e[2] <= x, 0, right)
    left, bottom, far, top = laid.bounds
    laid.bounds = (left, bottom, far + width, top)


def close_column(laid: Laid, low: float, high: float) -> None:
    """Close the empty column between `low` and `high`: what lies right of it moves left.

    A box across it narrows; a line's points inside it gather at its left
    edge. The column must hold no node's centre.
    """
    width = high - low

    def left(value: float) -> float:
        return value - width if value >= high else low if value > low else value

    laid.nodes = {
        n: (a - width, b, c - width, d) if (a + c) / 2 >= high else (a, b, c, d)
        for n, (a, b, c, d) in laid.nodes.items()
    }
    laid.clusters = {n: (left(a), b, left(c), d) for n, (a, b, c, d) in laid.clusters.items()}
    laid.labels = {n: (left(v), y) for n, (v, y) in laid.labels.items()}
    laid.routes = _moved(laid.routes, lambda e: e[2] <= low, 0, left)
    first, bottom, far, top = laid.bounds
    laid.bounds = (first, bottom, far - width, top)


def _move_route(route: str, axis: int, shift: Shift, written: Written | None = None) -> str:
    """Return a spline (or several, `;` apart) with each point shifted along `axis` (0: x, 1: y).

    Every coordinate is written anew as `number` writes it; its new text
    depends on its old text alone, so each is worked out once (`written`).
    """
    known: Written = ({}, {}) if written is None else written

    def coordinate(text: str, which: int) -> str:
        found = known[which].get(text)
        if found is None:
            value = float(text)
            found = known[which][text] = number(shift(value) if which == axis else value)
        return found

    def point(word: str) -> str:
        head = word[:2] if word.startswith(("e,", "s,")) else ""
        x, y = word.removeprefix(head).split(",")
        return f"{head}{coordinate(x, 0)},{coordinate(y, 1)}"

    return ";".join(" ".join(map(point, part.split())) for part in route.split(";"))


def parse(raw: bytes) -> Laid:
    """Read dot's `-Tjson` output into a Laid."""
    data: dict[str, Any] = json.loads(raw)
    laid = Laid(_rect(data["bb"]))
    for item in data.get("objects", []):
        name = item["name"]
        if "bb" in item:
            laid.clusters[name] = _rect(item["bb"])
            laid.title_sizes[name] = title_size(item)
        elif "pos" in item:
            x, y = (float(v) for v in item["pos"].split(","))
            half_w = float(item["width"]) * POINTS_PER_INCH / 2
            half_h = float(item["height"]) * POINTS_PER_INCH / 2
            laid.nodes[name] = (x - half_w, y - half_h, x + half_w, y + half_h)
            if name == "legend":
                laid.legend_cells = measure(item)
    for edge in data.get("edges", []):
        if "id" not in edge:
            continue
        if "pos" in edge:
            laid.routes[edge["id"]] = edge["pos"]
        spot = edge.get("lp") or edge.get("xlp")  # an xlabel on a relaxed rung of the ladder
        if spot:
            x, y = (float(v) for v in spot.split(","))
            laid.labels[edge["id"]] = (x, y)
            ops = edge.get("_ldraw_") or edge.get("_xldraw_", [])
            laid.label_sizes[edge["id"]] = _text_size(ops, (x, y))
    return laid


def _text_size(ops: list[dict[str, Any]], centre: Point) -> Point:
    """Return the size of the box around a label's texts, symmetric about its centre."""
    size, half_w, half_h = 14.0, 0.0, 0.0
    for op in ops:
        if op.get("op") == "F":
            size = float(op["size"])
        elif op.get("op") == "T":
            x, y = op["pt"]
            width = float(op["width"])
            left = {"l": x, "c": x - width / 2, "r": x - width}[op.get("align", "c")]
            half_w = max(half_w, abs(left - centre[0]), abs(left + width - centre[0]))
            half_h = max(half_h, abs(y - 0.2 * size - centre[1]), abs(y + 0.75 * size - centre[1]))
    return (2 * half_w + _PADDING, 2 * half_h + _PADDING)


_PADDING = 6.0
"""Points around a label's texts: its badges' rounded boxes and the table's padding."""


def _rect(text: str) -> Rect:
    left, bottom, right, top = (float(v) for v in text.split(","))
    return (left, bottom, right, top)


def number(value: float) -> str:
    """Return a coordinate as graphviz writes one: two decimals at most, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def rect_text(rect: Rect) -> str:
    """Return a box as a graphviz `bb` value."""
    return ",".join(number(v) for v in rect)


def node_attributes(laid: Laid, name: str) -> dict[str, str]:
    """Return the attributes that pin a node where the layout put it, at its size."""
    left, bottom, right, top = laid.nodes[name]
    return {
        "pos": f"{number((left + right) / 2)},{number((bottom + top) / 2)}",
        "width": number((right - left) / POINTS_PER_INCH),
        "height": number((top - bottom) / POINTS_PER_INCH),
    }


def edge_attributes(laid: Laid, edge_id: str, ends: tuple[str, str]) -> dict[str, str]:
    """Return an edge's route and label position, unless an end moved (then graphviz routes it)."""
    moved = (ends[0] in laid.moved or ends[1] in laid.moved) and edge_id not in laid.rerouted
    if moved or edge_id not in laid.routes:
        return {}
    attributes = {"pos": laid.routes[edge_id]}
    if edge_id in laid.labels:
        x, y = laid.labels[edge_id]
        attributes["lp"] = f"{number(x)},{number(y)}"
    return attributes


def hull(boxes: list[Rect]) -> Rect:
    """Return the smallest box holding every one of `boxes` (at least one)."""
    lefts, bottoms, rights, tops = zip(*boxes, strict=True)
    return (min(lefts), min(bottoms), max(rights), max(tops))
