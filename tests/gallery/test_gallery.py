"""The gallery: designs modelled on public AWS reference architectures, each checked exactly.

Every design's findings are a golden (the text report a reviewer reads), and every
finding in it is justified in the design itself, by a comment or a suppression with
its reason. Refresh with ARCHGEN_UPDATE_GOLDENS=1 (tests/golden.py) and review the
diff like code: a new or lost finding on a gallery design is a change of archgen's
judgement on a known-good (or known-flawed) architecture.
"""

from __future__ import annotations

import contextlib
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from archgen.cli import main
from archgen.commands.explain import explanation
from archgen.explain.content import named
from archgen.layout.drawing import build_scene
from archgen.loader import load_file
from tests.conftest import ARCHITECTURES, ROOT
from tests.drawio.viewer import render_all_in_viewer
from tests.golden import Goldens

GALLERY = ARCHITECTURES / "gallery"
DESIGNS = sorted(GALLERY.glob("*.yaml"))
GOLDEN = Goldens(Path(__file__).parent / "golden")
FINDINGS_GOLDENS = [GOLDEN.file(f"{path.stem}.txt").name for path in DESIGNS]

REFERENCES = {
    "bedrock-rag-chatbot": "Amazon Bedrock Knowledge Bases",
    "ecs-fargate-microservices": "Deploying Microservices with Amazon ECS",
    "eks-microservices": "Amazon EKS Best Practices Guide",
    "event-driven-orders": "Serverless Land",
    "kinesis-data-lake": "Streaming Data Solution for Amazon Kinesis",
    "nlb-tls-service": "TLS listeners for your Network Load Balancer",
    "private-bedrock-endpoints": "Use interface VPC endpoints (AWS PrivateLink)",
    "private-fleet-ssm": "VPC endpoints for Systems Manager",
    "serverless-api-streams": "DynamoDB Streams and AWS Lambda triggers",
    "static-site-cognito-api": "Build a Serverless Web Application",
    "step-functions-orders": "saga pattern by using AWS Step Functions",
    "student-flawed": "AWS Well-Architected Framework",
    "three-az-web-app": "Web Application Hosting in the AWS Cloud",
    "transit-gateway-hub-spoke": "Building a Scalable and Secure Multi-VPC AWS Network",
    "vpc-peering-shared-services": "One VPC peered with two",
    "websocket-chat": "simple-websockets-chat-app",
    "wordpress-efs": "Best Practices for WordPress on AWS",
}
"""The public reference each design is modelled on, as its description names it."""

_JUSTIFIED = re.compile(r"#.*\b(AG\d{3})\b")


def _check(*args: str) -> tuple[int, str]:
    with contextlib.chdir(ROOT):
        result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.output


def test_the_gallery_has_at_least_sixteen_designs_each_with_its_reference() -> None:
    assert sorted(path.stem for path in DESIGNS) == sorted(REFERENCES)
    assert len(DESIGNS) >= 16


@pytest.mark.parametrize("path", DESIGNS, ids=[p.stem for p in DESIGNS])
def test_the_description_names_the_reference_it_is_modelled_on(path: Path) -> None:
    description = load_file(path).document.description or ""
    collapsed = " ".join(description.split())
    assert collapsed.startswith("Modelled on "), collapsed[:80]
    assert REFERENCES[path.stem] in collapsed


@pytest.mark.parametrize(
    ("path", "golden"),
    list(zip(DESIGNS, FINDINGS_GOLDENS, strict=True)),
    ids=[p.stem for p in DESIGNS],
)
def test_findings_match_the_golden(path: Path, golden: str) -> None:
    code, output = _check("--fail-on", "never", str(path.relative_to(ROOT)))
    assert code == 0, output
    GOLDEN.check(golden, output)


@pytest.mark.parametrize("path", DESIGNS, ids=[p.stem for p in DESIGNS])
def test_every_unsuppressed_finding_is_justified_in_a_comment(path: Path) -> None:
    """A finding left standing is a known trade-off: a comment in the file names its rule."""
    _, output = _check("--format", "json", "--fail-on", "never", str(path.relative_to(ROOT)))
    standing = {f["rule"] for f in json.loads(output)["findings"] if not f["suppressed"]}
    commented = set(_JUSTIFIED.findall(path.read_text(encoding="utf-8")))
    assert standing <= commented, f"explain {sorted(standing - commented)} in a comment"


def test_the_gallery_passes_with_the_shipped_settings() -> None:
    code, output = _check("architectures/gallery")
    assert code == 0, output


def test_each_design_is_named_after_the_gallery() -> None:
    """Gallery outputs get their own folder; a `gallery-` name also keeps them apart by name."""
    names = [load_file(path).name for path in DESIGNS]
    assert names == [f"gallery-{path.stem}" for path in DESIGNS]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Render the whole architectures folder once, as `archgen render` does by default."""
    out = tmp_path_factory.mktemp("out")
    with contextlib.chdir(ROOT):
        result = CliRunner().invoke(main, ["render", "architectures", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("path", DESIGNS, ids=[p.stem for p in DESIGNS])
def test_each_design_renders_and_explains_into_the_gallery_folder(
    rendered: Path, path: Path
) -> None:
    name = load_file(path).name
    folder = rendered / "gallery"
    assert (folder / f"{name}.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert b"<svg" in (folder / f"{name}.svg").read_bytes()
    assert b"<mxfile" in (folder / f"{name}.drawio").read_bytes()
    page = (folder / f"{name}.md").read_text(encoding="utf-8")
    assert f"]({name}.png)" in page or f"]({name}.svg)" in page
    assert not (rendered / f"{name}.png").exists()


@pytest.mark.parametrize("path", DESIGNS, ids=[p.stem for p in DESIGNS])
def test_the_explanation_names_every_drawn_resource_and_every_flow(path: Path) -> None:
    arch = load_file(path)
    text = explanation(arch).data.decode("utf-8")
    for resource in {node.resource for node in build_scene(arch).nodes.values()}:
        assert named(arch, resource) in text, resource
    for flow in arch.document.flows:
        assert flow.name in text, flow.name


@pytest.fixture(scope="module")
def viewed(rendered: Path) -> dict[str, dict[str, Any]]:
    """Open every design's .drawio in turn in the real viewer, loaded once, each file alone.

    No screenshots: the tests read what the viewer drew from its reports.
    """
    names = [load_file(path).name for path in DESIGNS]
    files: list[tuple[Path, Path | None]] = [
        (rendered / "gallery" / f"{name}.drawio", None) for name in names
    ]
    return dict(zip(names, render_all_in_viewer(files), strict=True))


@pytest.mark.parametrize("path", DESIGNS, ids=[p.stem for p in DESIGNS])
def test_each_drawio_file_opens_in_the_real_viewer(
    rendered: Path, viewed: dict[str, dict[str, Any]], path: Path
) -> None:
    name = load_file(path).name
    drawio = rendered / "gallery" / f"{name}.drawio"
    report = viewed[name]
    assert (report["error"], report["problems"]) == (None, [])
    assert (report["pageErrors"], report["consoleErrors"]) == ([], [])
    cells = list(ET.parse(drawio).getroot().iter("mxCell"))  # noqa: S314 (our own output)
    vertices = sum(1 for cell in cells if cell.get("vertex") == "1")
    edges = sum(1 for cell in cells if cell.get("edge") == "1")
    assert (report["vertices"], report["edges"]) == (vertices, edges)
