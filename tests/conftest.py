"""Shared fixtures: the repository's paths, and a writer of architecture files."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from archgen.layout import drawing
from tests import scheduling
from tests.draw_cache import DrawCache

ROOT = Path(__file__).resolve().parent.parent
ARCHITECTURES = ROOT / "architectures"

settings.register_profile("ci", derandomize=True, deadline=None, max_examples=200)
settings.load_profile("ci")

WriteArch = Callable[[str], Path]

_DRAWN_ONCE = DrawCache(drawing.draw)
_SESSION_PATCH = pytest.MonkeyPatch()
_SESSION_PATCH.setattr(drawing, "draw", _DRAWN_ONCE)
"""In place when this file is loaded, before any test module is: a module that imports `draw`
by name gets the session's drawings too."""


@pytest.fixture(scope="session", autouse=True)
def _own_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep archgen's code-digest cache in the session's temporary folder, not the user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(scope="session", autouse=True)
def _drawn_once() -> Iterator[DrawCache]:
    """Keep what graphviz drew for the session (tests/draw_cache.py): each picture once."""
    try:
        yield _DRAWN_ONCE
    finally:
        _SESSION_PATCH.undo()


@pytest.fixture(autouse=True)
def _redraw_when_marked(request: pytest.FixtureRequest, _drawn_once: DrawCache) -> Iterator[None]:
    """Draw afresh in a test marked `redraw`: it proves two drawings come out alike."""
    if request.node.get_closest_marker("redraw") is None:
        yield
        return
    was, _drawn_once.on = _drawn_once.on, False
    try:
        yield
    finally:
        _drawn_once.on = was


@pytest.fixture
def write_arch(tmp_path: Path) -> WriteArch:
    """Return a function that writes YAML text to a new file and returns its path."""
    counter = iter(range(1000))

    def write(text: str) -> Path:
        path = tmp_path / f"arch{next(counter)}.yaml"
        path.write_text(text, encoding="utf-8")
        return path

    return write


def run_console_script(setup: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `archgen ARGS` through the real console entry point after `setup` (Python code).

    The entry point ends the process itself, so what it does at exit (status,
    atexit handlers, a one-line failure) is seen only from another process.
    """
    argv = ["archgen", *args]
    code = f"{setup}\nimport sys, archgen.cli\nsys.argv = {argv!r}\narchgen.cli.run()\n"
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )


def python_output(code: str) -> str:
    """Return what `code` prints when run by a new Python process in the project's folder.

    What a process imports or builds at start is only seen from one that has
    done nothing else yet.
    """
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return done.stdout


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "spread: the test shares no module fixture, so pytest-xdist may run it on any worker",
    )
    config.addinivalue_line(
        "markers",
        "redraw: the test draws afresh, past the session's drawings (tests/draw_cache.py)",
    )


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object | None:
    """Deal out whole modules, costliest first, under `--dist loadgroup` (`make test`)."""
    if config.getvalue("dist") != "loadgroup":
        return None
    return scheduling.ModuleScheduling(config, log)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Put the costliest modules and shards first: the workers hand the tests on in this order."""
    scheduling.order(items)
