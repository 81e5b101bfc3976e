"""A case of the hostile corpus, set up in a folder of its own and played.

A case commits files (or edits to `base.yaml`) beside a canary kept outside
its folder, then runs archgen's commands on them: the standard runs (`check`
in every format, `explain`, `render`), or the steps the case lists, which may
also tamper with an output between runs. What the runs printed is kept for
the test of the corpus to read.
"""

from __future__ import annotations

import base64
import contextlib
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner

from archgen.cli import main

CORPUS = Path(__file__).parent / "corpus"
BASE = CORPUS / "base.yaml"
ARCHGEN = Path(sys.executable).parent / "archgen"
CANARY = b"ARCHGEN-CANARY-5f0c2e9b"
FORMATS = ("text", "json", "sarif", "github", "junit")


@dataclass
class Run:
    """One command of a case, with what it printed."""

    args: list[str]
    code: int
    stdout: bytes
    stderr: bytes
    machine: bool = False
    """Its standard output is a format some program or browser parses."""


@dataclass
class Case:
    """One hostile input and what archgen must do with it."""

    name: str
    spec: dict[str, Any]
    folder: Path
    canary: Path
    runs: list[Run] = field(default_factory=list)
    tampered: set[Path] = field(default_factory=set)
    """Outputs a step damaged on purpose: archgen must call them stale, not repair them."""


def setup_case(spec: dict[str, Any], tmp_path: Path, secret: Path) -> Case:
    """Commit the case's files into a folder under `tmp_path`, with the canaries in `secret`."""
    canary = secret / "canary.png"
    canary.write_bytes(b"\x89PNG\r\n\x1a\n" + CANARY + b"\n")
    (secret / "canary.txt").write_bytes(CANARY + b": " + CANARY + b"\n")
    folder = tmp_path / "repo"
    folder.mkdir()
    case = Case(name=tmp_path.name, spec=spec, folder=folder, canary=canary)
    if "patch" in spec:
        (folder / "design.yaml").write_text(_patched(spec["patch"], canary), encoding="utf-8")
    for name, text in spec.get("files", {}).items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_fill(text, canary).encode("utf-8", "surrogateescape"))
    for name, encoded in spec.get("bytes", {}).items():
        (folder / name).write_bytes(base64.b64decode(encoded))
    for name, target in spec.get("links", {}).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).symlink_to(_fill(target, canary))
    for name in spec.get("fifos", []):
        os.mkfifo(folder / name)
    return case


GENERATED = {
    "__DIGITS__": "0" * 5000,
    "__DEEP__": "[" * 300 + "]" * 300,
    "__LONG__": "word " * 4000,
}
"""Inputs too large to write out in a case file."""


def _fill(text: str, canary: Path) -> str:
    """Return a case's text with the canaries' paths, the base design and generated parts."""
    text = text.replace("{canary}", str(canary)).replace("{base}", BASE.read_text("utf-8"))
    text = text.replace("{canary_text}", str(canary.with_name("canary.txt")))
    text = text.replace("{secret}", str(canary.parent))
    for token, value in GENERATED.items():
        text = text.replace(token, value)
    return text


def _value(value: Any, canary: Path) -> Any:
    if value == "__FLOWS__":  # more flows than letters of the alphabet
        steps = ["users", "lb", "fleet", "db"]
        return [{"name": f"Flow {index}", "steps": steps} for index in range(30)]
    return _fill(value, canary) if isinstance(value, str) else value


def _patched(patches: list[list[Any]], canary: Path) -> str:
    """Return base.yaml with each `[dotted.path, value]` set, as YAML escapes would write it."""
    design = yaml.safe_load(BASE.read_text(encoding="utf-8"))
    for dotted, value in patches:
        *parents, last = dotted.split(".")
        node = design
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        filled = _value(value, canary)
        if isinstance(node, list):
            node[int(last)] = filled
        else:
            node[last] = filled
    return yaml.safe_dump(design, sort_keys=False, allow_unicode=False, width=1000)


