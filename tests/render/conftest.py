"""Outputs of the shipped designs, made once a module by the unedited package."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from archgen.cli import main
from tests.conftest import ROOT
from tests.render.edited_package import SHIPPED


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Render the shipped architectures with the unedited package; return the outputs.

    In this process: the package under test is the unedited one, and the pictures
    come from the session's drawings (tests/draw_cache.py), the real graphviz's.
    The edited copies the tests compare against them run in processes of their own.
    """
    out = tmp_path_factory.mktemp("made") / "out"
    with contextlib.chdir(ROOT):
        result = CliRunner().invoke(main, ["render", *SHIPPED, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture
def out(made: Path, tmp_path: Path) -> Path:
    """Return a copy of the outputs, modification times kept, for one test."""
    return Path(shutil.copytree(made, tmp_path / "out"))
