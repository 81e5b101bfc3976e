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
import json
import re
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml

from tests.security.corpus_case import (
    CANARY,
    CORPUS,
    Case,
    Run,
    explicit_runs,
    setup_case,
    standard_runs,
)

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


@pytest.mark.parametrize("spec", list(_cases()))
def test_hostile_input(spec: dict[str, Any], tmp_path: Path, secret: Path) -> None:
    case = setup_case(spec, tmp_path, secret)
    before = {name: (case.folder / name).read_bytes() for name in spec.get("unchanged", [])}
    if "run" in spec:
        explicit_runs(case)
    else:
        standard_runs(case)
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