def _run(case: Case, args: list[str], *, real: bool, env: dict[str, str]) -> Run:
    """Run archgen in the case's folder: the real console script, or in-process when faster."""
    if real:
        done = subprocess.run(
            [ARCHGEN, *args],
            cwd=case.folder,
            capture_output=True,
            timeout=60,
            check=False,
            env={**os.environ, **env},
        )
        return Run(args, done.returncode, done.stdout, done.stderr)
    with contextlib.chdir(case.folder):  # settings come from the working folder, as in CI
        result = CliRunner().invoke(main, args, env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{args}: {result.exception!r}"
    )
    return Run(args, result.exit_code, result.stdout_bytes, result.stderr_bytes)


def standard_runs(case: Case) -> None:
    """Run check in every format, explain and render, each expected to end as the case says."""
    expect = case.spec["expect"]
    target = case.spec.get("target", "design.yaml")
    summary = case.folder / "job.summary"
    for fmt in FORMATS:
        env = {"GITHUB_STEP_SUMMARY": str(summary)} if fmt == "github" else {}
        run = _run(case, ["check", target, "--format", fmt], real=False, env=env)
        run.machine = fmt != "text"
        _expect_code(run, expect["check"])
        case.runs.append(run)
    loaded = expect["check"] != 2
    for args, key in (
        (["explain", target], "explain"),
        (["render", target, "--out", "out"], "render"),
        (["render", target, "--out", "out", "--format", "mermaid"], "mermaid"),
    ):
        run = _run(case, args, real=False, env={})
        run.machine = key == "explain"
        default = 0 if loaded else 2
        if key == "mermaid":  # as the picture does, unless the case says otherwise
            default = expect.get("render", default)
        _expect_code(run, expect.get(key, default))
        case.runs.append(run)
    if "trace" in case.spec:
        run = _run(case, ["trace", target, *case.spec["trace"]], real=False, env={})
        _expect_code(run, expect.get("trace", 0))
        case.runs.append(run)


def _expect_code(run: Run, expected: int | list[int]) -> None:
    allowed = expected if isinstance(expected, list) else [expected]
    assert run.code in allowed, (
        f"archgen {' '.join(run.args)} exited {run.code}, expected {expected}\n"
        f"{run.stdout.decode(errors='replace')[-2000:]}\n{run.stderr.decode(errors='replace')}"
    )


def explicit_runs(case: Case) -> None:
    """Play the steps the case lists: commands with their exit codes and words, or edits."""
    for step in case.spec["run"]:
        if "args" not in step:
            case.tampered.add(_edit(case.folder, step))
            continue
        args = [_fill(arg, case.canary) for arg in step["args"]]
        run = _run(case, args, real=step.get("real", False), env=step.get("env", {}))
        run.machine = step.get("machine", False)
        _expect_code(run, step["exit"])
        text = (run.stdout + run.stderr).decode("utf-8", "replace")
        for wanted in step.get("says", []):
            assert wanted in text, f"{args}: {wanted!r} not in\n{text}"
        case.runs.append(run)


_STAMP = re.compile(rb"<!-- archgen-source: [^>]* -->")


def _edit(folder: Path, step: dict[str, Any]) -> Path:
    """Tamper with an output between runs, as a forger with write access to the repository."""
    if "truncate" in step:
        path: Path = folder / step["truncate"]
        path.write_bytes(path.read_bytes()[: step["keep"]])
        return path
    if "replace" in step:
        path = folder / step["replace"]
        data = path.read_bytes()
        old, new = step["old"].encode(), step["new"].encode()
        assert old in data, f"{step['old']!r} is not in {path.name}"
        path.write_bytes(data.replace(old, new, 1))
        return path
    if "write" in step:
        path = folder / step["write"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(step["text"], encoding="utf-8")
        return path
    if "graft_stamp" in step:
        target: Path = folder / step["graft_stamp"]["stamp_of"]
        body = (folder / step["graft_stamp"]["body_of"]).read_bytes()
        stamp = _STAMP.search(target.read_bytes())
        assert stamp is not None, "the output carries no fingerprint to copy"
        target.write_bytes(_STAMP.sub(lambda _: stamp.group(0), body, count=1))
        return target
    raise AssertionError(f"unknown step {step}")
