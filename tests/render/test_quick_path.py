"""The quick `render --check` stays quick: after an edit that draws nothing new, with no cache."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from archgen.cli import main
from archgen.render import code_digest
from tests.conftest import ARCHITECTURES

PROBE = (
    "import sys\nfrom click.testing import CliRunner\nfrom archgen.cli import main\n"
    "r = CliRunner().invoke(main, ['render', '--check', '--out', 'out'])\n"
    "print(r.exit_code, r.output.strip(), 'pydantic' in sys.modules)\n"
)


def _project(tmp_path: Path) -> Path:
    shutil.copytree(  # the three shipped designs: the gallery would only slow this down
        ARCHITECTURES, tmp_path / "architectures", ignore=shutil.ignore_patterns("gallery")
    )
    return tmp_path


def _render(project: Path, *args: str) -> str:
    with contextlib.chdir(project):
        result = CliRunner().invoke(main, ["render", "--out", "out", *args])
    assert result.exit_code == 0, result.output
    return result.output.splitlines()[-1]


def test_a_comment_in_a_design_keeps_the_check_off_the_models(tmp_path: Path) -> None:
    """The outputs keep their stamps (nothing is redrawn), and the cache vouches for them."""
    project = _project(tmp_path)
    _render(project)
    with (project / "architectures" / "capstone.yaml").open("a", encoding="utf-8") as design:
        design.write("# a note that changes no picture\n")
    assert _render(project) == "0 written, 12 unchanged"
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        cwd=project,
        env=os.environ.copy(),
        timeout=120,
        check=False,
    )
    assert done.stdout == "0 12 outputs checked: up to date False\n", done.stderr


def test_a_vouched_output_edited_afterwards_is_stale(tmp_path: Path) -> None:
    project = _project(tmp_path)
    _render(project)
    with (project / "architectures" / "capstone.yaml").open("a", encoding="utf-8") as design:
        design.write("# a note\n")
    _render(project)
    svg = project / "out" / "capstone.svg"
    svg.write_bytes(svg.read_bytes().replace(b"Research VPC", b"Forged VPC", 1))
    with contextlib.chdir(project):
        result = CliRunner().invoke(main, ["render", "--check", "--out", "out"])
    assert result.exit_code == 1
    assert "stale: out/capstone.svg" in result.output + result.stderr


def test_without_a_usable_cache_the_code_is_digested_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _project(tmp_path)
    _render(project)
    monkeypatch.setenv("XDG_CACHE_HOME", "/proc")  # absolute, and no folder can be made there
    code_digest.package_digest.cache_clear()
    calls: list[int] = []
    digest = code_digest._digest

    def counted(sources: tuple[tuple[str, bytes], ...]) -> str:
        calls.append(len(sources))
        return digest(sources)

    monkeypatch.setattr(code_digest, "_digest", counted)
    with contextlib.chdir(project):
        result = CliRunner().invoke(main, ["render", "--check", "--out", "out"])
    code_digest.package_digest.cache_clear()
    assert result.exit_code == 0, result.output
    whole = [count for count in calls if count == max(calls)]
    assert len(whole) == 1, f"the whole package was digested {len(whole)} times"
