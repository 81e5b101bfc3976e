"""dot started ahead of its source: the first layout takes it, a render stops one left over."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from archgen.cli import main
from archgen.layout import layout_ahead
from archgen.layout.drawing import plan
from archgen.layout.run import laying_out, program, run_dot
from archgen.loader import load_file
from tests.conftest import ARCHITECTURES
from tests.fake_dot import programs_on_path

pytestmark = pytest.mark.redraw  # its subject is how graphviz is run: never a kept drawing

CAPSTONE = ARCHITECTURES / "capstone.yaml"


@pytest.fixture(autouse=True)
def _none_left_waiting() -> Iterator[None]:
    """Stop what a failed test left waiting, so that no other test's layout takes it."""
    yield
    layout_ahead.stop_waiting()


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
        assert layout_ahead._WAITING == {}  # taken, once
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
    own_temp: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that does not load: dot was started ahead for it, and is stopped."""
    started: list[subprocess.Popen[bytes]] = []
    start_ahead = layout_ahead.start_ahead

    def noting(command: list[str], formats: tuple[str, ...]) -> None:
        start_ahead(command, formats)
        started.extend(ahead.process for ahead in layout_ahead._WAITING.values())

    monkeypatch.setattr(layout_ahead, "start_ahead", noting)
    broken = tmp_path / "broken.yaml"
    broken.write_text("archgen: 1\nname: broken\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(broken), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert len(started) == 1
    assert started[0].returncode is not None
    assert layout_ahead._WAITING == {}
    assert list(own_temp.iterdir()) == []


def _recording_dot(tmp_path: Path) -> tuple[str, Path]:
    """Return a PATH whose `dot` notes its format and what its input is, then runs graphviz's own.

    Its input is a pipe when it was started ahead of its source, a file otherwise.
    """
    seen = tmp_path / "dot-runs"
    real = program("dot")
    script = (
        f"#!{sys.executable}\n"
        "import os, stat, sys\n"
        "given = 'pipe' if stat.S_ISFIFO(os.fstat(0).st_mode) else 'file'\n"
        f"with open({str(seen)!r}, 'a') as seen:\n"
        "    seen.write(sys.argv[1] + ' ' + given + '\\n')\n"
        f"os.execv({real!r}, [{real!r}, *sys.argv[1:]])\n"
    )
    return programs_on_path(tmp_path, {"dot": script}), seen


@pytest.mark.parametrize(("formats", "runs"), [("md", []), ("png", ["-Tjson pipe"])])
def test_a_render_starts_dot_only_when_it_lays_a_picture_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, formats: str, runs: list[str]
) -> None:
    """The explanation alone is laid out nowhere: no dot is started for it, ahead or not."""
    path, seen = _recording_dot(tmp_path)
    monkeypatch.setenv("PATH", path)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["render", str(CAPSTONE), "--format", formats, "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert (out / f"capstone.{formats}").is_file()
    assert (seen.read_text(encoding="utf-8").split("\n")[:-1] if seen.exists() else []) == runs
