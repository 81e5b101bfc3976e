"""The session's drawings (tests/draw_cache.py): kept under all they are made from, no more."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from archgen.errors import RenderError
from archgen.layout import drawing
from archgen.layout.drawing import Drawing, plan
from archgen.loader import load_text
from tests.draw_cache import DrawCache

TINY = (
    "archgen: 1\nname: tiny\ntitle: Tiny\nregion: us-east-1\nresources:\n"
    "  users: {type: client}\n  api: {type: api_gateway}\n"
    "connections:\n  - {from: users, to: api, protocol: https}\n"
)


class Counted:
    """The real drawing, counting its calls; it fails once when told to."""

    def __init__(self) -> None:
        self.calls = 0
        self.fail_next = False

    def __call__(self, *given: Any) -> Drawing:
        """Draw as archgen does, with all DrawCache gives (tests/draw_cache.Draw)."""
        self.calls += 1
        if self.fail_next:
            self.fail_next = False
            raise RenderError("graphviz failed")
        return drawing.draw(*given)


@pytest.fixture
def counted() -> Counted:
    return Counted()


def _planned(title: str = "Tiny") -> Drawing:
    return plan(load_text(TINY.replace("Tiny", title), "tiny.yaml"))


@pytest.mark.redraw
def test_a_drawing_is_kept_and_handed_back_as_a_copy(counted: Counted) -> None:
    cache = DrawCache(counted)
    first = cache(_planned(), ("svg", "json"))
    first.outputs["svg"] = b"changed by a test"
    again = cache(_planned(), ("svg", "json"))
    assert counted.calls == 1
    assert again.outputs["svg"].startswith(b"<?xml")
    assert again.outputs == drawing.draw(_planned(), ("svg", "json")).outputs


@pytest.mark.redraw
def test_another_scene_format_or_graphviz_is_drawn_again(
    counted: Counted, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = DrawCache(counted)
    cache(_planned(), ("svg",))
    cache(_planned("Other"), ("svg",))
    cache(_planned(), ("svg", "json"))
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    cache(_planned(), ("svg",))
    assert counted.calls == 4


@pytest.mark.redraw
def test_a_failed_drawing_is_not_kept(counted: Counted) -> None:
    cache = DrawCache(counted)
    counted.fail_next = True
    with pytest.raises(RenderError):
        cache(_planned(), ("svg",))
    assert cache(_planned(), ("svg",)).outputs["svg"].startswith(b"<?xml")
    assert counted.calls == 2


@pytest.mark.redraw
def test_switched_off_it_draws_every_time(counted: Counted) -> None:
    cache = DrawCache(counted)
    cache.on = False
    cache(_planned(), ("svg",))
    cache(_planned(), ("svg",))
    assert counted.calls == 2


def test_the_session_keeps_what_an_unmarked_test_draws() -> None:
    assert isinstance(drawing.draw, DrawCache)
    assert drawing.draw.on == (os.environ.get("ARCHGEN_TEST_REDRAW", "") in ("", "0"))


@pytest.mark.redraw
def test_a_test_marked_redraw_draws_afresh() -> None:
    assert isinstance(drawing.draw, DrawCache)
    assert not drawing.draw.on


@pytest.mark.redraw
def test_it_draws_and_keeps_the_drawing_the_checks_settle_on(counted: Counted) -> None:
    cache = DrawCache(counted)
    other = _planned("Other")
    drawn = cache(_planned(), ("svg",), lambda planned: other)
    assert drawn.dot == other.dot != _planned().dot
    assert drawn.outputs == drawing.draw(other, ("svg",)).outputs
    assert cache(other, ("svg",)).outputs == drawn.outputs
    assert counted.calls == 1


@pytest.mark.redraw
def test_the_work_meanwhile_runs_once_whether_drawn_or_kept(counted: Counted) -> None:
    cache = DrawCache(counted)
    ran: list[str] = []
    cache(_planned(), ("svg",), meanwhile=_work(ran, "drawn"))
    cache(_planned(), ("svg",), meanwhile=_work(ran, "kept"))
    assert ran == ["drawn", "kept"]
    assert counted.calls == 1


def _work(ran: list[str], name: str) -> Iterator[object]:
    ran.append(name)
    yield None
