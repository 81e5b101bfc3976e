"""The hostile corpus: what a stranger's pull request can put in front of archgen.

Each file in `corpus/` holds the cases of one class of attack, each case with
the files it commits (or edits to `base.yaml`), the commands archgen runs on
them and their expected exit codes. Whatever a case expects, every output of
every run (standard output and error, and every file the runs leave behind)
must show none of these:

- the bytes of a canary file that lies outside the case's folder, raw or in
  base64 (an SVG inlines files that way);
- in anything a browser or XML parser reads (Markdown, SVG, draw.io, JUnit,
  JSON, SARIF, the job summary): a raw `<script`, an event-handler attribute
  or a `javascript:` URL;
- a line starting with `::` (a GitHub workflow command), except the
  annotations `--format github` writes itself, exactly one per finding, and
  `##[` anywhere (a legacy command);
- a control character other than a newline in standard output or error;
- a traceback, or exit code 3 (a failure of archgen itself).

Files named in a case's `unchanged` must keep their bytes through the runs.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from click.testing import CliRunner

from archgen.cli import main

CORPUS = Path(__file__).parent / "corpus"
BASE = CORPUS / "base.yaml"
ARCHGEN = Path(sys.executable).parent / "archgen"
CANARY = b"ARCHGEN-CANARY-5f0c2e9b"
FORMATS = ("text", "json", "sarif", "github", "junit")

_SCRIPT = re.compile(rb"<\s*script", re.IGNORECASE)
_CONTROL = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]")
_ANNOTATION = re.compile(r"::(error|warning|notice) file=[^\n:]*,line=\d+,col=\d+,title=[^\n:]*::")
_MARKUP_SUFFIXES = (
    ".md",
    ".svg",
    ".drawio",
    ".mmd",
    ".xml",
    ".json",
    ".sarif",
    ".html",
    ".summary",
)


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


def _cases() -> Iterator[Any]:
    for path in sorted(CORPUS.glob("[0-9]*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, spec in document["cases"].items():
            yield pytest.param(spec, id=f"{path.stem}:{name}")


@pytest.fixture
def secret() -> Iterator[Path]:
    """Yield an empty folder outside the case's, with as short a path as the system allows.

    Cases write the canary's path into fields of at most 200 characters, up to twice;
    under pytest's tmp_path (longer still under pytest-xdist or a long TMPDIR) such a
    field would be refused as too long, and the attack it carries never tried.
    """
    with tempfile.TemporaryDirectory(prefix="ag-") as folder:
        yield Path(folder)


def _setup(spec: dict[str, Any], tmp_path: Path, secret: Path) -> Case:
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


def _standard_runs(case: Case) -> None:
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


def _explicit_runs(case: Case) -> None:
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


@pytest.mark.parametrize("spec", list(_cases()))
def test_hostile_input(spec: dict[str, Any], tmp_path: Path, secret: Path) -> None:
    case = _setup(spec, tmp_path, secret)
    before = {name: (case.folder / name).read_bytes() for name in spec.get("unchanged", [])}
    if "run" in spec:
        _explicit_runs(case)
    else:
        _standard_runs(case)
    for name, data in before.items():
        assert (case.folder / name).read_bytes() == data, f"{name} was changed"
    for name in spec.get("absent", []):
        assert not (case.folder / name).exists(), f"{name} is there"
    assert case.canary.read_bytes().endswith(CANARY + b"\n"), "a file outside was changed"
    assert case.canary.with_name("canary.txt").read_bytes().endswith(CANARY + b"\n")
    assert sorted(p.name for p in case.canary.parent.iterdir()) == ["canary.png", "canary.txt"]
    for run in case.runs:
        _assert_safe_stream(run)
    _assert_annotations(case)
    for path in sorted(case.folder.rglob("*")):
        if path.is_file() and not path.is_symlink() and path.stat().st_size < 32 * 2**20:
            _assert_safe_file(path, path.read_bytes(), inputs=_inputs(case) | case.tampered)


def _inputs(case: Case) -> set[Path]:
    named = {*case.spec.get("files", {}), *case.spec.get("links", {}), *case.spec.get("fifos", [])}
    if "patch" in case.spec:
        named.add("design.yaml")
    return {case.folder / name for name in named}


def _leaks(data: bytes) -> bool:
    """Tell whether `data` holds the canary, as it is or base64-encoded at any alignment."""
    if CANARY in data:
        return True
    for shift in range(3):
        chunk = base64.b64encode(b"\0" * shift + CANARY)[4:-4]
        if chunk in data:
            return True
    return False


def _assert_safe_stream(run: Run) -> None:
    where = " ".join(run.args)
    assert run.code != 3, f"{where}: archgen failed\n{run.stderr.decode(errors='replace')}"
    for name, data in (("stdout", run.stdout), ("stderr", run.stderr)):
        assert not _leaks(data), f"{where} {name}: canary bytes"
        assert b"Traceback" not in data, f"{where} {name}: traceback"
        control = _CONTROL.search(data)
        assert control is None, f"{where} {name}: control character {control.group()!r}"
        assert b"##[" not in data, f"{where} {name}: a legacy workflow command"
    if run.machine:
        _assert_no_markup(run.stdout, where)
        if run.args[:1] == ["explain"]:
            _assert_no_markup(markdown.markdown(run.stdout.decode()).encode(), f"{where} (HTML)")


def _assert_annotations(case: Case) -> None:
    """Only `--format github` starts a line with `::`, once for each finding or problem."""
    counts = _expected_annotations(case)
    for run in case.runs:
        for name, data in (("stdout", run.stdout), ("stderr", run.stderr)):
            lines = [line for line in data.decode("utf-8", "replace").split("\n")]
            commands = [line for line in lines if line.lstrip().startswith("::")]
            if run.args[:1] == ["check"] and "github" in run.args and name == "stdout":
                assert all(_ANNOTATION.match(line) for line in commands), commands
                if counts is not None:
                    assert len(commands) == counts, f"{len(commands)} annotations for {counts}"
            else:
                assert not commands, f"{' '.join(run.args)} {name}: workflow command {commands}"


def _expected_annotations(case: Case) -> int | None:
    """Return how many findings or problems the JSON run of the case reported."""
    for run in case.runs:
        if run.args[:1] == ["check"] and "json" in run.args and run.stdout:
            report = json.loads(run.stdout)
            if "errors" in report:
                return len(report["errors"])
            return sum(1 for finding in report["findings"] if not finding["suppressed"])
    return None


def _assert_safe_file(path: Path, data: bytes, inputs: set[Path]) -> None:
    if path in inputs:
        return
    assert not _leaks(data), f"{path.name}: canary bytes"
    if path.suffix in _MARKUP_SUFFIXES and path.suffix != ".drawio":  # values checked below
        _assert_no_markup(data, path.name)
    if path.suffix == ".md":
        _assert_no_markup(markdown.markdown(data.decode()).encode(), f"{path.name} (HTML)")
    if path.suffix in (".svg", ".drawio", ".xml"):
        root = ET.fromstring(data)  # noqa: S314 (archgen's own output; it must parse)
        if path.suffix == ".drawio":
            for cell in root.iter("mxCell"):
                _assert_no_markup(cell.get("value", "").encode(), f"{path.name} cell value")


class _Tags(HTMLParser):
    """Collect what a browser would obey in a page: tags, event handlers, script URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.found.append("a <script> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"an event handler {name}= on <{tag}>")
            cleaned = re.sub(r"[\x00-\x20]", "", value or "").lower()
            if name in _LINKS and cleaned.startswith(_SCRIPT_SCHEMES):
                self.found.append(f"a script URL in <{tag} {name}=...>")


_LINKS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background"}
_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:text/html")


def _assert_no_markup(data: bytes, where: str) -> None:
    found = _SCRIPT.search(data)
    assert found is None, (
        f"{where}: raw <script: {data[max(0, found.start() - 80) : found.end() + 80]!r}"
    )
    parser = _Tags()
    parser.feed(data.decode("utf-8", "replace"))
    parser.close()
    assert not parser.found, f"{where}: {parser.found}"
