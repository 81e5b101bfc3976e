"""A small file cannot ask archgen for minutes of work: such requests are refused or bounded."""

from __future__ import annotations

import pytest

from archgen.errors import InvalidInput
from archgen.loader import load_text
from archgen.loader.constraints import MAX_SUBNET_PAIRS
from archgen.loader.references import MAX_SUGGESTIONS

HEADER = "archgen: 1\nname: t\ntitle: T\nregion: us-east-1\nresources:\n"


def _fleet_and_databases(fleets: int, databases: int, subnets: int) -> str:
    lines = [HEADER + "  vpc: {type: vpc, cidr: 10.0.0.0/8}"]
    names = [f"s{i}" for i in range(subnets)]
    for i, name in enumerate(names):
        zone = "us-east-1" + "abcdef"[i % 6]
        lines.append(f"  {name}: {{type: subnet, vpc: vpc, zone: {zone}, cidr: 10.{i}.0.0/16}}")
    listed = ", ".join(names)
    lines += [f"  app{k}: {{type: autoscaling_group, subnets: [{listed}]}}" for k in range(fleets)]
    lines += [
        f"  db{m}: {{type: rds, engine: mysql, multi_az: true, subnets: [{listed}]}}"
        for m in range(databases)
    ]
    lines.append("connections:")
    lines += [
        f"  - {{from: app{k}, to: db{m}, protocol: mysql}}"
        for k in range(fleets)
        for m in range(databases)
    ]
    return "\n".join(lines) + "\n"


def test_connections_over_the_pair_budget_are_invalid_input() -> None:
    text = _fleet_and_databases(fleets=4, databases=4, subnets=20)  # 16 x 400 pairs
    with pytest.raises(InvalidInput) as raised:
        load_text(text, "t.yaml")
    (problem,) = raised.value.problems
    assert (problem.span.line, problem.span.column) == (
        text.splitlines().index("connections:") + 1,
        1,
    )
    assert f"ask for 6400 subnet pairs to be proven; archgen proves at most {MAX_SUBNET_PAIRS}" in (
        problem.message
    )


def test_connections_within_the_budget_load() -> None:
    arch = load_text(_fleet_and_databases(fleets=3, databases=4, subnets=20), "t.yaml")
    assert len(arch.connections) == 12


def test_only_the_first_wrong_references_get_a_suggestion() -> None:
    wrong = MAX_SUGGESTIONS + 20
    text = (
        HEADER
        + "  vpc: {type: vpc, cidr: 10.0.0.0/8}\n"
        + "".join(
            f"  s{i}: {{type: subnet, vpc: vxc, zone: us-east-1a, cidr: 10.0.{i}.0/24}}\n"
            for i in range(wrong)
        )
    )
    with pytest.raises(InvalidInput) as raised:
        load_text(text, "t.yaml")
    messages = [p.message for p in raised.value.problems]
    assert len(messages) == wrong
    assert sum("did you mean 'vpc'" in m for m in messages) == MAX_SUGGESTIONS
    assert all("'vxc' names no resource" in m for m in messages)
