"""Each rule's named cases: YAML that passes and YAML that fails, with exact findings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from archgen.loader import load_text
from archgen.rules.engine import run_rules
from archgen.rules.registry import ALL_RULES, rule_by_id
from tests.case_files import read_cases

CASE_FILES = sorted((Path(__file__).parent / "cases").glob("AG*.yaml"))


def _cases() -> list[Any]:
    return [
        pytest.param(item.spec["rule"], item.case, id=f"{item.spec['rule']}-{item.name}")
        for item in read_cases(CASE_FILES)
    ]


@pytest.mark.parametrize(("rule_id", "case"), _cases())
def test_rule_case(rule_id: str, case: dict[str, Any]) -> None:
    rule = rule_by_id(rule_id)
    assert rule is not None
    arch = load_text(case["architecture"], "case.yaml")
    found = [f for f in run_rules(arch) if f.rule == rule_id]
    located = [
        {"line": f.span.line, "column": f.span.column, "resource": f.resource} for f in found
    ]
    expected = [
        {key: item[key] for key in ("line", "column", "resource")} for item in case["expect"]
    ]
    assert located == expected
    for finding, item in zip(found, case["expect"], strict=True):
        assert item.get("message_contains", "") in finding.message
        assert item.get("severity", finding.severity) == finding.severity


def test_every_rule_has_a_firing_and_a_clean_case() -> None:
    covered: dict[str, set[bool]] = {}
    for path in CASE_FILES:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert path.stem == spec["rule"]
        for case in spec["cases"].values():
            covered.setdefault(spec["rule"], set()).add(bool(case["expect"]))
    assert covered == {rule.id: {True, False} for rule in ALL_RULES}


def test_rule_metadata_is_complete_and_ordered() -> None:
    ids = [rule.id for rule in ALL_RULES]
    assert ids == sorted(set(ids))
    for rule in ALL_RULES:
        assert rule.id[:2] == "AG"
        assert rule.id[2:].isdigit()
        assert len(rule.id) == 5
        for text in (rule.name, rule.title, rule.rationale, rule.remediation, rule.mirrors):
            assert text.strip()
        assert rule.id.lower() in rule.__module__
