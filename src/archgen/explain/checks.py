"""The check results as the text reports them: passed, not applicable, or findings.

"All rules pass" claims too much for a design a rule has nothing to look at in
(no VPC for the network ACL rules, no API for the access-log rule). A rule is
not applicable when every question it asked the model about a kind of resource
(`Architecture.resources_of`) found none; a rule that asked nothing, or found
something to look at, passed when it reported nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

from archgen.explain.facts import CheckFacts, FindingFacts, RuleResult
from archgen.findings import Finding
from archgen.model.architecture import Architecture
from archgen.model.resources.base import ResourceBase
from archgen.rules.base import Rule

R = TypeVar("R", bound=ResourceBase)


@dataclass(frozen=True)
class _Asking(Architecture):
    """The same design, noting whether each question about a kind of resource found any."""

    answers: list[bool] = field(default_factory=list, compare=False)

    def resources_of(self, kind: type[R]) -> Iterator[R]:
        """Return the resources of `kind`, noting whether there were any."""
        found = list(super().resources_of(kind))
        self.answers.append(bool(found))
        return iter(found)


def applies(rule: type[Rule], arch: Architecture) -> bool:
    """Tell whether `rule` found anything to look at in `arch`.

    The rule runs on a fresh copy, so the copy's own cache (the network
    analysis) is built under its eyes and every question is seen.
    """
    asking = _Asking(arch.document, arch.source)
    asking.answers.clear()  # building the model asked its own questions
    for _ in rule().check(asking):
        return True
    return not asking.answers or any(asking.answers)


def checks(arch: Architecture, rules: Sequence[type[Rule]], findings: list[Finding]) -> CheckFacts:
    """Return the rules that passed, those with nothing to check, the findings, the accepted.

    A suppressed finding is still a finding: its rule did not pass, and the
    text lists it as accepted with the author's reason.
    """
    failed = {f.rule for f in findings}
    passed: list[RuleResult] = []
    idle: list[RuleResult] = []
    for rule in rules:
        if rule.id in failed:
            continue
        (passed if applies(rule, arch) else idle).append(RuleResult(rule.id, rule.title))
    return CheckFacts(
        tuple(passed),
        tuple(idle),
        tuple(_facts(arch, f) for f in findings if not f.suppressed),
        _accepted([_facts(arch, f) for f in findings if f.suppressed]),
    )


def _accepted(found: list[FindingFacts]) -> tuple[FindingFacts, ...]:
    """Merge the accepted findings of one rule on one resource for one reason.

    The reason is read once: a rule that found three things the author
    accepted for the same reason lists the three things after it.
    """
    merged: dict[tuple[str, str, str], FindingFacts] = {}
    for f in found:
        key = (f.rule, f.resource, f.reason)
        if key in merged:
            merged[key] = replace(merged[key], message=f"{merged[key].message}; {f.message}")
        else:
            merged[key] = f
    return tuple(merged.values())


def _facts(arch: Architecture, finding: Finding) -> FindingFacts:
    reason = ""
    if finding.suppressed and finding.resource is not None:
        reason = next(
            (s.reason for s in arch.resource(finding.resource).suppress if s.rule == finding.rule),
            "",
        )
    return FindingFacts(
        finding.severity.value,
        finding.rule,
        str(finding.resource),
        finding.message,
        finding.span.line,
        " ".join(reason.split()),
    )
