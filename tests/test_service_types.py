"""The service types of DESIGN.md 7.3, each through the command line, real dot included.

Load, check, render and explain each, then refuse bad use of each at its line and column.
Each type is declared once on its class; these tests prove the declaration reaches every
stage: the draw.io cell has the type's stencil and colour in the right box, the SVG names
the resource, the explanation has the service's section, and the checks run.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import NamedTuple

import pytest
from click.testing import CliRunner

from archgen.cli import main
from archgen.explain.knowledge import RATIONALES
from archgen.model.catalogue import CATALOGUE
from tests.conftest import WriteArch

DESIGN = """\
archgen: 1
name: one-type
title: One type
region: us-east-1
resources:
  vpc: {{type: vpc, cidr: 10.0.0.0/16}}
  priv-a: {{type: subnet, vpc: vpc, zone: us-east-1a, cidr: 10.0.10.0/24}}
  priv-b: {{type: subnet, vpc: vpc, zone: us-east-1b, cidr: 10.0.11.0/24}}
  sg: {{type: security_group, vpc: vpc}}
  role: {{type: iam_role, allows: [it, bucket, index]}}
  bucket: {{type: s3}}
  index: {{type: opensearch, encrypted: true, zone_awareness: true}}
  fn: {{type: lambda, role: role}}
  it: {resource}
connections:
  - {{from: fn, to: it, protocol: {protocol}}}
