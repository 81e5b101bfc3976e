"""Folder scans read only regular architecture files of the project, never anything else."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from archgen.cli import main
from tests.conftest import ARCHITECTURES

ARCHGEN = Path(sys.executable).parent / "archgen"
GOOD = ARCHITECTURES / "employee-directory-serverless.yaml"


def _project(tmp_path: Path) -> Path:
    folder = tmp_path / "designs"
    folder.mkdir()
    shutil.copy(GOOD, folder / "good.yaml")
    return folder


def _check(*paths: Path) -> tuple[int, str]:
    """Run the real command with a deadline: a scan that hangs or eats memory fails here."""
    done = subprocess.run(
        [ARCHGEN, "check", *map(str, paths), "--fail-on", "never"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    return done.returncode, done.stdout + done.stderr


def test_a_link_to_a_device_is_refused_at_once(tmp_path: Path) -> None:
    folder = _project(tmp_path)
    (folder / "zero.yaml").symlink_to("/dev/zero")
    code, output = _check(folder)
    assert code == 2
    assert "zero.yaml" in output
    assert "symbolic link" in output


def test_a_device_named_on_the_command_line_is_not_read(tmp_path: Path) -> None:
    code, output = _check(Path("/dev/zero"))
    assert code == 2
    assert "/dev/zero:1:1: not a regular file" in output


def test_a_fifo_does_not_hang_the_run(tmp_path: Path) -> None:
    folder = _project(tmp_path)
    os.mkfifo(folder / "pipe.yaml")
    code, output = _check(folder)
    assert code == 2
    assert "pipe.yaml:1:1: not a regular file" in output


def test_a_link_outside_the_folder_is_not_followed(tmp_path: Path) -> None:
    folder = _project(tmp_path)
    secret = tmp_path / "secret.yaml"
    secret.write_text("password: hunter2\n", encoding="utf-8")
    (folder / "leak.yaml").symlink_to(secret)
    code, output = _check(folder)
    assert code == 2
    assert "hunter2" not in output
    assert "leak.yaml" in output


def test_a_link_to_a_file_inside_the_folder_is_read(tmp_path: Path) -> None:
    folder = _project(tmp_path)
    (folder / "sub").mkdir()
    (folder / "good.yaml").rename(folder / "sub" / "real.yaml")
    (folder / "alias.yaml").symlink_to(folder / "sub" / "real.yaml")
    result = CliRunner().invoke(main, ["check", str(folder / "alias.yaml")])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("hidden", [".git", ".venv", "node_modules", ".tox", "__pycache__"])
def test_hidden_and_dependency_folders_are_skipped(tmp_path: Path, hidden: str) -> None:
    folder = _project(tmp_path)
    (folder / hidden / "deep").mkdir(parents=True)
    (folder / hidden / "deep" / "broken.yaml").write_text("not: [valid\n", encoding="utf-8")
    (folder / ".archgen.yaml").write_text("select: [AG1]\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(folder)])
    assert result.exit_code == 0, result.output
    assert "1 file checked" in result.output


def test_a_link_to_a_folder_is_not_entered(tmp_path: Path) -> None:
    folder = _project(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "broken.yaml").write_text("not: [valid\n", encoding="utf-8")
    (folder / "linked").symlink_to(outside, target_is_directory=True)
    result = CliRunner().invoke(main, ["check", str(folder)])
    assert result.exit_code == 0, result.output


def test_a_file_past_the_size_limit_is_not_read_whole(tmp_path: Path) -> None:
    folder = _project(tmp_path)
    with (folder / "huge.yaml").open("wb") as stream:
        stream.truncate(64 * 1024 * 1024)
    code, output = _check(folder)
    assert code == 2
    assert "huge.yaml:1:1: file is larger than 2048 KiB" in output


def test_render_does_not_hang_on_a_fifo(tmp_path: Path) -> None:
    folder = _project(tmp_path)
    os.mkfifo(folder / "pipe.yaml")
    for check in ([], ["--check"]):
        done = subprocess.run(
            [ARCHGEN, "render", str(folder), "--out", str(tmp_path / "out"), *check],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        assert done.returncode == 2, done.stderr
        assert "pipe.yaml:1:1: not a regular file" in done.stderr
