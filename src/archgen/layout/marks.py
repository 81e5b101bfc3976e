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


def marks(finding: Finding) -> bool:
    """Tell whether a finding marks the picture: an error or warning on a resource, not accepted."""
    return (
        not finding.suppressed
        and finding.severity != Severity.NOTE
        and finding.resource is not None
    )
