"""A band or column opened or closed clear of a line leaves its text alone, if canonical."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from archgen.layout.laid import (
    Laid,
    Point,
    _extent,
    _move_route,
    close_band,
    close_column,
    number,
    open_column,
    open_strip,
)

Move = Callable[[Point], Point]
"""What a change does to one point of a route."""

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


def test_a_line_left_of_a_column_keeps_its_text_and_one_across_it_moves() -> None:
    laid = _laid("e,30,260 30,300 30,280.5 30,270 30,265")
    laid.routes["across"] = "e,230,100 30,100 100,100 150,100 200,100"
    open_column(laid, 30.0, 40.0)
    assert laid.routes["line"] == "e,30,260 30,300 30,280.5 30,270 30,265"
    assert laid.routes["across"] == "e,270,100 30,100 140,100 190,100 240,100"


def test_a_closed_column_or_band_clear_of_a_line_keeps_its_text() -> None:
    laid = _laid("e,30.00,260 30,300 30,280.5 30,270 30,265")
    close_column(laid, 40.0, 60.0)
    assert laid.routes["line"] == "e,30,260 30,300 30,280.5 30,270 30,265"
    close_band(laid, 200.0, 260.0)
    assert laid.routes["line"] == "e,30,260 30,300 30,280.5 30,270 30,265"
    close_band(laid, 200.0, 262.0)
    assert laid.routes["line"] == "e,30,262 30,300 30,280.5 30,270 30,265"


_COLUMN = st.integers(-8, 8).map(lambda v: v * 5.0)
"""Coordinates and places of changes on a coarse grid: points often lie on a change's edge."""


def _changes(at: float, size: float) -> dict[str, tuple[Callable[[Laid], None], Move]]:
    """Return each change of the picture at `at`, and what it does to one point of a route."""
    high = at + size
    return {
        "open a band": (
            lambda laid: open_strip(laid, at, size),
            lambda p: (p[0], p[1] - size if p[1] < at else p[1]),
        ),
        "open a column": (
            lambda laid: open_column(laid, at, size),
            lambda p: (p[0] + size if p[0] > at else p[0], p[1]),
        ),
        "close a band": (
            lambda laid: close_band(laid, at, high),
            lambda p: (p[0], p[1] + size if p[1] < at else high if p[1] < high else p[1]),
        ),
        "close a column": (
            lambda laid: close_column(laid, at, high),
            lambda p: (p[0] - size if p[0] >= high else at if p[0] > at else p[0], p[1]),
        ),
    }


def _every_point_moved(route: str, move: Move) -> str:
    """Return the route with each point moved and written anew, word by word."""

    def point(word: str) -> str:
        head = word[:2] if word.startswith(("e,", "s,")) else ""
        a, b = (float(v) for v in word.removeprefix(head).split(","))
        x, y = move((a, b))
        return f"{head}{number(x)},{number(y)}"

    return ";".join(" ".join(map(point, part.split())) for part in route.split(";"))


@settings(derandomize=True, max_examples=400, deadline=None)
@given(
    st.lists(st.tuples(_COLUMN, _COLUMN), min_size=1, max_size=4),
    st.sampled_from(["open a band", "open a column", "close a band", "close a column"]),
    st.data(),
    st.integers(1, 4).map(lambda v: v * 2.5),
)
def test_a_kept_text_is_the_text_every_point_moved_gives(
    points: list[tuple[float, float]], name: str, data: st.DataObject, size: float
) -> None:
    """Whatever text is kept, the route reads as if every one of its points were moved.

    The change is made at, or just beside, one of the points.
    """
    route = " ".join(f"{number(x)},{number(y)}" for x, y in points)
    laid = _laid(route)
    near = data.draw(st.sampled_from([c for point in points for c in point]))
    at = near + data.draw(st.sampled_from([-5.0, -2.5, 0.0, 2.5, 5.0]))
    change, move = _changes(at, size)[name]
    change(laid)
    assert laid.routes["line"] == _every_point_moved(route, move)


_LOOSE = st.from_regex(r"-?\d{1,12}(\.\d{0,3})?", fullmatch=True)
"""Numbers in many spellings: leading zeros, trailing zeros, a bare point, too many digits."""


@settings(derandomize=True, max_examples=400, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(["", "e,", "s,"]), _LOOSE, _LOOSE), min_size=1, max_size=2)
)
def test_a_route_taken_as_written_reads_back_the_same(words: list[tuple[str, str, str]]) -> None:
    route = " ".join(f"{head}{x},{y}" for head, x, y in words)
    extent = _extent(route)
    if extent is not None:
        assert _move_route(route, 0, lambda v: v) == route
        xs, ys = [float(x) for _, x, _ in words], [float(y) for _, _, y in words]
        assert extent == (min(xs), min(ys), max(xs), max(ys))


@settings(derandomize=True, max_examples=200, deadline=None)
@given(st.lists(st.tuples(_COORDINATE, _COORDINATE), min_size=1), st.integers(0, 3))
def test_every_route_written_by_a_move_is_taken_as_written(
    points: list[tuple[float, float]], cut: int
) -> None:
    words = [f"{number(x)},{number(y)}" for x, y in points]
    route = ";".join(" ".join(words[i::4]) for i in range(cut + 1) if words[i::4])
    written = [w.split(",") for w in route.replace(";", " ").split()]
    xs, ys = [float(x) for x, _ in written], [float(y) for _, y in written]
    assert _extent(route) == (min(xs), min(ys), max(xs), max(ys))
