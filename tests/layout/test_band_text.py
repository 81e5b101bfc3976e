"""A band opened under a line leaves its text alone only when the text is already canonical."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from archgen.layout.laid import Laid, _lowest, _move_route, number, open_strip

_COORDINATE = st.floats(-1e6, 1e6, allow_nan=False)


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


_LOOSE = st.from_regex(r"-?\d{1,12}(\.\d{0,3})?", fullmatch=True)
"""Numbers in many spellings: leading zeros, trailing zeros, a bare point, too many digits."""


@settings(derandomize=True, max_examples=400, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(["", "e,", "s,"]), _LOOSE, _LOOSE), min_size=1, max_size=2)
)
def test_a_route_taken_as_written_reads_back_the_same(words: list[tuple[str, str, str]]) -> None:
    route = " ".join(f"{head}{x},{y}" for head, x, y in words)
    if _lowest(route) is not None:
        assert _move_route(route, lambda p: p) == route
        assert _lowest(route) == min(float(y) for _, _, y in words)


@settings(derandomize=True, max_examples=200, deadline=None)
@given(st.lists(st.tuples(_COORDINATE, _COORDINATE), min_size=1), st.integers(0, 3))
def test_every_route_written_by_a_move_is_taken_as_written(
    points: list[tuple[float, float]], cut: int
) -> None:
    words = [f"{number(x)},{number(y)}" for x, y in points]
    route = ";".join(" ".join(words[i::4]) for i in range(cut + 1) if words[i::4])
    assert _lowest(route) == min(float(w.split(",")[1]) for w in route.replace(";", " ").split())
