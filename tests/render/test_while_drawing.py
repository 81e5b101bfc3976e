"""What a render makes while graphviz draws: the explanation and the fingerprints.

The explanation is made while neato draws the pictures, then judged stale or
current as if made first: only a stale one is written. A design whose
explanation cannot be made keeps every output as it was, each view's.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from archgen.cli import main
from archgen.commands import freshness
from archgen.commands.render_plan import Job, Run, meanwhile, planned
from archgen.layout.drawing import draw, plan
from archgen.layout.run import program
from archgen.layout.spare_work import UNTIL_DRAWN, finish_spare
from archgen.loader import load_file
from archgen.rules.config import RunConfig
from tests.conftest import ARCHITECTURES
from tests.fake_dot import programs_on_path

pytestmark = pytest.mark.redraw  # its subject is how graphviz is run: never a kept drawing

CAPSTONE = ARCHITECTURES / "capstone.yaml"


def _render(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["render", str(CAPSTONE), *args])
    return result.exit_code, result.stdout, result.stderr


def _contents(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir()}


def test_an_explanation_made_while_pictures_are_drawn_is_written_only_when_stale(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    assert _render("--out", str(out))[0] == 0
    before = _contents(out)
    (out / "capstone.png").unlink()
    assert _render("--out", str(out))[:2] == (
        0,
        f"wrote {out / 'capstone.png'}\n1 written, 3 unchanged\n",
    )
    assert _contents(out) == before
    for name in ("capstone.png", "capstone.svg"):
        (out / name).unlink()
    (out / "capstone.md").write_bytes(before["capstone.md"] + b"edited\n")
    code, stdout, _ = _render("--out", str(out))
    written = [f"wrote {out / name}" for name in ("capstone.png", "capstone.svg", "capstone.md")]
    assert (code, stdout.splitlines()) == (0, [*written, "3 written, 1 unchanged"])
    assert _contents(out) == before


def test_an_explanation_that_fails_while_pictures_are_drawn_keeps_every_view(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    assert _render("--out", str(out))[0] == 0
    assert _render("--out", str(out), "--view", "network")[0] == 0
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "explanation.md.j2").write_text("{{ broken\n", encoding="utf-8")
    for name in ("capstone.png", "capstone.network.png"):
        (out / name).unlink()
    before = _contents(out)
    code, stdout, stderr = _render("--out", str(out), "--templates", str(templates))
    assert (code, stdout) == (2, "0 written, 0 unchanged\n")
    assert stderr.startswith(f"{CAPSTONE}: {templates / 'explanation.md.j2'}:1: ")
    assert _contents(out) == before


def _slow_dot_and_recording_neato(tmp_path: Path) -> str:
    """Return a PATH whose `dot` waits a second first, and whose `neato` notes it has its source.

    dot notes `dot done` in `seen` once graphviz's own has laid out; neato
    appends its options once it has read the whole source.
    """
    seen = tmp_path / "bin" / "seen"
    dot, neato = program("dot"), program("neato")
    slow_dot = (
        f"#!{sys.executable}\n"
        "import os, subprocess, sys, time\n"
        "time.sleep(1)\n"
        f"done = subprocess.run([{dot!r}, *sys.argv[1:]])\n"
        f"with open({str(seen)!r}, 'a') as seen:\n"
        "    seen.write('dot done\\n')\n"
        "os._exit(done.returncode)  # at once: the note and the end are one moment\n"
    )
    recording_neato = (
        f"#!{sys.executable}\n"
        "import subprocess, sys\n"
        "source = sys.stdin.buffer.read()\n"
        f"with open({str(seen)!r}, 'a') as seen:\n"
        "    seen.write(' '.join(sys.argv[1:3]) + '\\n')\n"
        f"done = subprocess.run([{neato!r}, *sys.argv[1:]], input=source)\n"
        "sys.exit(done.returncode)\n"
    )
    return programs_on_path(tmp_path, {"dot": slow_dot, "neato": recording_neato})


def test_the_work_meanwhile_is_done_while_dot_lays_out_and_the_rest_once_neato_draws(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Here dot takes a second more: the first pieces are done meanwhile, up to `UNTIL_DRAWN`.

    Once dot is done, what is left waits for neato to have the tidied source
    (a piece or two may start while dot's wrapper ends, before the look that
    sees it ended); whatever follows `UNTIL_DRAWN` waits for it even while dot
    lays out.
    """
    planned = plan(load_file(CAPSTONE))
    monkeypatch.setenv("PATH", _slow_dot_and_recording_neato(tmp_path))
    seen = tmp_path / "bin" / "seen"
    told: list[tuple[str, str]] = []

    def work() -> Iterator[object]:
        for kind, pieces in (("layout", 400), ("drawing", 3)):
            for _ in range(pieces):
                now = _lines(seen)
                when = "drawn" if "-n2 -Tjson" in now else "between" if now else "laying out"
                told.append((kind, when))
                time.sleep(0.005)
                yield None
            yield UNTIL_DRAWN

    drawing = draw(planned, ("json",), meanwhile=work())
    assert told[0] == ("layout", "laying out")
    assert [when for _, when in told].count("between") <= 2
    assert {when for kind, when in told if kind == "drawing"} == {"drawn"}
    assert ("layout", "drawn") in told  # 400 pieces outlast the slow layout: the rest wait
    assert len(told) == 403
    assert drawing.outputs["json"].startswith(b"{")


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def _planned_jobs(out: Path) -> list[Job]:
    """Plan the capstone's default outputs into `out` as a render does, with no settings file."""
    arch = load_file(CAPSTONE)
    run = Run(out, ("png", "svg", "md"), False, False, False, 1, None, None)
    inputs = freshness.Inputs(freshness.source_bytes(arch), b"", b"")
    failed: list[str] = []
    jobs = planned(arch, out, run, RunConfig(), inputs, failed)
    assert failed == []
    return jobs


def test_the_explanation_and_stamps_wait_for_graphviz_only_when_a_picture_is_drawn(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    assert _render("--out", str(out))[0] == 0
    png = (out / "capstone.png").read_bytes()
    (out / "capstone.png").unlink()
    (job,) = _planned_jobs(out)
    assert (job.formats, "md" in job.ready, set(job.stamps)) == (("png", "md"), False, {"svg"})
    finish_spare(meanwhile(job))
    assert job.ready["md"].data == (out / "capstone.md").read_bytes().split(b"\n<!-- archgen")[0]
    assert set(job.stamps) == {"png", "svg", "md"}
    (out / "capstone.png").write_bytes(png)
    (current,) = _planned_jobs(out)  # no picture to draw: the explanation is made and judged now
    assert (current.formats, current.explain) == ((), None)
