"""An API's Cognito authorizer is drawn: a line from the API to the pool whose tokens it checks.

An architect reviewing the serverless directory found no link between the
Directory API and the Cognito user pool its authorizer trusts (issue 15).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from archgen.cli import main
from archgen.layout.drawing import build_scene, draw, plan
from archgen.layout.geometry import from_dot_json
from archgen.layout.line_looks import look
from archgen.layout.mermaid_text import label
from archgen.loader import load_file, load_text
from archgen.model.access import token_pools
from tests.conftest import ARCHITECTURES

SERVERLESS = ARCHITECTURES / "employee-directory-serverless.yaml"
STATIC_SITE = ARCHITECTURES / "gallery" / "static-site-cognito-api.yaml"
MEANING = "API checks tokens of"
LINES = {SERVERLESS: ("api", "sign-in"), STATIC_SITE: ("api", "user-pool")}


def _lines(path: Path, view: str = "default") -> list[tuple[str, str, str]]:
    scene = build_scene(load_file(path), view=view)
    return [(e.source, e.target, e.label) for e in scene.edges if e.kind == "authorizer"]


@pytest.mark.parametrize("view", ["default", "network"])
@pytest.mark.parametrize("path", list(LINES), ids=lambda p: p.stem)
def test_the_api_has_a_line_to_the_user_pool_saying_it_checks_tokens(path: Path, view: str) -> None:
    api, pool = LINES[path]
    assert _lines(path, view) == [(api, pool, "checks tokens")]
    assert ("line:authorizer", MEANING) in build_scene(load_file(path), view=view).legend


@pytest.mark.parametrize("path", list(LINES), ids=lambda p: p.stem)
def test_the_dot_source_draws_the_line_in_its_own_look_with_a_legend_row(path: Path) -> None:
    api, pool = LINES[path]
    source = plan(load_file(path)).dot
    line = next(row for row in source.splitlines() if f'id="authorizer:{api}>{pool}"' in row)
    assert f'color="{look("authorizer").colour}"' in line
    assert "style=dashed" in line
    assert "xlabel=" in line
    assert "checks tokens" in line
    assert f'{look("authorizer").sample()}</B></FONT></TD><TD ALIGN="LEFT">{MEANING}' in source


@pytest.mark.parametrize("authorizer", ["none", "iam", "lambda", "jwt"])
def test_no_line_when_the_api_does_not_take_cognito_tokens(authorizer: str) -> None:
    text = SERVERLESS.read_text(encoding="utf-8")
    arch = load_text(text.replace("authorizer: cognito", f"authorizer: {authorizer}"), "s.yaml")
    scene = build_scene(arch)
    assert [e.id for e in scene.edges if e.kind == "authorizer"] == []
    assert not [key for key, _ in scene.legend if key == "line:authorizer"]


def test_no_line_without_a_user_pool_in_the_design() -> None:
    scene = build_scene(load_file(ARCHITECTURES / "gallery" / "step-functions-orders.yaml"))
    assert [e.id for e in scene.edges if e.kind == "authorizer"] == []


_SECOND_POOL = """
  partners:
    type: cognito
    label: Partner pool
"""


def _two_pools(extra_connection: str = "") -> str:
    text = SERVERLESS.read_text(encoding="utf-8")
    text = text.replace("\n  directory-fn:\n", _SECOND_POOL + "\n  directory-fn:\n", 1)
    return text.replace("\nconnections:\n", "\nconnections:\n" + extra_connection, 1)


def test_of_two_pools_the_one_the_apis_callers_sign_in_at_is_the_one_checked() -> None:
    arch = load_text(_two_pools(), "two.yaml")
    assert token_pools(arch, "api") == ("sign-in",)


def test_when_nothing_says_which_pool_every_pool_is_drawn() -> None:
    text = _two_pools().replace(
        "  - {from: staff, to: sign-in, protocol: https, label: sign in}\n", ""
    )
    arch = load_text(text, "two.yaml")
    assert token_pools(arch, "api") == ("sign-in", "partners")
    lines = [(e.source, e.target) for e in build_scene(arch).edges if e.kind == "authorizer"]
    assert lines == [("api", "sign-in"), ("api", "partners")]


def test_callers_signing_in_at_both_pools_leave_both_checked() -> None:
    extra = "  - {from: staff, to: partners, protocol: https, label: partner sign in}\n"
    arch = load_text(_two_pools(extra), "two.yaml")
    assert token_pools(arch, "api") == ("sign-in", "partners")


@pytest.mark.parametrize("view", ["default", "network"])
def test_draw_io_and_mermaid_carry_the_line_and_its_legend_row(tmp_path: Path, view: str) -> None:
    args = ["render", str(SERVERLESS), "--out", str(tmp_path), "--format", "drawio,mermaid"]
    result = CliRunner().invoke(main, [*args, "--view", view])
    assert result.exit_code == 0, result.output
    stem = SERVERLESS.stem + ("" if view == "default" else ".network")
    root = ET.parse(tmp_path / f"{stem}.drawio").getroot()  # noqa: S314 (archgen's own output)
    cell = next(c for c in root.iter("mxCell") if c.get("id") == "authorizer:api>sign-in")
    assert cell.get("value") == "checks tokens"
    assert f"strokeColor={look('authorizer').colour};" in cell.get("style", "")
    assert "dashed=1;" in cell.get("style", "")
    assert any(MEANING in (c.get("value") or "") for c in root.iter("mxCell"))
    mermaid = (tmp_path / f"{stem}.mmd").read_text(encoding="utf-8")
    assert 'n_api -.->|"checks tokens"| n_sign_in' in mermaid
    assert f"{label(look('authorizer').words() + ':')} {label(MEANING)}" in mermaid


def test_the_label_is_drawn_between_the_api_and_the_pool_where_the_tidy_pass_put_it() -> None:
    """The PNG and draw.io put the label where the tidy pass did.

    neato draws a label placed after the layout at its `xlp`: an `lp` left it
    where dot's own search put it, by the API's role, while draw.io read the
    tidied spot.
    """
    drawn = draw(plan(load_file(SERVERLESS)), ("json",)).outputs["json"]
    geometry = from_dot_json(drawn)
    x, _ = geometry.labels["authorizer:api>sign-in"]
    api, pool = geometry.nodes["api"], geometry.nodes["sign-in"]
    assert api.x + api.width < x < pool.x
    assert '"xlp"' in drawn.decode()
