"""Outputs of the shipped designs, made once a module by the unedited package."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.render.edited_package import PACKAGE, SHIPPED, run_archgen


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Render the shipped architectures with the unedited package; return the outputs."""
    out = tmp_path_factory.mktemp("made") / "out"
    done = run_archgen(PACKAGE.parent, "render", *SHIPPED, "--out", str(out))
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture
def out(made: Path, tmp_path: Path) -> Path:
    """Return a copy of the outputs, modification times kept, for one test."""
    return Path(shutil.copytree(made, tmp_path / "out"))
