"""dot started ahead of its source: the first layout takes it, a render stops one left over."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from archgen.cli import main
from archgen.layout import layout_ahead
from archgen.layout.drawing import plan
from archgen.layout.run import laying_out, program, run_dot
from archgen.loader import load_file
from tests.conftest import ARCHITECTURES

pytestmark = pytest.mark.redraw  # its subject is how graphviz is run: never a kept drawing

CAPSTONE = ARCHITECTURES / "capstone.yaml"


@pytest.fixture
def own_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Give graphviz's runs a folder of the test's own as their temporary folder, to see it."""
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr("tempfile.tempdir", None)
    return temp


def test_the_first_layout_takes_the_program_started_ahead_and_lays_out_as_a_new_one(
    own_temp: Path,
) -> None:
    source = plan(load_file(CAPSTONE)).dot
    dot = [program("dot")]
    layout_ahead.start_ahead(dot, ("json",))
    waiting = layout_ahead._WAITING[(tuple(dot), ("json",))]
    with laying_out(dot, source, ("json",)) as collect:
        assert layout_ahead.take(dot, ("json",)) is None  # taken, once
        outputs = collect()
    assert waiting.process.returncode == 0
    assert outputs == run_dot(source, ("json",))
    assert list(own_temp.iterdir()) == []


def test_a_program_no_layout_took_is_stopped_and_its_folder_removed(own_temp: Path) -> None:
    layout_ahead.start_ahead([program("dot")], ("json",))
    (waiting,) = layout_ahead._WAITING.values()
    assert [folder.name[:8] for folder in own_temp.iterdir()] == ["archgen-"]
    layout_ahead.stop_waiting()
    assert waiting.process.returncode is not None
    assert list(own_temp.iterdir()) == []


def test_a_render_that_draws_nothing_leaves_no_program_and_no_folder(
    own_temp: Path, tmp_path: Path
) -> None:
    """A file that does not load: dot was started ahead for it, and is stopped."""
    broken = tmp_path / "broken.yaml"
    broken.write_text("archgen: 1\nname: broken\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(broken), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert layout_ahead._WAITING == {}
    assert list(own_temp.iterdir()) == []
