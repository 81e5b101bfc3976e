"""A render stopped at any moment leaves all the old outputs or all the new ones.

The real console script renders five small architectures (twenty outputs) over
the outputs of their previous version, and is sent SIGINT, SIGTERM or SIGKILL at
many moments of its run: while it starts, draws, stages and commits. After
SIGINT or SIGTERM the folder holds no working files; SIGKILL amid the renames
leaves some new outputs in place and the rest staged, and the next run that
writes finishes them (or discards an incomplete staging) before anything else.
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from archgen.cli import main
from archgen.commands.output_folder import COMPLETE_MARKER, STAGING_PREFIX

SCRIPT = Path(sys.executable).parent / "archgen"
NAMES = ("directory", "orders", "payments", "photos", "search")
"""Five small designs, twenty outputs: the moments tested are the run's, not the pictures'."""
DESIGN = """archgen: 1
name: {name}
title: The {name} service
region: us-east-1
resources:
  users: {{type: client, label: Users}}
  api: {{type: api_gateway, label: {name} API, kind: http}}
  handler: {{type: lambda, label: {name} handler}}
  table: {{type: dynamodb, label: {name} table}}
connections:
  - {{from: users, to: api, protocol: https, label: calls}}
  - {{from: api, to: handler, protocol: https}}
  - {{from: handler, to: table, protocol: https, label: reads and writes}}
"""
NEW_RESOURCE = "resources:\n  auditors: {type: client, label: Auditors}\n"


@dataclass(frozen=True)
class Project:
    """A folder with architectures in their new version and both versions' outputs."""

    root: Path
    old: dict[str, bytes]
    new: dict[str, bytes]
    started: float
    """Seconds from launch until a render has taken over SIGINT and SIGTERM."""
    seconds: float
    """Seconds a whole render of the new version over the old outputs takes."""


def _write_sources(folder: Path, *, new: bool) -> None:
    folder.mkdir(exist_ok=True)
    for name in NAMES:
        text = DESIGN.format(name=name)
        if new:
            text = text.replace("resources:\n", NEW_RESOURCE, 1)
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")


def _start(root: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(SCRIPT), "render", "archs", "--out", "out"],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _catches_sigterm(pid: int) -> bool:
    """Read from Linux whether the process handles SIGTERM itself (Python does not, by default)."""
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        if line.startswith("SigCgt:"):
            return bool(int(line.split()[1], 16) >> (signal.SIGTERM - 1) & 1)
    return False


def _taken_over(process: subprocess.Popen[bytes]) -> bool:
    """Wait until the run handles SIGTERM, so that a signal tests archgen, not Python's start."""
    while process.poll() is None:
        try:
            if _catches_sigterm(process.pid):
                return True
        except FileNotFoundError:  # it ended between poll() and the read
            break
        time.sleep(0.001)
    return False


def _finish(process: subprocess.Popen[bytes]) -> tuple[int, str]:
    _, stderr = process.communicate(timeout=120)
    return process.returncode, stderr.decode("utf-8", "replace")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _visible(folder: Path) -> dict[str, bytes]:
    return {name: data for name, data in _files(folder).items() if not name.startswith(".")}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = tmp_path_factory.mktemp("project")
    _write_sources(root / "archs", new=False)
    assert _finish(_start(root))[0] == 0
    old = _files(root / "out")
    _write_sources(root / "archs", new=True)
    began = time.monotonic()
    process = _start(root)
    assert _taken_over(process), "a render must handle SIGTERM to clean up after itself"
    started = time.monotonic() - began
    code, stderr = _finish(process)
    seconds = time.monotonic() - began
    assert code == 0, stderr
    new = _files(root / "out")
    assert len(old) == len(new) == 20
    assert all(old[name] != new[name] for name in old), "every output must change"
    return Project(root, old, new, started, seconds)


def _reset(project: Project) -> Path:
    """Put the old outputs back, as the folder was before the run to interrupt."""
    out = project.root / "out"
    shutil.rmtree(out)
    out.mkdir()
    for name, data in project.old.items():
        (out / name).write_bytes(data)
    return out


