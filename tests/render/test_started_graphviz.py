"""graphviz started before its source is known draws what a run started afterwards draws.

neato starts before dot lays out, and its text-only sizing run lays out a
warm-up graph while it waits: the page it sizes, and so every byte drawn, must
be what a sizing run given the source alone gives. Leaving the block without
drawing (dot refused, the tidy pass failed) leaves no program running and no
folder behind.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from archgen.errors import LayoutRefused, RenderError
from archgen.layout.dot import build_dot
from archgen.layout.drawing import plan
from archgen.layout.ladder import RUNGS, lay_out
from archgen.layout.laid import parse
from archgen.layout.png_bands import PNG_DPI, Box, band_sources
from archgen.layout.png_join import join_bands, ready_top
from archgen.layout.redraw import lay_out_and_draw
from archgen.layout.run import _pad, laying_out, program, run_dot, started
from archgen.layout.tidy import tidy
from archgen.loader import load_file
from tests.conftest import ARCHITECTURES

CAPSTONE = ARCHITECTURES / "capstone.yaml"
SERVERLESS = ARCHITECTURES / "employee-directory-serverless.yaml"
NEATO = [program("neato"), "-n2"]


def _tidied(path: Path) -> str:
    """Return the DOT source neato draws for a design: dot's layout, tidied."""
    planned = plan(load_file(path))
    laid = parse(lay_out(planned.scene, planned.dot, ("json",), run_dot).outputs["json"])
    tidy(planned.scene, laid)
    return build_dot(planned.scene, laid)


def _run(source: str, fmt: str) -> bytes:
    return subprocess.run(
        [*NEATO, f"-T{fmt}"], input=source.encode(), capture_output=True, check=True
    ).stdout


def _cold_box(source: str) -> Box:
    """Return the drawing's box (points) from a sizing run given nothing but the source."""
    text = _run(source, "dot").decode()
    return Box(*map(float, text.split('bb="')[1].split('"')[0].split(",")))


def _png_size(data: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("path", [CAPSTONE, SERVERLESS], ids=lambda p: p.stem)
def test_a_warmed_sizing_run_sizes_the_page_as_a_cold_one(path: Path) -> None:
    source = _tidied(path)
    box = _cold_box(source)
    width, height = box.width_inches, box.height_inches
    with started(NEATO, ("png", "svg")) as draw:
        drawn = draw(source)
    pixels = _png_size(drawn["png"])
    assert pixels == (round((width + 0.6) * PNG_DPI), round((height + 0.6) * PNG_DPI))
    assert drawn["png"][25] == 2  # colour type RGB: a whole page, no alpha channel
    assert drawn == _drawn_after_a_cold_sizing_run(source, box)


def _drawn_after_a_cold_sizing_run(source: str, box: Box) -> dict[str, bytes]:
    """Draw as archgen would without starting graphviz early: one program after the other."""
    end = source.rstrip().rfind("}")
    pad = f"{_pad(box.width_inches)},{_pad(box.height_inches)}"
    padded = f'{source[:end]}\tgraph [pad="{pad}"]\n{source[end:]}'
    top, bottom = band_sources(padded, box)
    png = join_bands(ready_top(_run(top, "png")), _run(bottom, "png"))
    return {"png": png, "svg": _run(padded, "svg")}


@pytest.fixture
def own_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Give graphviz's runs the test's own folder as their temporary folder, to see it emptied."""
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)


@pytest.mark.usefixtures("own_temp")
def test_leaving_without_drawing_stops_graphviz_and_removes_its_folder(tmp_path: Path) -> None:
    seen: list[subprocess.Popen[bytes]] = []
    folders: list[Path] = []

    def abandon() -> None:
        with started(NEATO, ("png", "svg")) as draw:
            drawing, png, _ = draw.started()  # type: ignore[attr-defined]
            bands = (png.bands.top.program, png.bands.bottom.program)
            seen.extend([drawing.process, png.sizing, *(band.process for band in bands)])
            folders.extend(tmp_path.iterdir())
            raise RenderError("dot refused")

    with pytest.raises(RenderError, match="dot refused"):
        abandon()
    assert len(seen) == 4  # the drawing, the sizing run and the PNG's two bands
    assert [folder.name[:8] for folder in folders] == ["archgen-"]
    assert all(process.returncode is not None for process in seen)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_layout_reaches_the_caller_through_the_started_drawing() -> None:
    scene = plan(load_file(SERVERLESS)).scene

    def refused() -> bytes:
        raise RenderError("graphviz refused every layout")

    with pytest.raises(RenderError, match="refused every layout"):
        lay_out_and_draw(scene, refused, ("png",))


def test_a_program_that_stops_at_once_is_a_refusal_not_a_broken_pipe() -> None:
    """A graphviz that ends before reading its warm-up graph is told by its exit status."""
    stops = shutil.which("false")
    assert stops is not None
    with pytest.raises(LayoutRefused), started([stops], ("png",)) as draw:
        draw("digraph { }")


def test_a_layout_started_on_its_source_gives_what_a_run_given_it_gives() -> None:
    source = plan(load_file(CAPSTONE)).dot
    with laying_out([program("dot")], source, ("json", "svg")) as collect:
        early = collect()
    assert early == run_dot(source, ("json", "svg"))


@pytest.mark.usefixtures("own_temp")
def test_a_started_layout_left_uncollected_stops_dot_and_removes_its_folder(tmp_path: Path) -> None:
    seen: list[subprocess.Popen[bytes]] = []
    folders: list[Path] = []
    with laying_out([program("dot")], plan(load_file(CAPSTONE)).dot, ("json",)) as collect:
        seen.extend(a for a in collect.args if isinstance(a, subprocess.Popen))  # type: ignore[attr-defined]
        folders.extend(tmp_path.iterdir())
    assert len(seen) == 1
    assert [folder.name[:8] for folder in folders] == ["archgen-"]
    assert seen[0].returncode is not None
    assert list(tmp_path.iterdir()) == []


def test_a_started_layout_graphviz_refuses_is_a_refusal_the_ladder_climbs_past() -> None:
    stops = shutil.which("false")
    assert stops is not None
    with pytest.raises(LayoutRefused), laying_out([stops], "digraph { }", ("json",)) as collect:
        collect()
    scene = plan(load_file(SERVERLESS)).scene
    with laying_out([stops], "digraph { }", ("json",)) as refused:
        laid = lay_out(scene, build_dot(scene), ("json",), run_dot, refused)
    assert laid.rung == RUNGS[1].name
    assert laid.outputs == run_dot(RUNGS[1].source(scene), ("json",))
