"""The explanation: goldens, and what a reader is promised is really in the text.

Refresh the goldens with ARCHGEN_UPDATE_GOLDENS=1 (tests/golden.py) and read the diff as a
student would.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from archgen.cli import main
from archgen.commands.explain import explanation
from archgen.explain.content import named
from archgen.layout.drawing import build_scene
from archgen.loader import load_file
from archgen.model.flows import flow_badges
from tests.conftest import ARCHITECTURES, ROOT
from tests.golden import Goldens
from tests.phrases import assert_says

SHIPPED = sorted(ARCHITECTURES.glob("*.yaml"))
GOLDEN = Goldens(Path(__file__).parent / "golden")
MD_GOLDENS = [(path, GOLDEN.file(f"{path.stem}.md").name) for path in SHIPPED]


def _text(path: Path) -> str:
    return explanation(load_file(path)).data.decode("utf-8")


@pytest.mark.parametrize(("path", "golden"), MD_GOLDENS, ids=[p.stem for p in SHIPPED])
def test_explanation_matches_golden(path: Path, golden: str) -> None:
    GOLDEN.check(golden, _text(path))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_the_committed_explanation_is_current(path: Path) -> None:
    committed = (ROOT / "diagrams_out" / f"{path.stem}.md").read_text(encoding="utf-8")
    text, stamp = committed.rsplit("\n<!-- archgen-source: ", 1)
    assert text == _text(path), "diagrams_out/ is stale: run `make demo`"
    assert re.fullmatch(r"[0-9a-f]{64} [0-9a-f]{64} -->\n", stamp)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_drawn_resource_appears_in_the_text(path: Path) -> None:
    arch = load_file(path)
    text = _text(path)
    for resource in {node.resource for node in build_scene(arch).nodes.values()}:
        assert named(arch, resource) in text, resource


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_hop_of_every_flow_is_walked_and_tabled_once(path: Path) -> None:
    arch = load_file(path)
    text = _text(path)
    badges = flow_badges(arch)
    for index, connection in enumerate(arch.connections):
        if index not in badges:
            continue
        first, *others = badges[index]
        source, target = named(arch, connection.source), named(arch, connection.target)
        assert f"- **{first}** {source} → {target}: " in text
        row = [line for line in text.splitlines() if line.startswith(f"| {first}")]
        assert len(row) == 1, first
        also = f" (also {', '.join(others)})" if others else ""
        assert row[0].startswith(f"| {first}{also} |")
        for other in others:
            later = next(line for line in text.splitlines() if f"**{other}**" in line)
            assert ": as " in later, other
            assert first in later.split(": as ")[1], other
    steps = sum(len(flow.steps) - 1 for flow in arch.document.flows)
    assert sum(len(b) for b in badges.values()) == steps


def test_each_vpc_hop_names_its_route_nacl_rules_and_security_groups() -> None:
    text = _text(ARCHITECTURES / "capstone.yaml")
    row = next(line for line in text.splitlines() if line.startswith("| A3 |"))
    assert row == (
        "| A3 | MySQL 3306 | local | app-nacl out 100, db-nacl in 100 / db-nacl out 100, "
        "app-nacl in 120 | app-sg: tcp 3306 to db-sg; db-sg: tcp 3306 from app-sg |"
    )
    internet = next(line for line in text.splitlines() if line.startswith("| A1 (also B1) |"))
    assert "internet gateway / 0.0.0.0/0 -> igw" in internet
    assert text.count("Security groups are stateful") == 1


def test_a_hop_through_a_subnet_without_a_nacl_says_so_in_words() -> None:
    """The default ACL has no rule numbers: the cell says why all traffic passes, not "out"."""
    text = _text(ARCHITECTURES / "gallery" / "student-flawed.yaml")
    row = next(line for line in text.splitlines() if line.startswith("| 1 |"))
    reason = "subnet-a has no NACL: the default ACL allows all traffic"
    assert f"| {reason} / {reason} |" in row
    assert "default out" not in text


def test_the_zone_analysis_follows_the_model(tmp_path: Path) -> None:
    text = _text(ARCHITECTURES / "capstone.yaml")
    assert "| Resource | If us-east-1a fails | If us-east-1b fails |" in text
    assert "| MySQL database | primary lost: fails over to the standby in us-east-1b" in text
    single = (ARCHITECTURES / "capstone.yaml").read_text(encoding="utf-8")
    arch_text = single.replace("multi_az: true", "multi_az: false")
    path = tmp_path / "single.yaml"
    path.write_text(arch_text, encoding="utf-8")
    changed = _text(path)
    assert "**lost**: no standby, down until restored elsewhere" in changed
    assert "It is a single instance in us-east-1a, with no standby." in changed
    assert "error AG104 on db: not Multi-AZ" in changed


def test_the_original_design_says_what_mixing_the_layers_costs() -> None:
    text = _text(ARCHITECTURES / "employee-directory-ec2.yaml")
    assert "## Presentation and application layers" in text
    assert "scale, fail and are released together" in text
    assert "warning AG209 on web" in text


def test_the_serverless_design_explains_the_separation() -> None:
    text = _text(ARCHITECTURES / "employee-directory-serverless.yaml")
    assert_says(
        text,
        "only holds the static files the browser loads",
        "through Directory API, in front of Directory functions",
        "A cache hit is answered at the edge and never reaches Website bucket",
        "the API must answer the browser's CORS checks",
        "through the REST endpoint, not the static website endpoint",
    )


def test_the_capstone_answers_the_brief_in_at_most_1200_words() -> None:
    """Count every word but the findings' messages, which the rules in force decide."""
    text = _text(ARCHITECTURES / "capstone.yaml")
    findings = [line for line in text.splitlines() if re.match(r"- (error|warning|note) AG", line)]
    found = sum(len(line.split()) for line in findings)
    assert len(text.split()) - found <= 1200  # as `wc -w` counts: table pipes and arrows too
    for heading in ("## Why these services", "## How traffic flows", "## Surviving the loss"):
        assert heading in text
    back = "MySQL database → Web application servers → Application Load Balancer → Researchers"
    assert f"The answer comes back on the same connections: {back}" in text
    assert "Cross-zone load balancing (on unless a target group turns it off)" in text
    assert "Its health check type should be ELB" in text
    assert "Lambda gives it a network interface in each of its subnets" in text


