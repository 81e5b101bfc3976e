"""Every valid architecture goes through every command: no crash, and every output written.

The designs come from `strategies.architectures()`: one to six zones, tiers in
any order, resources in random subsets of subnets, Multi-AZ databases in any
pair of zones, connections between types that talk, every type of the
catalogue. `check` and `trace` may report (exit 1), never fail (exit 2) or
crash; `explain` and `render` (real graphviz: SVG, draw.io and Markdown for every
design, the PNG too for one in four) succeed.
`GENERATED_EXAMPLES` raises the count (`make fuzz`).
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, seed, settings

from archgen.cli import main
from archgen.errors import InvalidInput
from archgen.loader import load_data
from archgen.loader.yaml_positions import parse
from archgen.model.catalogue import CATALOGUE
from tests.generated.strategies import architectures, uncovered_types

EXAMPLES = int(os.environ.get("GENERATED_EXAMPLES", "48"))
"""Designs through every command: enough to reach every type, mode, link and field, and
every shape of design graphviz once refused (`REFUSED_SHAPES`).

Sixteen reach every type, mode, link and field; forty-eight are the fewest that also
reach each refused shape (96 missed one of them). Each costs about a second of
graphviz and the tidy pass; `make fuzz` runs 2,000. The coverage tests below fail if
the designs this count draws stop reaching any of them."""
SHARDS = 8
"""The examples run as this many tests, each with its own seed, so pytest-xdist spreads them."""
OUTPUTS = ("png", "svg", "drawio", "md")
Body = Callable[[dict[str, Any]], None]


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def _every_command(document: dict[str, Any], folder: Path) -> None:
    source = folder / "design.yaml"
    source.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    code, output = _invoke("check", str(source))
    assert code in (0, 1), output
    code, output = _invoke("explain", str(source))
    assert code == 0, output
    for connection in document["connections"][:3]:
        code, output = _invoke("trace", str(source), connection["from"], connection["to"])
        assert code in (0, 1), output
    out = folder / "out"
    outputs = OUTPUTS if _rasterised(source) else tuple(s for s in OUTPUTS if s != "png")
    args = ("--out", str(out), "--jobs", "1", "--format", ",".join(outputs))
    code, output = _invoke("render", str(source), *args)
    assert code == 0, output
    for suffix in outputs:
        assert (out / f"generated.{suffix}").stat().st_size > 0, suffix


def _rasterised(source: Path) -> bool:
    """Tell whether this design is drawn to a PNG too: one in four, chosen by its text.

    The PNG is drawn from the very source the SVG is (`neato -n2` of the tidied
    layout), so it only adds cairo's rasteriser and the page-sizing run, which
    a quarter of the designs cover, at nine tenths of a design's graphviz time.
    """
    return hashlib.sha256(source.read_bytes()).digest()[0] % 4 == 0


def _run_shard(shard: int, body: Body) -> None:
    """Run `body` over shard `shard`'s designs: the same designs on every run and machine.

    The seed and settings are fixed here alone, so the coverage test below sees exactly
    the designs the every-command test ran (Hypothesis draws the same sequence for
    the same seed and settings while the body passes).
    """
    count = EXAMPLES // SHARDS + (shard < EXAMPLES % SHARDS)

    @seed(shard)
    @settings(
        max_examples=max(count, 1),
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(architectures())
    def run(document: dict[str, Any]) -> None:
        body(document)

    run()


def _through_every_command(document: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory(prefix="archgen-generated-") as folder:
        _every_command(document, Path(folder))


@pytest.mark.spread
@pytest.mark.parametrize("shard", range(SHARDS))
def test_a_valid_design_goes_through_every_command(shard: int) -> None:
    _run_shard(shard, _through_every_command)


@settings(max_examples=50, derandomize=True, deadline=None)
@given(architectures())
def test_the_generator_makes_only_valid_designs(document: dict[str, Any]) -> None:
    text = yaml.safe_dump(document, sort_keys=False)
    try:
        load_data(document, parse(text, "g.yaml").source)
    except InvalidInput as error:  # pragma: no cover (the message is the point)
        raise AssertionError(f"{error}\n{text}") from None


def test_every_type_of_the_catalogue_is_generated() -> None:
    """A new type with a required field needs a builder in strategies.BUILDERS."""
    assert uncovered_types() == []


NEW_FIELDS = ("cidrs", "dead_letter_queue", "authorizer", "preserve_client_ip", "role", "kind")


def _features(document: dict[str, Any]) -> set[str]:
    """Name what a design uses: its types, modes, links, and the new fields."""
    found = {f"mode {c.get('mode', 'request')}" for c in document["connections"]}
    resources = document["resources"].values()
    for resource in resources:
        kind = resource["type"]
        found.add(f"type {kind}")
        for route in resource.get("routes", []):
            found.add(f"route via {document['resources'][route['target']]['type']}")
            if route["destination"] in document["resources"]:
                found.add("route to a prefix list")
        for rule in resource.get("ingress", []):
            if document["resources"].get(rule["source"], {}).get("type") == "prefix_list":
                found.add("rule from a prefix list")
        if kind == "vpc_endpoint" and resource.get("subnets"):
            found.add("interface endpoint")
        if kind == "rds" and resource.get("replicas"):
            found.add("aurora readers")
        found.update(f"{kind}.{key}" for key in NEW_FIELDS if key in resource)
    return found | _shapes(document)


REFUSED_SHAPES = (
    "a resource in two subnets of one zone",
    "a load balancer over zones and tiers",
    "a Multi-AZ database across tiers",
    "a Multi-AZ database in some zones of one tier",
)
"""The shapes of the designs graphviz refused to lay out, kept in tests/generated/cases.

