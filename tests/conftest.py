"""Shared fixtures: the repository's paths, and a writer of architecture files."""

from __future__ import annotations

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
