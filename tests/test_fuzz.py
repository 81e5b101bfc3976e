"""Any input either loads or raises InvalidInput; what loads goes through every stage.

A design that passes `check` must also explain, lay out and trace: a hostile
pull request must not get a traceback out of any stage. Besides random text,
the mutants start from the parsed data of the shipped examples and change it
the way a careless or hostile author would (other types, edge values, other
ids, deleted keys, repeated items, new connections); each is validated
in-process, without writing YAML. `FUZZ_EXAMPLES` raises the count (`make fuzz`).
"""

from __future__ import annotations

import copy
import os
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, seed, settings
from hypothesis import strategies as st

from archgen.errors import InvalidInput
from archgen.explain.content import explain
from archgen.layout.drawing import plan
from archgen.loader import load_data, load_text
from archgen.loader.yaml_positions import decode
from archgen.model.architecture import Architecture
from archgen.network.calls import call_of
from archgen.network.journey import Journey, traced
from archgen.network.reach import connection_port, network_of
from archgen.network.verdict import HopVerdict
from archgen.render.markdown import render_markdown
from archgen.report.trace import format_trace
from archgen.rules.config import RunConfig
from archgen.rules.engine import run_rules
from archgen.rules.registry import ALL_RULES
from tests.conftest import ARCHITECTURES
from tests.fuzz_mutants import SOURCES, mutate, operations, parsed_source

CAPSTONE = yaml.safe_load((ARCHITECTURES / "capstone.yaml").read_text(encoding="utf-8"))


def _load_or_invalid(text: str) -> None:
    try:
        arch = load_text(text, "f.yaml")
    except InvalidInput as error:
        lines = max(1, len(text.splitlines()) + 1)
        for problem in error.problems:
            assert 1 <= problem.span.line <= lines, problem
            assert problem.span.column >= 1, problem
    else:
        assert arch.name


@given(st.text(max_size=300))
def test_random_text(text: str) -> None:
    _load_or_invalid(text)


@given(st.binary(max_size=200))
def test_random_bytes(data: bytes) -> None:
    try:
        text = decode(data, "f.yaml")
    except InvalidInput:
        return
    _load_or_invalid(text)


_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 70000),
    st.sampled_from(["", "vpc", "db", "10.0.0.0/16", "all", "1024-65535", "tcp", "x y"]),
)
_values: st.SearchStrategy[Any] = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=6,
)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


ALL_PATHS = _paths(CAPSTONE)[1:]
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""LibYAML's writer where PyYAML has it: the pure-Python one took most of the test's time."""


@given(st.sampled_from(ALL_PATHS), _values, st.booleans())
def test_mutated_capstone(path: tuple[Any, ...], value: Any, delete: bool) -> None:
    document = copy.deepcopy(CAPSTONE)
    parent = document
    for part in path[:-1]:
        parent = parent[part]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    _load_or_invalid(yaml.dump(document, Dumper=_DUMPER, sort_keys=False))


# -- mutants of the shipped designs, through every stage --------------------

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "2000"))


def _run_everything(arch: Architecture) -> None:
    """Check, explain, lay out and trace, as `check`, `render` and `trace` do."""
    config = RunConfig()
    findings = run_rules(arch, config=config)
    chosen = [rule for rule in ALL_RULES if config.selects(rule)]
    artifact = render_markdown(explain(arch, findings, chosen))
    assert artifact.data.startswith(b"# "), artifact.data[:80]
    drawing = plan(arch)
    assert drawing.dot.startswith("digraph"), drawing.dot[:80]
    network = network_of(arch)
    for index, connection in enumerate(arch.connections):
        port = connection_port(arch, connection)
        hop = network.hop(connection.source, connection.target, connection.protocol, port)
        assert hop.pairs, f"{connection.source} -> {connection.target} has no pair of places"
        traced_hop = traced(arch, call_of(arch, connection))
        assert traced_hop.hop == network.connection(index)
        text = format_trace(Journey(connection.source, connection.target, (traced_hop,)))
        assert text.startswith(f"{traced_hop.call.caller} -> "), text[:80]


SHARDS = 8
"""The mutants run as this many tests, each with its own seed, so pytest-xdist spreads them."""


@pytest.mark.spread
@pytest.mark.parametrize("shard", range(SHARDS))
def test_a_mutant_is_invalid_input_or_goes_through_every_stage(shard: int) -> None:
    count = EXAMPLES // SHARDS + (shard < EXAMPLES % SHARDS)

    @seed(shard)
    @settings(
        max_examples=max(count, 1), database=None, suppress_health_check=[HealthCheck.too_slow]
    )
    @given(st.integers(0, len(SOURCES) - 1), st.lists(operations, min_size=1, max_size=3))
    def mutant(index: int, operations: list[tuple[str, int, int]]) -> None:
        _check_mutant(index, operations)

    mutant()


def _check_mutant(index: int, operations: list[tuple[str, int, int]]) -> None:
    """Mutate a shipped design; it is invalid input at a real line, or goes through every stage."""
    base = parsed_source(index)
    document = copy.deepcopy(base.value)
    for operation in operations:
        mutate(document, index, operation)
    try:
        arch = load_data(document, base.source)
    except InvalidInput as error:
        problems = error.problems
        event("invalid input")
    else:
        event("loads, then goes through every stage")
        _run_everything(arch)
        return
    assert problems, "InvalidInput without a problem"
    for problem in problems:
        assert 1 <= problem.span.line <= len(base.source.lines), problem


def test_every_source_goes_through_every_stage() -> None:
    for index in range(len(SOURCES)):
        base = parsed_source(index)
        _run_everything(load_data(copy.deepcopy(base.value), base.source))


# -- crashes the mutants found, each kept as a small design --------------------------------

NAT_LOOP = """\
archgen: 1
name: t
title: T
region: us-east-1
resources:
  vpc: {type: vpc, cidr: 10.0.0.0/16}
  rt: {type: route_table, vpc: vpc, routes: [{destination: 0.0.0.0/0, target: nat}]}
  sub: {type: subnet, vpc: vpc, zone: us-east-1a, cidr: 10.0.1.0/24, route_table: rt}
  nat: {type: nat_gateway, subnet: sub}
  vm: {type: ec2, subnet: sub}
  bucket: {type: s3}
connections:
  - {from: vm, to: bucket, protocol: https}
"""


def test_a_nat_gateway_that_routes_to_itself_blocks_instead_of_recursing() -> None:
    """A NAT gateway in a subnet whose default route is that NAT: AWS accepts it, AG001 reports.

    The reachability walk followed the NAT's own route back into the NAT, forever.
    """
    arch = load_text(NAT_LOOP, "t.yaml")
    _run_everything(arch)
    hop = network_of(arch).hop("vm", "bucket", "https", 443)
    blocked = hop.first_block
    assert blocked is not None
    assert blocked[1].component == "rt"
    assert "loops back to a NAT gateway" in blocked[1].detail


def test_a_hop_over_no_pair_of_places_is_not_reachable() -> None:
    """Empty subnet lists gave a hop no pair of places, and `all(())` called it reachable."""
    assert not HopVerdict("a", "b", "tcp", 443, ()).reachable
