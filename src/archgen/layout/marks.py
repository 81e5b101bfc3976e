"""Findings on the picture: a small marker with the rule ids beside what they are about.

A flawed design must not look exactly like a good one. Errors and warnings
that are not suppressed mark the resource they are about where the picture
draws it whole: an Auto Scaling group's box (a finding on the group concerns
every instance, not the one in the first zone), a VPC function's one icon
(not its network interfaces), or else each of its icons (an interface
endpoint or a database drawn in every subnet it has an interface in: each
copy is the same resource). For the network parts
that have no icon, the box or line that draws them: a subnet's box, the first
box of a security group, and in the network view the route-table or NACL line
of each subnet that uses the table or ACL (a finding on a subnet's
`route_table` or `nacl` field marks that line of the subnet). Notes and
suppressed findings leave the picture clean, as does a design with none. The
legend gives each rule id drawn a row of its own, in rule-id order: its tag in
the colour of its worst finding and the rule's title (`archgen rules`), so a
reader learns what `AG301` means without running the check.
"""

from __future__ import annotations

from collections.abc import Iterable

from archgen.findings import Finding, Severity
from archgen.layout.groups import box_ids
from archgen.layout.scene import Group, Scene, walk

_LINES = {"route_table": "route-table", "nacl": "nacl"}
"""A subnet's field, and the note line that shows it (network view)."""

Marks = dict[tuple[str, str], tuple[list[str], Severity]]
"""Per (resource, field): the rule ids found, and the worst severity."""

MARK_PREFIX = "mark:"
"""A legend key for a marker: `mark:<severity>:<the rule id it explains>`."""


def mark(scene: Scene, findings: Iterable[Finding]) -> None:
    """Put each resource's error and warning rule ids on its first icon, box or note line."""
    found = [finding for finding in findings if marks(finding)]
    drawn: set[str] = set()
    for (resource, field), (ids, worst) in _gather(found).items():
        text = " ".join(sorted(ids))
        if _on_icon(scene, resource, text, worst) or _on_parts(scene, resource, field, text, worst):
            drawn.update(ids)
    scene.legend += _legend([finding for finding in found if finding.rule in drawn])


def _gather(findings: Iterable[Finding]) -> Marks:
    """Return the rule ids per resource (and per subnet line), errors and warnings only."""
    found: Marks = {}
    for finding in findings:
        if not marks(finding) or finding.resource is None:
            continue
        field = finding.field if finding.field in _LINES else ""
        ids, worst = found.setdefault((finding.resource, field), ([], finding.severity))
        if finding.rule not in ids:
            ids.append(finding.rule)
        if finding.severity.rank > worst.rank:
            found[(finding.resource, field)] = (ids, finding.severity)
    return found


def _on_icon(scene: Scene, resource: str, text: str, worst: Severity) -> bool:
    """Mark the box or the icons that draw the whole resource; tell whether it has any."""
    copies = scene.copies.get(resource) or scene.interfaces.get(resource) or []
    if not copies:
        return False
    whole = next((g for g in walk(scene.cloud) if g.id in box_ids(resource)), None)
    if whole is not None:
        _box(whole, text, worst)
        return True
    for node in [scene.nodes[copy] for copy in copies]:
        scene.nodes[node.id] = node._replace(marker=text, severity=worst.value)
    return True


def _on_parts(scene: Scene, resource: str, field: str, text: str, worst: Severity) -> bool:
    """Mark the boxes and note lines that draw a network part; tell whether any was found."""
    found = False
    for group in walk(scene.cloud):
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


def _legend(drawn: list[Finding]) -> list[tuple[str, str]]:
    """Return a key row per rule id drawn, in rule-id order: its worst severity and its title.

    A marker is read only once it is explained: a reader new to archgen sees a
    red `AG104` and must learn it is a rule of the check, not an AWS label, and
    which rule. The title states what the rule expects; the row says it is not met
    ("expected" alone read as "this warning was expected").
    """
    rules: dict[str, tuple[Severity, str]] = {}
    for finding in drawn:
        worst, title = rules.get(finding.rule, (finding.severity, finding.title))
        if finding.severity.rank > worst.rank:
            worst = finding.severity
        rules[finding.rule] = (worst, title or finding.title)
    return [
        (f"{MARK_PREFIX}{worst.value}:{rule}", _meaning(worst, title))
        for rule, (worst, title) in sorted(rules.items())
    ]


def _meaning(severity: Severity, title: str) -> str:
    """Return a marker row's text: the rule's title, or what a marker is when it has none."""
    if not title:  # a finding made by hand, not by the check
        return f"{severity.value} found by archgen check (rule id)"
    return f"{severity.value}, rule not met: {title}"


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