tests/render/test_ladder.py draws those cases on every run; the designs here must keep
meeting these shapes, in new combinations, for the test to find the next such refusal."""


def _shapes(document: dict[str, Any]) -> set[str]:
    """Name the refused shapes (`REFUSED_SHAPES`) a design has, from its subnets' names.

    A generated subnet is named tier, VPC number, dash, zone letter (`data0-a`).
    """
    resources = document["resources"]
    zones_of_vpc: dict[str, set[str]] = {}
    for resource in resources.values():
        if resource["type"] == "subnet":
            zones_of_vpc.setdefault(resource["vpc"], set()).add(resource["zone"])
    found: set[str] = set()
    for resource in resources.values():
        subnets = resource.get("subnets") or []
        zones = [resources[subnet]["zone"] for subnet in subnets]
        tiers = {subnet.partition("-")[0].rstrip("0123456789") for subnet in subnets}
        if len(set(zones)) < len(zones):
            found.add(REFUSED_SHAPES[0])
        if len(set(zones)) < 2:
            continue
        if resource["type"] in ("alb", "nlb") and len(tiers) > 1:
            found.add(REFUSED_SHAPES[1])
        if resource["type"] == "rds" and resource.get("multi_az"):
            vpc_zones = zones_of_vpc[resources[subnets[0]]["vpc"]]
            if len(tiers) > 1:
                found.add(REFUSED_SHAPES[2])
            elif len(vpc_zones) > len(set(zones)):
                found.add(REFUSED_SHAPES[3])
    return found


@functools.cache
def _features_run() -> frozenset[str]:
    """Return what the every-command test's designs use, over all its shards."""
    seen: set[str] = set()
    for shard in range(SHARDS):
        _run_shard(shard, lambda document: seen.update(_features(document)))
    return frozenset(seen)


def test_the_designs_run_through_every_command_reach_every_type() -> None:
    """The generator is not stuck: the every-command test meets every catalogue type."""
    used = {feature.removeprefix("type ") for feature in _features_run()}
    assert sorted(set(CATALOGUE) - used) == []


def test_the_designs_run_through_every_command_reach_every_mode_link_and_new_field() -> None:
    """Connection modes, routes through links, prefix lists in rules, the fields added."""
    wanted = {
        "mode request",
        "mode event",
        "mode poll",
        "route via transit_gateway",
        "route via vpc_peering",
        "route to a prefix list",
        "rule from a prefix list",
        "interface endpoint",
        "aurora readers",
        "nlb.preserve_client_ip",
        "lambda.role",
        "ecs_service.role",
        "client.cidrs",
        "sqs.dead_letter_queue",
        "api_gateway.authorizer",
        "api_gateway.kind",
    }
    assert sorted(wanted - _features_run()) == []


def test_the_designs_run_through_every_command_reach_every_shape_graphviz_refused() -> None:
    """The count of designs is the fewest that still meet each shape of a refused layout."""
    assert sorted(set(REFUSED_SHAPES) - _features_run()) == []


NETWORK_EXAMPLES = max(1, EXAMPLES * 2 // 5)
"""The network view adds boxes and notes to the same layout: fewer designs suffice (19)."""


@settings(
    max_examples=NETWORK_EXAMPLES,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(architectures())
def test_a_valid_design_draws_its_network_view(document: dict[str, Any]) -> None:
    """Every subnet of a generated design gets its route table and NACL, and nothing crashes."""
    with tempfile.TemporaryDirectory(prefix="archgen-network-") as folder:
        source = Path(folder) / "design.yaml"
        source.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
        out = Path(folder) / "out"
        args = ("render", str(source), "--out", str(out), "--view", "network")
        code, output = _invoke(*args, "--format", "svg,drawio", "--jobs", "1")
        assert code == 0, output
        drawio = (out / "generated.network.drawio").read_text(encoding="utf-8")
        subnets = [k for k, v in document["resources"].items() if v["type"] == "subnet"]
        assert drawio.count("Route table ") == len(subnets)
        assert drawio.count("NACL ") == len(subnets)
