"""Hostile YAML in a Mermaid flowchart: it stays inside its label and starts no statement.

A label can end with a quote or bracket, a newline can start `click n_x href
"javascript:..."`, `%%{init: ...}%%` can reconfigure Mermaid (securityLevel), and
`%%` can comment out the rest of a line. Each payload goes into every label of
the capstone; the flowchart must consist only of the statements archgen writes,
and the real Mermaid must draw it with no link or script.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from archgen.diff import diff_architectures
from archgen.layout.drawing import build_scene
from archgen.layout.mermaid import mermaid_source
from archgen.loader import load_text
from archgen.report.diff_markdown import format_architecture
from tests.conftest import ARCHITECTURES
from tests.mermaid.mermaid_browser import render_in_browser

PAYLOADS = (
    'x"] --> evil["pwned',
    'x\nclick n_users href "javascript:alert(1)"',
    "%%{init: {'securityLevel': 'loose'}}%%",
    "a %% comment\nend\nsubgraph evil",
    "`**markdown**` <img src=x onerror=alert(1)> <script>alert(1)</script>",
    "x]:::evil\nclassDef evil fill:#f00",
    "#quot; #35; &lt; |pipe| {brace} (paren) [bracket]",
    "\u202e\x1b[31m\ttab",
    "javascript:alert(1)",
)

_STATEMENT = re.compile(
    r"flowchart TB"
    r'|\s*subgraph g_\w+\["[^"\n]*"\]'
    r"|\s*end"
    r'|\s*n_\w+\["[^"\n]*"\](:::\w+)?'
    r'|\s*n_\w+ (-->|-\.->|<-\.->|-\.-|~~~)(\|"[^"\n]*"\|)? n_\w+'
    r"|\s*classDef \w+ [\w:#,. -]+"
    r"|\s*class [gn]_\w+(,[gn]_\w+)* \w+"
    r"|\s*linkStyle \d+(,\d+)* [\w:#,. -]+"
)


def _hostile(payload: str) -> str:
    """Return the capstone with `payload` as its title and every resource's label."""
    data = yaml.safe_load((ARCHITECTURES / "capstone.yaml").read_text(encoding="utf-8"))
    data["title"] = payload
    for resource in data["resources"].values():
        resource["label"] = payload
    for number, flow in enumerate(data.get("flows", [])):
        flow["name"] = f"{payload} {number}"
    return yaml.safe_dump(data, sort_keys=False)


def _check(source: str) -> None:
    for line in source.splitlines():
        assert _STATEMENT.fullmatch(line), f"not a statement archgen writes: {line!r}"
    assert "%%" not in source
    assert "javascript:" not in source


def test_every_payload_stays_inside_its_labels(tmp_path: Path) -> None:
    files = []
    for number, payload in enumerate(PAYLOADS):
        arch = load_text(_hostile(payload), f"hostile{number}.yaml")
        source = mermaid_source(build_scene(arch))
        _check(source)
        files.append(tmp_path / f"hostile{number}.mmd")
        files[-1].write_text(source, encoding="utf-8")
    expected = len(build_scene(load_text(_hostile("x"), "x.yaml")).nodes)
    report = render_in_browser(files)
    assert report["pageErrors"] == []
    for file in files:
        drawn = report["files"][str(file)]
        assert drawn["error"] is None, drawn["error"]
        assert drawn["scripts"] == 0
        legend_rows = len(re.findall(r"n_legend_CP", file.read_text(encoding="utf-8")))
        assert len(drawn["nodes"]) == expected + legend_rows


def test_the_diff_picture_keeps_hostile_labels_inside_the_fence() -> None:
    base = (ARCHITECTURES / "capstone.yaml").read_text(encoding="utf-8")
    for payload in PAYLOADS:
        before = load_text(base, "old.yaml")
        after = load_text(_hostile(payload + "\n```\n<script>alert(1)</script>"), "new.yaml")
        markdown = format_architecture(diff_architectures(before, after, "old.yaml", "new.yaml"))
        (block,) = re.findall(r"```mermaid\n(.*?)```", markdown, re.DOTALL)
        _check(block)
        assert markdown.count("```") == 2
