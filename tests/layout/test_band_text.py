"""A band opened under a line leaves its text alone only when the text is already canonical."""

from __future__ import annotations

from archgen.layout.laid import Laid, open_strip


def _laid(route: str) -> Laid:
    laid = Laid((0.0, 0.0, 400.0, 400.0))
    laid.routes = {"line": route}
    return laid


def test_a_line_above_the_band_keeps_its_text() -> None:
    laid = _laid("e,30,260 30,300 30,280.5 30,270 30,265")
    open_strip(laid, 200.0, 50.0)
    assert laid.routes["line"] == "e,30,260 30,300 30,280.5 30,270 30,265"


def test_a_line_above_the_band_is_still_written_as_graphviz_writes_numbers() -> None:
    laid = _laid("e,30.00,260.125 30,300 30,280.50 30,270 30,265")
    open_strip(laid, 200.0, 50.0)
    assert laid.routes["line"] == "e,30,260.12 30,300 30,280.5 30,270 30,265"


def test_a_line_reaching_below_the_band_moves_there() -> None:
    laid = _laid("e,30,150 30,300 30,250 30,200 30,160")
    open_strip(laid, 200.0, 50.0)
    assert laid.routes["line"] == "e,30,100 30,300 30,250 30,200 30,110"
