"""The pre-commit hooks work from this repository on a sample project, as users run them.

`pre-commit try-repo` installs archgen from the working tree into its own environment,
exactly as `repo:` in a user's .pre-commit-config.yaml would.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ARCHITECTURES, ROOT

BIN = Path(sys.executable).parent
CACHE = ROOT / ".cache" / "pre-commit"


def _git(project: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=project, check=True, capture_output=True)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "course"
    (root / "architectures").mkdir(parents=True)
    shutil.copy(ARCHITECTURES / "capstone.yaml", root / "architectures" / "capstone.yaml")
    _git(root, "init", "-q")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@t", "add", ".")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "start")
    return root


def _try_repo(project: Path, hook: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(CACHE),
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
    }
    return subprocess.run(
        [str(BIN / "pre-commit"), "try-repo", str(ROOT), hook, "--all-files", "--color", "never"],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )


def test_the_hooks_are_declared() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [hook["id"] for hook in hooks] == ["archgen-check", "archgen-render"]
    assert all(hook["language"] == "python" for hook in hooks)


def test_check_hook_passes_a_good_design_and_fails_a_bad_one(project: Path) -> None:
    done = _try_repo(project, "archgen-check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "archgen check" in done.stdout
    design = project / "architectures" / "capstone.yaml"
    design.write_text(
        design.read_text(encoding="utf-8").replace("multi_az: true", "multi_az: false"),
        encoding="utf-8",
    )
    failed = _try_repo(project, "archgen-check")
    assert failed.returncode == 1
    assert "AG104 db: not Multi-AZ" in failed.stdout


def test_render_hook_writes_outputs_and_fails_until_they_are_added(project: Path) -> None:
    first = _try_repo(project, "archgen-render")
    assert first.returncode == 1, first.stdout + first.stderr
    outputs = sorted(p.name for p in (project / "diagrams_out").iterdir())
    assert outputs == ["capstone.drawio", "capstone.md", "capstone.png", "capstone.svg"]
    second = _try_repo(project, "archgen-render")
    assert second.returncode == 0, second.stdout + second.stderr


def test_the_readme_pre_commit_snippet_names_the_hooks() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- pre-commit-config -->\n```yaml\n(.*?)```", readme, re.DOTALL)
    assert match is not None
    config = yaml.safe_load(match.group(1))
    declared = {
        hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    }
    used = {hook["id"] for repo in config["repos"] for hook in repo["hooks"]}
    assert used == declared
