"""Shared fixtures: the repository's paths, and a writer of architecture files."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
ARCHITECTURES = ROOT / "architectures"

settings.register_profile("ci", derandomize=True, deadline=None, max_examples=200)
settings.load_profile("ci")

WriteArch = Callable[[str], Path]


@pytest.fixture(scope="session", autouse=True)
def _own_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep archgen's code-digest cache in the session's temporary folder, not the user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        yield


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


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "spread: the test shares no module fixture, so pytest-xdist may run it on any worker",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Keep each module on one worker (`make test` runs --dist loadgroup), the spread tests apart.

    A module's expensive fixture (the MkDocs site, the pre-commit environment, the
    rendered gallery) is then built once. The spread tests, shards of the long property
    tests, are put last: xdist hands out work in this order, so they fill the time the
    other worker spends on the last whole module.
    """
    if not config.pluginmanager.hasplugin("xdist"):
        return
    for item in items:
        if item.get_closest_marker("spread") is None:
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))
    items.sort(key=lambda item: item.get_closest_marker("spread") is not None)
