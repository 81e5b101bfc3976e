"""Findings on the picture: a small marker with the rule ids beside a resource's icon.

A flawed design must not look exactly like a good one. Errors and warnings
that are not suppressed mark the resource they are about (its first icon, so
a group drawn in two zones is not marked twice); notes and suppressed
findings leave the picture clean, as does a design with none.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from archgen.findings import Finding, Severity
from archgen.layout.scene import Scene

MARK_PREFIX = "mark:"
"""A legend key for a marker: `mark:<severity>:<a rule id drawn with it>`."""
_MEANINGS = {
    "error": "error found by archgen check (rule id)",
    "warning": "warning found by archgen check (rule id)",
}


def mark(scene: Scene, findings: Iterable[Finding]) -> None:
    """Put each resource's error and warning rule ids on its first icon."""
    rules: dict[str, list[str]] = {}
    worst: dict[str, Severity] = {}
    for finding in findings:
        if not marks(finding) or finding.resource is None:
            continue
        resource = finding.resource
        if finding.rule not in rules.setdefault(resource, []):
            rules[resource].append(finding.rule)
        if resource not in worst or finding.severity.rank > worst[resource].rank:
            worst[resource] = finding.severity
    for resource, ids in rules.items():
        copies = scene.copies.get(resource) or scene.interfaces.get(resource) or []
        if not copies:
            continue
        node = scene.nodes[copies[0]]
        scene.nodes[node.id] = dataclasses.replace(
            node, marker=" ".join(sorted(ids)), severity=worst[resource].value
        )
    scene.legend += _legend(scene)


def _legend(scene: Scene) -> list[tuple[str, str]]:
    """Return a key row per severity of marker drawn, shown with one of its rule ids.

    A marker is read only once it is explained: a reader new to archgen sees a
    red `AG104` and must learn it is a rule of the check, not an AWS label.
    """
    sample: dict[str, str] = {}
    for node in scene.nodes.values():
        if node.marker:
            sample.setdefault(node.severity, node.marker.split()[0])
    return [
        (f"{MARK_PREFIX}{severity}:{sample[severity]}", meaning)
        for severity, meaning in _MEANINGS.items()
        if severity in sample
    ]


def legend_mark(key: str) -> tuple[str, str] | None:
    """Return (severity, rule id) of a legend key for a marker, or None for another key."""
    if not key.startswith(MARK_PREFIX):
        return None
    severity, _, rule = key.removeprefix(MARK_PREFIX).partition(":")
    return severity, rule


def marks(finding: Finding) -> bool:
    """Tell whether a finding marks the picture: an error or warning on a resource, not accepted."""
    return (
        not finding.suppressed
        and finding.severity != Severity.NOTE
        and finding.resource is not None
    )
