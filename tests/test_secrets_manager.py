"""secrets_manager, the type added to prove the catalogue: it behaves as sqs does everywhere.

Both are regional services called over HTTPS with an IAM role; nothing but the
declaration on the class differs, so the checks, the picture and the text
must treat them alike.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from archgen.cli import main
from tests.conftest import WriteArch

DESIGN = """\
archgen: 1
name: secrets
title: Secrets
region: us-east-1
resources:
  vpc: {{type: vpc, cidr: 10.0.0.0/16}}
  priv-a: {{type: subnet, vpc: vpc, zone: us-east-1a, cidr: 10.0.10.0/24}}
  priv-b: {{type: subnet, vpc: vpc, zone: us-east-1b, cidr: 10.0.11.0/24}}
  app: {{type: autoscaling_group, subnets: [priv-a, priv-b], role: app-role}}
  fn: {{type: lambda, role: fn-role}}
  store: {{type: {kind}}}
  app-role: {{type: iam_role, allows: [{allows}]}}
  fn-role: {{type: iam_role, allows: [store]}}
connections:
  - {{from: app, to: store, protocol: https}}
  - {{from: fn, to: store, protocol: https}}
flows:
  - name: Read the secret
    steps: [fn, store]
"""


def _findings(path: Path) -> list[tuple[str, int, int, str, str]]:
    result = CliRunner().invoke(
        main, ["check", "--format", "json", "--fail-on", "never", str(path)]
    )
    assert result.exit_code == 0, result.output
    return [
        (f["rule"], f["line"], f["column"], f["resource"], f["message"])
        for f in json.loads(result.stdout)["findings"]
    ]


@pytest.mark.parametrize("allows", ["", "store"])
def test_checks_report_the_same_as_for_sqs(write_arch: WriteArch, allows: str) -> None:
    secret = _findings(write_arch(DESIGN.format(kind="secrets_manager", allows=allows)))
    queue = _findings(write_arch(DESIGN.format(kind="sqs", allows=allows)))
    assert secret == queue
    rules = {(rule, line, resource) for rule, line, _, resource, _ in secret}
    assert ("AG603", 15, "app") in rules, "a private fleet with no NAT or endpoint"
    assert (("AG501", 15, "app") in rules) == (allows == "")


def test_a_call_its_role_does_not_allow_is_ag501(write_arch: WriteArch) -> None:
    findings = _findings(write_arch(DESIGN.format(kind="secrets_manager", allows="")))
    assert ("AG501", 15, 5, "app", "calls store, but its role app-role does not allow store") in [
        f[:5] for f in findings
    ]


def test_it_is_drawn_in_the_region_with_its_icon_and_explained(
    write_arch: WriteArch, tmp_path: Path
) -> None:
    path = write_arch(DESIGN.format(kind="secrets_manager", allows="store"))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(path), "--out", str(out)])
    assert result.exit_code == 0, result.output

    root = ET.parse(out / "secrets.drawio").getroot()  # noqa: S314 (our own output)
    cells = {cell.get("id"): cell for cell in root.iter("mxCell")}
    style = cells["store"].get("style", "")
    assert "resIcon=mxgraph.aws4.secrets_manager;" in style
    assert "fillColor=#DD344C;" in style
    assert cells["store"].get("parent") == "aws:us-east-1"

    svg = (out / "secrets.svg").read_text(encoding="utf-8")
    assert "<title>store</title>" in svg
    assert "data:image/png;base64," in svg

    text = (out / "secrets.md").read_text(encoding="utf-8")
    assert "### AWS Secrets Manager\n\nAWS Secrets Manager keeps secrets" in text
    assert "- **1** `fn` → `store`: HTTPS 443, over the AWS network, signed with" in text


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        pytest.param(
            "store: {type: secrets_manager}",
            "store: {type: secrets_manager, rotation: true}",
            "11:34",
            "unknown key 'rotation' in secrets_manager 'store' "
            "(expected one of: label, tier, why, suppress, type)",
            id="unknown-key",
        ),
        pytest.param(
            "fn: {type: lambda, role: fn-role}",
            "fn: {type: lambda, role: store}",
            "10:28",
            "role: 'store' is a secrets_manager, but role takes an iam_role",
            id="wrong-reference",
        ),
    ],
)
def test_bad_use_is_invalid_input_at_its_place(
    write_arch: WriteArch, old: str, new: str, where: str, message: str
) -> None:
    text = DESIGN.format(kind="secrets_manager", allows="store")
    assert old in text
    path = write_arch(text.replace(old, new))
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2, result.output
    assert f"{path}:{where}: {message}" in result.stderr.splitlines()
