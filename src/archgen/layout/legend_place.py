"""The legend's first place: under the AWS Cloud in as few rows as its width holds, or beside it.

A picture is embedded by its width, and its drawing time grows with its
area. A legend of one column under the cloud leaves a band as tall as the
legend across the whole page, empty but for it; its rows flowed into as many
columns as the page holds left of the cloud's right edge (the cloud's width,
and an actor's column beside it) make that band as short as the legend can
be (`legend_grid`). Beside the cloud it costs a column instead of a band;
it goes there only when that makes the page smaller. One place in every
picture is where a reader looks for it: the bottom right of the cloud. The
tidy pass may still move it into free room once every line is drawn
(`legend_spot`).
"""

from __future__ import annotations

from archgen.layout.laid import Laid, Rect, hull
from archgen.layout.legend_grid import Grid, grids
from archgen.layout.scene import Group, Scene

GAP = 12.0
"""Points between the AWS Cloud and the legend."""


def place_legend(scene: Scene, laid: Laid, groups: list[Group]) -> None:
    """Shape the legend and put it under the AWS Cloud at its right edge, or beside it."""
    legend, cloud = laid.nodes.get("legend"), laid.clusters.get("cluster_cloud")
    if legend is None or cloud is None:
        return
    known = {*scene.nodes, *(group.anchor for group in groups), "legend"}
    key = sum(b[2] - b[0] + GAP for n, b in laid.nodes.items() if n not in known)  # a diff's
    page = hull([*(b for n, b in laid.nodes.items() if n != "legend"), *laid.clusters.values()])
    shapes = grids(laid.legend_cells) if laid.legend_cells is not None else []
    room = cloud[2] - min(cloud[0], page[0]) - key  # an actor's column left of the cloud
    wide = [g for g in shapes if g.size()[0] <= room]
    shape = wide[-1] if wide else None  # the most columns the room holds: the fewest rows
    width, height = shape.size() if shape else (legend[2] - legend[0], legend[3] - legend[1])
    spot = (cloud[2] - width, cloud[1] - GAP - height, cloud[2], cloud[1] - GAP)
    tall = [g for g in shapes if g.size()[1] <= cloud[3] - cloud[1]]
    if tall and not key:  # a diff's colour key stands left of the legend, under the cloud
        aside = _beside(cloud, tall[0])
        if _area(hull([page, aside])) < _area(hull([page, spot])):
            shape, spot = tall[0], aside
    laid.legend_grid = shape
    laid.nodes["legend"] = spot
    left, bottom, right, top = laid.bounds
    laid.bounds = (min(left, spot[0]), min(bottom, spot[1] - GAP), max(right, spot[2]), top)


def _beside(cloud: Rect, shape: Grid) -> Rect:
    """Return the legend's box right of the AWS Cloud, level with its bottom."""
    width, height = shape.size()
    return (cloud[2] + GAP, cloud[1], cloud[2] + GAP + width, cloud[1] + height)


def _area(box: Rect) -> float:
    """Return a box's area: the page's, whose pixels the PNG draws."""
    return (box[2] - box[0]) * (box[3] - box[1])
