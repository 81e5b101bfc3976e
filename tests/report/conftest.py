"""A fixed, small rule set for the report goldens, so a new rule does not rewrite them.

SARIF lists the whole rule catalogue and JUnit has a test case per rule: over the real
catalogue, adding a rule or a resource type would change every report golden although no
report changed. The formatters read `ALL_RULES` themselves and take no rule set, so this
test seam puts the rules of the fixtures' findings in its place, where the check runs its
rules and where the formatters read the catalogue. test_reports.py checks separately that
the real SARIF lists every rule of ALL_RULES.
"""

from __future__ import annotations

import functools

import pytest

from archgen.report import junit, sarif
from archgen.rules import engine, registry
from archgen.rules.base import Rule

GOLDEN_RULE_IDS = ("AG002", "AG003", "AG401", "AG402", "AG403", "AG501", "AG601")
"""The rules the findings of the golden fixtures come from, or that they suppress."""


def golden_rules() -> tuple[type[Rule], ...]:
    """Return the rules of GOLDEN_RULE_IDS, in catalogue order."""
    rules = tuple(rule for rule in registry.ALL_RULES if rule.id in GOLDEN_RULE_IDS)
    assert [rule.id for rule in rules] == list(GOLDEN_RULE_IDS)
    return rules


@pytest.fixture
def fixed_rules(monkeypatch: pytest.MonkeyPatch) -> tuple[type[Rule], ...]:
    """Run `archgen check` and its formatters with the golden rules as the whole catalogue."""
    rules = golden_rules()
    monkeypatch.setattr(engine, "run_rules", functools.partial(engine.run_rules, rules=rules))
    for module in (registry, sarif, junit):
        monkeypatch.setattr(module, "ALL_RULES", rules)
    return rules
