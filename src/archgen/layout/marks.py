"""Findings on the picture: a small marker with the rule ids beside what they are about.

A flawed design must not look exactly like a good one. Errors and warnings
that are not suppressed mark the resource they are about: its first icon (so
a group drawn in two zones is not marked twice), or, for the network parts
that have no icon, the box or line that draws them: a subnet's box, the first
box of a security group, and in the network view the route-table or NACL line
of each subnet that uses the table or ACL (a finding on a subnet's
`route_table` or `nacl` field marks that line of the subnet). Notes and
suppressed findings leave the picture clean, as does a design with none; the
legend explains the marker only when one is drawn.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator

from archgen.findings import Finding, Severity
from archgen.layout.scene import Group, Scene

LEGEND = ("mark:error", "AG rule id: a finding of archgen check (red error, orange warning)")
"""The legend's row for markers: its key names the sample drawn, its text what it means."""

_LINES = {"route_table": "route-table", "nacl": "nacl"}
"""A subnet's field, and the note line that shows it (network view)."""

Marks = dict[tuple[str, str], tuple[list[str], Severity]]
"""Per (resource, field): the rule ids found, and the worst severity."""


def mark(scene: Scene, findings: Iterable[Finding]) -> None:
    """Put each resource's error and warning rule ids on its first icon, box or note line."""
    marks = _gather(findings)
    placed = False
    for (resource, field), (ids, worst) in marks.items():
        text = " ".join(sorted(ids))
        placed |= _on_icon(scene, resource, text, worst) or _on_parts(
            scene, resource, field, text, worst
        )
    if placed and LEGEND not in scene.legend:
        scene.legend.append(LEGEND)


def _gather(findings: Iterable[Finding]) -> Marks:
    """Return the rule ids per resource (and per subnet line), errors and warnings only."""
    marks: Marks = {}
    for finding in findings:
        if finding.suppressed or finding.severity == Severity.NOTE or finding.resource is None:
            continue
        field = finding.field if finding.field in _LINES else ""
        ids, worst = marks.setdefault((finding.resource, field), ([], finding.severity))
        if finding.rule not in ids:
            ids.append(finding.rule)
        if finding.severity.rank > worst.rank:
            marks[(finding.resource, field)] = (ids, finding.severity)
    return marks


def _on_icon(scene: Scene, resource: str, text: str, worst: Severity) -> bool:
    """Mark the resource's first icon; tell whether it has one."""
    copies = scene.copies.get(resource) or scene.interfaces.get(resource) or []
    if not copies:
        return False
    node = scene.nodes[copies[0]]
    scene.nodes[node.id] = dataclasses.replace(node, marker=text, severity=worst.value)
    return True


def _on_parts(scene: Scene, resource: str, field: str, text: str, worst: Severity) -> bool:
    """Mark the boxes and note lines that draw a network part; tell whether any was found."""
    found = False
    for group in _groups(scene.cloud):
        if group.kind.startswith("subnet") and group.cell == resource:
            line = _LINES.get(field, "")
            if line and any(icon == line for icon, _ in group.notes):
                _note(group, line, text, worst)
            else:
                _box(group, text, worst)
            found = True
        elif group.kind == "sg" and resource in group.cell.split("@")[0].split("+"):
            if not found:  # a security group drawn in every subnet is marked once
                _box(group, text, worst)
            found = True
        else:
            for icon, line in group.notes:
                if icon in ("route-table", "nacl") and line.split(" ")[0].rstrip(":") == resource:
                    _note(group, icon, text, worst)
                    found = True
    return found


def _box(group: Group, text: str, worst: Severity) -> None:
    group.marker = " ".join(sorted({*group.marker.split(), *text.split()}))
    group.severity = _worse(group.severity, worst)


def _note(group: Group, icon: str, text: str, worst: Severity) -> None:
    ids, severity = group.note_marks.get(icon, ("", ""))
    group.note_marks[icon] = (
        " ".join(sorted({*ids.split(), *text.split()})),
        _worse(severity, worst),
    )


def _worse(severity: str, other: Severity) -> str:
    """Return the worse of a marker's severity so far and another finding's."""
    return "error" if Severity.ERROR.value in (severity, other.value) else other.value


def _groups(group: Group) -> Iterator[Group]:
    yield group
    for child in group.groups:
        yield from _groups(child)