def test_explain_command_prints_the_text() -> None:
    result = CliRunner().invoke(main, ["explain", str(ARCHITECTURES / "capstone.yaml")])
    assert result.exit_code == 0
    assert result.output == _text(ARCHITECTURES / "capstone.yaml")


def test_users_can_bring_their_own_templates(tmp_path: Path) -> None:
    shutil.copy(ROOT / "templates" / "explanation.md.j2", tmp_path / "explanation.md.j2")
    template = tmp_path / "explanation.md.j2"
    template.write_text("Course notes: {{ x.title }}\n", encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["explain", str(ARCHITECTURES / "capstone.yaml"), "--templates", str(tmp_path)],
    )
    assert result.exit_code == 0
    assert result.output == (
        "Course notes: Highly available three-tier web application for querying research data\n"
    )


def test_an_edited_template_is_read_again_in_the_same_process(tmp_path: Path) -> None:
    """The compiled templates are kept per folder; an edit (under `mkdocs serve`) still shows."""
    template = tmp_path / "explanation.md.j2"
    capstone = str(ARCHITECTURES / "capstone.yaml")
    said = []
    for stamp, words in ((1_000_000_000, "First"), (1_000_000_100, "Second")):
        template.write_text(words + " notes\n", encoding="utf-8")
        os.utime(template, (stamp, stamp))  # a whole second apart, on any file system
        result = CliRunner().invoke(main, ["explain", capstone, "--templates", str(tmp_path)])
        said.append(result.output)
    assert said == ["First notes\n", "Second notes\n"]


def test_a_template_typo_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "explanation.md.j2").write_text("{{ x.titel }}\n", encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["explain", str(ARCHITECTURES / "capstone.yaml"), "--templates", str(tmp_path)],
    )
    assert result.exit_code == 2
    assert "explanation.md.j2:1: " in result.stderr
    assert "has no attribute 'titel'" in result.stderr


def test_a_templates_folder_may_override_one_partial(tmp_path: Path) -> None:
    partial = tmp_path / "explanation" / "checks.md.j2"
    partial.parent.mkdir()
    partial.write_text(
        "## Results\n\n{{ x.checks.passed | length }} checks passed.\n", encoding="utf-8"
    )
    capstone = str(ARCHITECTURES / "capstone.yaml")
    result = CliRunner().invoke(main, ["explain", capstone, "--templates", str(tmp_path)])
    assert result.exit_code == 0, result.output
    default = CliRunner().invoke(main, ["explain", capstone]).output
    passed = re.search(r"rules checked, (\d+) passed", default)
    assert passed
    assert result.output.endswith(f"## Results\n\n{passed.group(1)} checks passed.\n")
    assert result.output.split("## Results")[0] == default.split("## Checks")[0]


def test_a_typo_in_a_partial_names_the_partial(tmp_path: Path) -> None:
    partial = tmp_path / "explanation" / "zones.md.j2"
    partial.parent.mkdir()
    partial.write_text("{{ x.zonez }}\n", encoding="utf-8")
    capstone = str(ARCHITECTURES / "capstone.yaml")
    result = CliRunner().invoke(main, ["explain", capstone, "--templates", str(tmp_path)])
    assert result.exit_code == 2
    assert "zones.md.j2" in result.stderr
    assert "has no attribute 'zonez'" in result.stderr


def _blocks_without_blank_line(text: str) -> list[str]:
    """Return the lines that open a list, table or heading right under a paragraph.

    Python-Markdown, which MkDocs uses, reads such a line as part of the paragraph.
    """
    found = []
    lines = text.splitlines()
    for before, line in itertools.pairwise(lines):
        for marker in ("- ", "|", "#"):
            if line.startswith(marker) and before.strip() and not before.startswith(marker):
                found.append(line)
    return found


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_list_table_and_heading_starts_a_block(path: Path) -> None:
    assert _blocks_without_blank_line(_text(path)) == []
