"""The two searches behind a tight page: free room for the legend, empty bands to close."""

from __future__ import annotations

from archgen.layout.dead_space import close_empty_bands, empty_bands
from archgen.layout.laid import Laid
from archgen.layout.legend_spot import free_spot
from archgen.layout.scene import Edge, Group, Scene

CLOUD = (100.0, 0.0, 400.0, 300.0)
ACTOR = (0.0, 250.0, 60.0, 300.0)


def test_the_legend_takes_the_lowest_free_room_clear_of_boxes() -> None:
    spot = free_spot(80.0, 100.0, [CLOUD, ACTOR], list)
    assert spot == (8.0, 0.0)  # under the actor, at the bottom, a gap left of the cloud


def test_a_line_through_the_room_moves_the_legend_above_it() -> None:
    line = ((0.0, 50.0), (100.0, 50.0))
    spot = free_spot(80.0, 100.0, [CLOUD, ACTOR], lambda: [line])
    assert spot is not None
    assert spot[1] >= 50.0 + 12.0  # past the line and its gap


def test_no_room_that_holds_the_legend_leaves_it_where_it_is() -> None:
    assert free_spot(120.0, 100.0, [CLOUD, ACTOR], list) is None  # the column is 100 wide


def _scene(route_ends: tuple[float, float]) -> tuple[Scene, Laid]:
    scene = Scene("s", "title")
    edge = Edge("c0:a>b", "a", "b", "connection")
    scene.edges.append(edge)
    laid = Laid((0.0, 0.0, 200.0, 600.0))
    laid.nodes = {"a": (80.0, 500.0, 120.0, 540.0), "b": (80.0, 20.0, 120.0, 60.0)}
    top, bottom = route_ends
    laid.routes = {edge.id: f"e,100,60 {top},500 {top},400 {bottom},200 {bottom},70"}
    return scene, laid


def test_a_band_crossed_only_by_an_upright_line_is_empty_and_closes() -> None:
    scene, laid = _scene((100.0, 100.0))
    groups: list[Group] = []
    assert empty_bands(scene, laid, groups) == [(60.0, 500.0)]
    close_empty_bands(scene, laid, groups)
    assert laid.nodes["a"][1] - laid.nodes["b"][3] == 40.0  # a rank's gap is left
    assert laid.nodes["a"] == (80.0, 500.0, 120.0, 540.0)  # what lies above stays


def test_a_band_a_sloped_line_crosses_stays_open() -> None:
    scene, laid = _scene((100.0, 160.0))
    assert empty_bands(scene, laid, []) == [(60.0, 70.0)]  # only the arrowhead's stretch
    close_empty_bands(scene, laid, [])
    assert laid.nodes["b"] == (80.0, 20.0, 120.0, 60.0)
