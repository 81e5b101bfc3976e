"""Each network semantic of reference/reachability.md, with the verdict AWS would give.

The cases live in cases/*.yaml: a network added to the file's `base`, and one hop.

A case names its hop as `[source, target, protocol, port]` and may expect:
`reachable` (the hop's verdict), `block` (the fields of the first pair's block, each exact),
`admitted` / `not_admitted` (what admitted the packet, on any pair), `steps` (the kinds of the
first pair's steps, in order) and `steps_include` (direction, kind, component of some steps).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from archgen.loader import load_text
from archgen.network.reach import network_of
from archgen.network.verdict import HopVerdict
from tests.case_files import read_cases

CASE_FILES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))
EXPECTATIONS = {"reachable", "block", "admitted", "not_admitted", "steps", "steps_include"}


def _cases() -> list[Any]:
    return [
        pytest.param(item.spec["base"], item.case, id=f"{item.path.stem}-{item.name}")
        for item in read_cases(CASE_FILES)
    ]


def _hop(base: str, case: dict[str, Any]) -> HopVerdict:
    text = base + "".join(f"  {line}\n" for line in case["resources"].splitlines())
    source, target, protocol, port = case["hop"]
    return network_of(load_text(text, "t.yaml")).hop(source, target, protocol, port)


@pytest.mark.parametrize(("base", "case"), _cases())
def test_network_case(base: str, case: dict[str, Any]) -> None:
    assert set(case) - {"resources", "hop"} <= EXPECTATIONS
    assert EXPECTATIONS & set(case), "a case expects something"
    hop = _hop(base, case)
    admitted = [step.admitted_by for pair in hop.pairs for step in pair.steps]
    if "reachable" in case:
        assert hop.reachable is case["reachable"], hop.first_block
    if "block" in case:
        assert not hop.reachable
        block = hop.pairs[0].block
        assert block is not None
        assert {key: getattr(block, key) for key in case["block"]} == case["block"]
    for text in case.get("admitted", []):
        assert text in admitted
    for text in case.get("not_admitted", []):
        assert text not in admitted
    if "steps" in case:
        assert [step.kind for step in hop.pairs[0].steps] == case["steps"]
    steps = [[step.direction, step.kind, step.component] for step in hop.pairs[0].steps]
    for step in case.get("steps_include", []):
        assert step in steps
