"""The behaviour of a change in sentences: "opens tcp 22 on bastion to the internet".

A sentence is archgen's words with `{}` where a value from the file goes (an
id, a zone), plus an optional detail (a finding's message, what blocks a
path). Each output fills the slots with its own escaping (terminal text,
Markdown code spans), so the wording is written once and no value from a
pull request can act as markup in any of them. What archgen itself derives
(protocols, port numbers, rule ids, severities) is part of the words.
"""

from __future__ import annotations

from dataclasses import dataclass

from archgen.diff.model import ArchitectureDiff, Behaviour, Exposure, Reach, ZoneChange
from archgen.findings import Finding


@dataclass(frozen=True)
class Sentence:
    """One line of the summary: a template, the values of its slots, and a detail."""

    template: str
    values: tuple[str, ...]
    detail: str = ""
    worse: bool = True
    """Whether the change makes things worse (listed first)."""
    topic: str = "exposure"
    """exposure, reach, zones or findings: an output with a findings table can say less here."""


def sentences(diff: ArchitectureDiff) -> list[Sentence]:
    """Return the behaviour of `diff`, what got worse first, each group in file order."""
    done: Behaviour = diff.behaviour
    groups = [
        exposure_sentences(done),
        _reach_sentences(done),
        _zone_sentences(done),
        finding_sentences(done),
    ]
    return [s for group in groups for s in group if s.worse] + [
        s for group in groups for s in group if not s.worse
    ]


def exposure_sentences(done: Behaviour) -> list[Sentence]:
    """Return the ports opened to the internet, then those closed."""
    return [
        *(_exposure("opens", item) for item in done.exposure_opened),
        *(_exposure("closes", item) for item in done.exposure_closed),
    ]


def _reach_sentences(done: Behaviour) -> list[Sentence]:
    return [
        *(_reach(item, now=False) for item in done.reach_closed),
        *(_reach(item, now=True) for item in done.reach_opened),
    ]


def _zone_sentences(done: Behaviour) -> list[Sentence]:
    return [
        *(_zones("loses", change, change.lost) for change in done.zones_lost),
        *(_zones("gains", change, change.gained) for change in done.zones_gained),
    ]


def finding_sentences(done: Behaviour) -> list[Sentence]:
    """Return the findings the change brings, then those it fixes."""
    return [
        *(_finding("new", finding) for finding in done.findings_new),
        *(_finding("fixes", finding) for finding in done.findings_fixed),
    ]


def _exposure(verb: str, item: Exposure) -> Sentence:
    ports = "all ports" if item.ports == "all" else item.ports
    template = f"{verb} {item.protocol} {ports} on {{}} to the internet"
    return Sentence(template, (item.resource,), worse=verb == "opens")


def _reach(item: Reach, *, now: bool) -> Sentence:
    link = item.link
    verb = "now reaches" if now else "no longer reaches"
    template = f"{{}} {verb} {{}} on {link.protocol} {link.port}"
    values = (link.source, link.target)
    return Sentence(template, values, item.blocked_by, worse=not now, topic="reach")


def _zones(verb: str, change: ZoneChange, zones: tuple[str, ...]) -> Sentence:
    slots = ", ".join(["{}"] * len(zones))
    values = (change.resource, *zones)
    detail = change.why if verb == "loses" else ""
    return Sentence(f"{{}} {verb} {slots}", values, detail, worse=verb == "loses", topic="zones")


def _finding(verb: str, finding: Finding) -> Sentence:
    where = " on {}" if finding.resource else ""
    values = (finding.resource,) if finding.resource else ()
    template = f"{verb} {finding.severity.value} {finding.rule}{where}"
    return Sentence(template, values, finding.message, worse=verb == "new", topic="findings")


def headline(diffs: list[ArchitectureDiff]) -> str:
    """Return the run's one-line count, e.g. "2 architectures changed: 1 exposure opened, ..."."""
    changed = [diff for diff in diffs if not diff.empty]
    opened = sum(len(diff.behaviour.exposure_opened) for diff in diffs)
    new = sum(len(diff.behaviour.findings_new) for diff in diffs)
    fixed = sum(len(diff.behaviour.findings_fixed) for diff in diffs)
    if not changed:
        if not diffs:
            return "no architecture changed"
        return f"no change ({len(diffs)} architecture{_s(len(diffs))} compared)"
    return (
        f"{len(changed)} architecture{_s(len(changed))} changed: "
        f"{opened} exposure{_s(opened)} opened, {new} finding{_s(new)} new, {fixed} fixed"
    )


def _s(count: int) -> str:
    return "" if count == 1 else "s"
