"""Suppressions hide a finding only while they are live, and never an integrity finding."""

from __future__ import annotations

import datetime

from archgen.loader import load_text
from archgen.rules.base import MetaRule
from archgen.rules.engine import run_rules
from archgen.rules.integrity.unsuppressible import UNSUPPRESSIBLE
from archgen.rules.registry import ALL_RULES

BUCKET = (
    "archgen: 1\nname: t\ntitle: T\nregion: us-east-1\nresources:\n"
    "  photos:\n    type: s3\n    block_public_access: false\n    suppress:\n"
    "      - {{rule: AG403, reason: public demo, expires: {expires}}}\n"
)


def _findings(expires: str, today: datetime.date) -> list[tuple[str, bool]]:
    arch = load_text(BUCKET.format(expires=expires), "t.yaml")
    return [(f.rule, f.suppressed) for f in run_rules(arch, today=today)]


def test_a_live_suppression_hides_its_finding() -> None:
    assert _findings("2027-06-30", datetime.date(2027, 6, 30)) == [("AG403", True)]


def test_an_expired_suppression_lapses_and_is_reported() -> None:
    assert _findings("2027-06-30", datetime.date(2027, 7, 1)) == [
        ("AG403", False),
        ("AG002", False),
    ]


def test_integrity_findings_are_never_suppressed() -> None:
    arch = load_text(
        "archgen: 1\nname: t\ntitle: T\nregion: us-east-1\nresources:\n"
        "  vpc: {type: vpc, cidr: 10.0.0.0/16}\n"
        "  s:\n    type: subnet\n    vpc: vpc\n    zone: us-east-1a\n    cidr: 10.9.0.0/24\n"
        "    kind: public\n"
        "    suppress: [{rule: AG001, reason: lab}, {rule: AG201, reason: routes come later}]\n",
        "t.yaml",
    )
    found = [(f.rule, f.resource, f.suppressed) for f in run_rules(arch)]
    assert found == [
        ("AG301", "s", False),
        ("AG001", "s", False),
        ("AG201", "s", True),
        ("AG003", "s", False),
    ]


def test_what_aws_refuses_is_never_suppressed() -> None:
    arch = load_text(
        "archgen: 1\nname: t\ntitle: T\nregion: us-east-1\nresources:\n"
        "  bucket:\n    type: s3\n    encrypted: false\n"
        "    suppress: [{rule: AG004, reason: legacy bucket}]\n",
        "t.yaml",
    )
    found = [(f.rule, f.suppressed, f.message) for f in run_rules(arch)]
    assert [(rule, suppressed) for rule, suppressed, _ in found] == [
        ("AG004", False),
        ("AG003", False),
    ]
    assert found[1][2] == "AG004 cannot be suppressed: fix the design instead"


def test_the_unsuppressible_list_follows_the_rules_flags() -> None:
    flagged = {
        rule.id for rule in ALL_RULES if not rule.suppressible and not issubclass(rule, MetaRule)
    }
    assert flagged == UNSUPPRESSIBLE
