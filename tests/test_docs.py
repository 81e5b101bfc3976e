"""Generated documentation stays in step with the code."""

from __future__ import annotations

from archgen.report.rules import format_rules_markdown
from archgen.rules.registry import ALL_RULES
from tests.conftest import ROOT


def test_rules_reference_is_current() -> None:
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == format_rules_markdown(), "docs/rules.md is stale: run `make docs`"


def test_rules_reference_documents_every_rule() -> None:
    text = format_rules_markdown()
    for rule in ALL_RULES:
        assert f"### {rule.id}\n" in text
        assert rule.rationale in text
