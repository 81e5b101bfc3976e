"""The explanation: goldens, and what a reader is promised is really in the text.

Refresh the goldens with ARCHGEN_UPDATE_GOLDENS=1 (tests/golden.py) and read the diff as a
student would.
"""

from __future__ import annotations

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
def test_every_hop_of_every_flow_appears_forward_and_back(path: Path) -> None:
    arch = load_file(path)
    text = _text(path)
    badges = flow_badges(arch)
    for index, connection in enumerate(arch.connections):
        for badge in badges.get(index, ()):
            source, target = named(arch, connection.source), named(arch, connection.target)
            forward = f"**{badge}** {source} → {target}: "
            back = f"**{badge}** {target} → {source}: the response"
            assert forward in text, forward
            assert back in text, back
    steps = sum(len(flow.steps) - 1 for flow in arch.document.flows)
    assert sum(len(b) for b in badges.values()) == steps


def test_each_vpc_hop_names_its_nacl_rule_and_security_group() -> None:
    text = _text(ARCHITECTURES / "capstone.yaml")
    step = text.split("3. **A3** Web application servers (`app`) → MySQL database (`db`)")[1]
    step = step.split("\n\n")[0]
    assert "network ACL `app-nacl` (outbound): rule 100 allow tcp 3306 10.0.20.0/23" in step
    assert "network ACL `db-nacl` (inbound): rule 100 allow tcp 3306 10.0.10.0/23" in step
    assert "security group `db-sg`: tcp 3306 from app-sg" in step
    back = text.split("1. **A3** MySQL database (`db`) → Web application servers (`app`)")[1]
    assert "network ACL `db-nacl` (outbound): rule 100 allow tcp 1024-65535 10.0.10.0/23" in back


def test_the_zone_analysis_follows_the_model(tmp_path: Path) -> None:
    text = _text(ARCHITECTURES / "capstone.yaml")
    assert "If **us-east-1a** fails:" in text
    assert "RDS fails over to the standby in us-east-1b" in text
    single = (ARCHITECTURES / "capstone.yaml").read_text(encoding="utf-8")
    arch_text = single.replace("multi_az: true", "multi_az: false")
    path = tmp_path / "single.yaml"
    path.write_text(arch_text, encoding="utf-8")
    changed = _text(path)
    assert "it is not Multi-AZ, so it is down until restored elsewhere" in changed
    assert "error AG104 on `db`: not Multi-AZ" in changed


def test_the_original_design_says_what_the_redesign_fixes() -> None:
    text = _text(ARCHITECTURES / "employee-directory-ec2.yaml")
    assert "## Presentation and application layers" in text
    assert "The redesign fixes this" in text
    assert "warning AG209 on `web`" in text


def test_the_serverless_design_explains_the_separation() -> None:
    text = _text(ARCHITECTURES / "employee-directory-serverless.yaml")
    assert "never calls the application directly" in text
    assert "through Directory API (`api`), which invokes Directory functions" in text


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


def test_a_template_typo_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "explanation.md.j2").write_text("{{ x.titel }}\n", encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["explain", str(ARCHITECTURES / "capstone.yaml"), "--templates", str(tmp_path)],
    )
    assert result.exit_code == 2
    assert "explanation.md.j2: " in result.stderr
    assert "has no attribute 'titel'" in result.stderr
