"""A line's route found again only when another line's runs changed: the same route as anew."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from archgen.layout import detour
from archgen.layout.detour_judge import Fences
from archgen.layout.laid import Laid, Point
from archgen.layout.tracks import Tracks
from tests.layout.test_detour_reach import _EDGE, _picture

_SETTINGS = settings(derandomize=True, max_examples=120, deadline=None)
_AT = st.integers(0, 200).map(lambda v: v * 2.0)


@_SETTINGS
@given(_picture(), st.lists(st.tuples(_AT, _AT), min_size=2, max_size=5))
def test_a_lines_own_runs_never_change_its_route(
    picture: tuple[Laid, Fences], own: list[Point]
) -> None:
    """What the memo rests on: a route is found from the other lines' runs, never its own."""
    laid, fences = picture
    before = detour.best_route(laid, _EDGE, fences)
    stamp = fences.runs.stamp
    fences.runs.take(_EDGE.id, own)
    assert not fences.runs.changed_since(stamp, _EDGE.id)
    assert detour.best_route(laid, _EDGE, fences) == before


def test_the_same_runs_taken_again_change_nothing() -> None:
    tracks = Tracks(Laid((0.0, 0.0, 100.0, 100.0)))
    tracks.take("one", [(0.0, 0.0), (50.0, 0.0)])
    stamp = tracks.stamp
    tracks.take("one", [(0.0, 0.0), (50.0, 0.0)])
    assert tracks.stamp == stamp
    tracks.take("two", [(0.0, 0.0), (0.0, 50.0)])
    assert tracks.changed_since(stamp, "one")
    assert not tracks.changed_since(stamp, "two")
    assert tracks.shares("three", ((10.0, 1.0), (40.0, 1.0)))  # the runs taken still count