def _signal(process: subprocess.Popen[bytes], signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # it finished first: that moment counts too
        process.send_signal(signum)


def _moments(project: Project, offset: float) -> Iterator[float]:
    """Spread the signals over the run after its start, each signal at its own moments."""
    for step in range(6):
        yield (project.seconds - project.started) * (offset + 0.18 * step)


@pytest.mark.parametrize(
    ("signum", "offset"), [(signal.SIGINT, 0.0), (signal.SIGTERM, 0.07)], ids=["int", "term"]
)
def test_an_interrupted_render_is_all_old_or_all_new(
    project: Project, signum: int, offset: float
) -> None:
    for delay in _moments(project, offset):
        out = _reset(project)
        process = _start(project.root)
        assert _taken_over(process)
        time.sleep(delay)
        _signal(process, signum)
        code, stderr = _finish(process)
        after = _files(out)
        assert after in (project.old, project.new), f"a mix {delay:.2f}s after the start"
        assert sorted(p.name for p in out.iterdir()) == sorted(project.old), "working files left"
        if after == project.old:
            assert code == 128 + signum, (delay, code, stderr)
            assert stderr == "interrupted: no output was changed\n"


def _names(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir()]


def _when_staging(out: Path, process: subprocess.Popen[bytes]) -> None:
    """Wait until the run stages its outputs (or ends)."""
    while process.poll() is None:
        if any(name.startswith(STAGING_PREFIX) for name in _names(out)):
            return
        time.sleep(0.0002)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_a_render_stopped_while_staging_is_all_old_or_all_new(
    project: Project, signum: int
) -> None:
    out = _reset(project)
    process = _start(project.root)
    _when_staging(out, process)
    _signal(process, signum)
    _, stderr = _finish(process)
    _assert_old_new_or_finishable(project, out)
    if signum != signal.SIGKILL:
        assert "Traceback" not in stderr
        assert sorted(p.name for p in out.iterdir()) == sorted(project.old), "working files left"
    _rerun_finishes(project, out)


def _assert_old_new_or_finishable(project: Project, out: Path) -> None:
    """Assert all old or all new outputs, or a kill amid the renames that the next run finishes.

    Nothing can rename twenty files at once, so SIGKILL between two renames
    leaves some new outputs in place; the rest wait in the complete staging
    folder, and the next run that writes moves them before anything else.
    """
    shown = _visible(out)
    if shown in (project.old, project.new):
        return
    (staging,) = [p for p in out.iterdir() if p.name.startswith(STAGING_PREFIX)]
    assert (staging / COMPLETE_MARKER).is_file(), "a mix that nothing will finish"
    waiting = {name: data for name, data in _files(staging).items() if name != COMPLETE_MARKER}
    assert {**shown, **waiting} == project.new
    assert set(shown) == set(project.old)


def _rerun_finishes(project: Project, out: Path) -> None:
    """Run the next render, in this process: what it finds matters here, not how it ends."""
    code, said = _run(project)
    assert code == 0, said
    assert _files(out) == project.new
    assert sorted(p.name for p in out.iterdir()) == sorted(project.new)


def test_a_killed_render_is_all_old_or_all_new_and_the_next_run_cleans_up(
    project: Project,
) -> None:
    for delay in _moments(project, 0.04):
        out = _reset(project)
        process = _start(project.root)
        time.sleep(project.started + delay)
        _signal(process, signal.SIGKILL)
        _finish(process)
        _assert_old_new_or_finishable(project, out)
        _rerun_finishes(project, out)


# --- what a killed run leaves, and what the next run makes of it -------------------------


def _leave_staging(project: Project, *, complete: bool, moved: int) -> Path:
    """Leave the folder as a run killed after staging (and moving `moved` files) would."""
    out = _reset(project)
    staging = out / f"{STAGING_PREFIX}killed"
    staging.mkdir()
    for name, data in project.new.items():
        (staging / name).write_bytes(data)
    if complete:
        (staging / COMPLETE_MARKER).write_bytes(b"")
    for name in sorted(project.new)[:moved]:
        (staging / name).replace(out / name)
    return staging


def _run(project: Project, *args: str) -> tuple[int, str]:
    with contextlib.chdir(project.root):
        result = CliRunner().invoke(main, ["render", "archs", "--out", "out", *args])
    return result.exit_code, result.stdout.splitlines(keepends=True)[-1]


def test_a_complete_staging_folder_is_rolled_forward_by_the_next_run(project: Project) -> None:
    staging = _leave_staging(project, complete=True, moved=7)
    # 13 outputs not moved yet, and the staging folder itself, which --check names too
    assert _run(project, "--check") == (1, "21 outputs checked: 14 stale\n")
    assert staging.is_dir(), "--check writes nothing, not even a recovery"
    assert _run(project) == (0, "0 written, 20 unchanged\n")
    assert not staging.exists()
    assert _files(project.root / "out") == project.new


def test_an_incomplete_staging_folder_is_removed_by_the_next_run(project: Project) -> None:
    """A run killed while staging: the new outputs it staged must not be used."""
    staging = _leave_staging(project, complete=False, moved=0)
    (staging / "orders.svg").unlink()
    assert _run(project, "--check") == (1, "21 outputs checked: 21 stale\n")
    assert _run(project) == (0, "20 written, 0 unchanged\n")
    assert not staging.exists()
    assert _files(project.root / "out") == project.new
