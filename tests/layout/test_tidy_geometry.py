"""The tidy pass's geometry: bands opened and closed, orthogonal routes, free label spots."""

from __future__ import annotations

from archgen.layout.label_spots import spot
from archgen.layout.laid import Laid, close_band, open_column, open_strip
from archgen.layout.route import _spline
from archgen.layout.scene import Edge


def _laid() -> Laid:
    laid = Laid((0.0, 0.0, 400.0, 400.0))
    laid.nodes = {"high": (10.0, 300.0, 50.0, 340.0), "low": (10.0, 20.0, 50.0, 60.0)}
    laid.clusters = {"cluster_box": (0.0, 0.0, 100.0, 350.0)}
    laid.routes = {"line": "e,30,60 30,300 30,200 30,100 30,70"}
    laid.labels = {"line": (60.0, 150.0)}
    return laid


def test_a_band_moves_what_lies_below_and_grows_what_it_cuts() -> None:
    laid = _laid()
    open_strip(laid, 200.0, 50.0)
    assert laid.nodes["high"] == (10.0, 300.0, 50.0, 340.0)
    assert laid.nodes["low"] == (10.0, -30.0, 50.0, 10.0)
    assert laid.clusters["cluster_box"] == (0.0, -50.0, 100.0, 350.0)
    assert laid.routes["line"] == "e,30,10 30,300 30,200 30,50 30,20"
    assert laid.labels["line"] == (60.0, 100.0)
    assert laid.bounds == (0.0, -50.0, 400.0, 400.0)


def test_a_closed_band_gathers_points_inside_it_at_its_top() -> None:
    laid = _laid()
    close_band(laid, 100.0, 250.0)
    assert laid.nodes["low"] == (10.0, 170.0, 50.0, 210.0)
    assert laid.routes["line"] == "e,30,210 30,300 30,250 30,250 30,220"
    assert laid.bounds == (0.0, 150.0, 400.0, 400.0)


def test_a_column_moves_what_lies_right_of_it() -> None:
    laid = _laid()
    laid.nodes["right"] = (200.0, 100.0, 240.0, 140.0)
    open_column(laid, 150.0, 30.0)
    assert laid.nodes["right"] == (230.0, 100.0, 270.0, 140.0)
    assert laid.nodes["low"] == (10.0, 20.0, 50.0, 60.0)
    assert laid.bounds == (0.0, 0.0, 430.0, 400.0)


def test_an_orthogonal_route_is_straight_pieces_ending_short_of_its_arrowhead() -> None:
    route = _spline([(0.0, 100.0), (0.0, 50.0), (60.0, 50.0), (60.0, 0.0)], head=True)
    words = route.split()
    assert words[0] == "e,60,0"
    assert words[1:5] == ["0,100", "0,83.33", "0,66.67", "0,50"]
    assert words[-1] == "60,8"
    assert len(words) == 1 + 1 + 3 * 3


def test_a_label_spot_keeps_clear_of_other_lines_and_boxes() -> None:
    edge = Edge("c0:a>b", "a", "b", "connection", "query\nMySQL 3306")
    corners = [(0.0, 200.0), (0.0, 100.0), (0.0, 100.0), (0.0, 0.0)]
    crossing = ((20.0, 150.0), (20.0, 50.0))  # a line just right of the run: the label goes left
    centre = spot(edge, corners, [crossing], [], {})
    assert centre[0] < 0
    box_right = (-200.0, 0.0, -5.0, 200.0)  # and with the left taken too, nowhere free: first
    assert spot(edge, corners, [crossing], [box_right], {})[0] > 0
