"""The pre-commit hooks work from this repository on a sample project, as users run them.

A user names archgen with `repo:` and `rev:` in .pre-commit-config.yaml; pre-commit clones
that revision and installs archgen into an environment of its own. The tests do the same
with a one-commit copy of this checkout (uncommitted changes included), and share one
pre-commit home, so archgen is installed once for all the runs rather than once a run, as
`pre-commit try-repo` would.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from tests.conftest import ARCHITECTURES, ROOT

BIN = Path(sys.executable).parent
AUTHOR = ("-c", "user.name=t", "-c", "user.email=t@t")


def _git(project: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=project, check=True, capture_output=True)
    return done.stdout.decode("utf-8")


@dataclass(frozen=True)
class Hooks:
    """Where pre-commit finds archgen's hooks, and the home where it keeps their environment."""

    repo: Path
    rev: str
    home: Path


@pytest.fixture(scope="module")
def hooks() -> Iterator[Hooks]:
    """Commit this checkout's files as they are on disk, tracked or new, to a repository.

    The hook environment (about 100 MB) is removed after the module, not kept with the
    last runs' tmp_path folders.
    """
    with tempfile.TemporaryDirectory(prefix="archgen-pre-commit-") as folder:
        repo = Path(folder) / "repo"
        listed = _git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
        for name in filter(None, listed.split("\0")):
            source = ROOT / name
            if source.is_file():  # a tracked file deleted in the working tree is left out
                (repo / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, repo / name)
        _git(repo, "init", "-q")
        _git(repo, "add", "-A")
        _git(repo, *AUTHOR, "commit", "-qm", "snapshot")
        rev = _git(repo, "rev-parse", "HEAD").strip()
        yield Hooks(repo, rev, Path(folder) / "home")


@pytest.fixture
def project(tmp_path: Path, hooks: Hooks) -> Path:
    root = tmp_path / "course"
    (root / "architectures").mkdir(parents=True)
    shutil.copy(ARCHITECTURES / "capstone.yaml", root / "architectures" / "capstone.yaml")
    config = {
        "repos": [
            {
                "repo": str(hooks.repo),
                "rev": hooks.rev,
                "hooks": [{"id": "archgen-check"}, {"id": "archgen-render"}],
            }
        ]
    }
    (root / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    _git(root, "init", "-q")
    _git(root, *AUTHOR, "add", ".")
    _git(root, *AUTHOR, "commit", "-qm", "start")
    return root


def _run_hook(project: Path, hooks: Hooks, hook: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(hooks.home),
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
    }
    return subprocess.run(
        [str(BIN / "pre-commit"), "run", hook, "--all-files", "--color", "never"],
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


def test_check_hook_passes_a_good_design_and_fails_a_bad_one(project: Path, hooks: Hooks) -> None:
    done = _run_hook(project, hooks, "archgen-check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "archgen check" in done.stdout
    design = project / "architectures" / "capstone.yaml"
    design.write_text(
        design.read_text(encoding="utf-8").replace("multi_az: true", "multi_az: false"),
        encoding="utf-8",
    )
    failed = _run_hook(project, hooks, "archgen-check")
    assert failed.returncode == 1
    assert "AG104 db: not Multi-AZ" in failed.stdout


def test_render_hook_writes_outputs_and_fails_until_they_are_added(
    project: Path, hooks: Hooks
) -> None:
    first = _run_hook(project, hooks, "archgen-render")
    assert first.returncode == 1, first.stdout + first.stderr
    outputs = sorted(p.name for p in (project / "diagrams_out").iterdir())
    assert outputs == ["capstone.drawio", "capstone.md", "capstone.png", "capstone.svg"]
    second = _run_hook(project, hooks, "archgen-render")
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