"""
LINE_OF_IT = 14
"""The line of `it:` in DESIGN, where a bad key or reference of the type is reported."""


class Case(NamedTuple):
    """A type's resource line, the draw.io cell it is drawn as, and that cell's parent."""

    resource: str
    cell: str
    parent: str
    protocol: str = "https"


CASES = {
    "ecs_service": Case(
        "{type: ecs_service, subnets: [priv-a, priv-b], security_groups: [sg], role: role}",
        "it@priv-a",
        "priv-a",
        "http",
    ),
    "eks_cluster": Case(
        "{type: eks_cluster, subnets: [priv-a, priv-b], security_groups: [sg], role: role}",
        "it",
        "vpc",
    ),
    "nlb": Case(
        "{type: nlb, scheme: internal, subnets: [priv-a, priv-b], "
        "listeners: [{port: 443, protocol: tls}]}",
        "it",
        "vpc",
    ),
    "opensearch": Case(
        "{type: opensearch, subnets: [priv-a, priv-b], security_groups: [sg], "
        "zone_awareness: true, encrypted: true}",
        "it@priv-b",
        "priv-b",
    ),
    "kinesis_stream": Case("{type: kinesis_stream, encrypted: true}", "it", "aws:us-east-1"),
    "step_functions": Case("{type: step_functions, role: role}", "it", "aws:us-east-1"),
    "eventbridge": Case("{type: eventbridge}", "it", "aws:us-east-1"),
    "kms_key": Case("{type: kms_key, rotation: true}", "it", "aws:us-east-1"),
    "ecr": Case("{type: ecr, scan_on_push: true}", "it", "aws:us-east-1"),
    "cloudtrail": Case("{type: cloudtrail, log_bucket: bucket}", "it", "aws:us-east-1"),
    "acm_certificate": Case("{type: acm_certificate, domain: example.org}", "it", "aws:us-east-1"),
    "bedrock_knowledge_base": Case(
        "{type: bedrock_knowledge_base, model: amazon.titan-embed-text-v2, vector_store: index, "
        "data_source: bucket, role: role}",
        "it",
        "aws:us-east-1",
    ),
}


def _design(name: str) -> str:
    case = CASES[name]
    return DESIGN.format(resource=case.resource, protocol=case.protocol)


def test_every_added_type_has_a_case() -> None:
    added = {
        "ecs_service",
        "eks_cluster",
        "nlb",
        "opensearch",
        "kinesis_stream",
        "step_functions",
        "eventbridge",
        "kms_key",
        "ecr",
        "cloudtrail",
        "acm_certificate",
        "bedrock_knowledge_base",
    }
    assert added <= set(CATALOGUE)
    assert set(CASES) == added


@pytest.mark.parametrize("name", sorted(CASES))
def test_checks_renders_and_explains(write_arch: WriteArch, tmp_path: Path, name: str) -> None:
    path = write_arch(_design(name))
    checked = CliRunner().invoke(
        main, ["check", "--format", "json", "--fail-on", "never", str(path)]
    )
    assert checked.exit_code == 0, checked.output
    findings = json.loads(checked.stdout)["findings"]
    assert all(f["line"] >= 1 for f in findings)

    out = tmp_path / "out"
    rendered = CliRunner().invoke(main, ["render", str(path), "--out", str(out)])
    assert rendered.exit_code == 0, rendered.output

    facts = CATALOGUE[name].facts
    assert facts.shape is not None
    root = ET.parse(out / "one-type.drawio").getroot()  # noqa: S314 (our own output)
    cells = {cell.get("id"): cell for cell in root.iter("mxCell")}
    cell = cells[CASES[name].cell]
    style = cell.get("style", "")
    key = "shape" if facts.shape.glyph else "resIcon"
    assert f"{key}=mxgraph.aws4.{facts.shape.name};" in style
    assert f"fillColor={facts.shape.fill};" in style
    assert cell.get("parent") == CASES[name].parent

    svg = (out / "one-type.svg").read_text(encoding="utf-8")
    assert "<title>it</title>" in svg or "<title>it@" in svg
    assert (out / "one-type.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")

    text = (out / "one-type.md").read_text(encoding="utf-8")
    assert facts.rationale is not None
    assert f"### {facts.service}\n\n{RATIONALES[facts.rationale][:40]}" in text


@pytest.mark.parametrize("name", sorted(CASES))
def test_an_unknown_key_is_refused_at_its_place(write_arch: WriteArch, name: str) -> None:
    text = _design(name)
    bad = text.replace("  it: {type: ", "  it: {colour: red, type: ")
    path = write_arch(bad)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"{path}:{LINE_OF_IT}:8: unknown key 'colour' in {name} 'it'")
    assert result.stderr.count("\n") == 1


REFERENCES = {
    "ecs_service": (
        "role: role}",
        "role: bucket}",
        83,
        "role: 'bucket' is a s3, but role takes an iam_role",
    ),
    "eks_cluster": (
        "subnets: [priv-a",
        "subnets: [sg",
        37,
        "subnets: 'sg' is a security_group, but subnets takes a subnet",
    ),
    "nlb": (
        "subnets: [priv-a",
        "subnets: [vpc",
        47,
        "subnets: 'vpc' is a vpc, but subnets takes a subnet",
    ),
    "opensearch": (
        "security_groups: [sg]",
        "security_groups: [sgg]",
        71,
        "security_groups: 'sgg' names no resource (did you mean 'sg'?)",
    ),
    "step_functions": (
        "role: role}",
        "role: fn}",
        36,
        "role: 'fn' is a lambda, but role takes an iam_role",
    ),
    "cloudtrail": (
        "log_bucket: bucket}",
        "log_bucket: index}",
        38,
        "log_bucket: 'index' is an opensearch, but log_bucket takes a s3",
    ),
    "bedrock_knowledge_base": (
        "vector_store: index",
        "vector_store: fn",
        87,
        "vector_store: 'fn' is a lambda, but vector_store takes an opensearch or rds or s3",
    ),
}
"""Per type: a reference on its line, a wrong one in its place, its column and the message."""


@pytest.mark.parametrize("name", sorted(REFERENCES))
def test_a_wrong_reference_is_refused_at_its_place(write_arch: WriteArch, name: str) -> None:
    old, new, column, message = REFERENCES[name]
    lines = _design(name).splitlines(keepends=True)
    assert old in lines[LINE_OF_IT - 1]
    lines[LINE_OF_IT - 1] = lines[LINE_OF_IT - 1].replace(old, new)
    path = write_arch("".join(lines))
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [f"{path}:{LINE_OF_IT}:{column}: {message}"]
