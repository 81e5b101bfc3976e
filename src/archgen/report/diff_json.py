"""`archgen diff --format json`: the machine contract of DESIGN.md §7.4.

schema/archgen-diff.schema.json describes it; a test validates every output
against that schema, so the two cannot drift apart.
"""

from __future__ import annotations

from archgen.diff.model import ArchitectureDiff, Exposure, Link, ZoneChange
from archgen.findings import Finding
from archgen.report.base import json_document


def format_diff_json(diffs: list[ArchitectureDiff]) -> str:
    """Return the contract JSON of a diff run."""
    summary = {
        "files": len(diffs),
        "exposure_opened": sum(len(d.behaviour.exposure_opened) for d in diffs),
        "findings_new": sum(len(d.behaviour.findings_new) for d in diffs),
        "findings_fixed": sum(len(d.behaviour.findings_fixed) for d in diffs),
    }
    return json_document({"diffs": [_diff(diff) for diff in diffs], "summary": summary})


def _diff(diff: ArchitectureDiff) -> dict[str, object]:
    done = diff.behaviour
    edits = diff.resources
    return {
        "name": diff.name,
        "old": diff.old,
        "new": diff.new,
        "resources": {
            "added": [rid for rid, _ in edits.added],
            "removed": [rid for rid, _ in edits.removed],
            "changed": [{"id": item.id, "fields": list(item.fields)} for item in edits.changed],
        },
        "connections": {
            "added": [_link(link) for link in diff.connections.added],
            "removed": [_link(link) for link in diff.connections.removed],
            "changed": [
                {**_link(item.link), "fields": list(item.fields)}
                for item in diff.connections.changed
            ],
        },
        "renamed": diff.renamed,
        "unreadable": [str(problem) for problem in diff.unreadable],
        "document": {"changed": list(diff.document)},
        "flows": {
            "added": list(diff.flows.added),
            "removed": list(diff.flows.removed),
            "changed": list(diff.flows.changed),
        },
        "exposure": {
            "opened": [_exposure(item) for item in done.exposure_opened],
            "closed": [_exposure(item) for item in done.exposure_closed],
        },
        "reachability": {
            "opened": [_reach(item.link) for item in done.reach_opened],
            "closed": [_reach(item.link) for item in done.reach_closed],
        },
        "zones": {
            "lost": [_zones(change) for change in done.zones_lost],
            "gained": [_zones(change) for change in done.zones_gained],
        },
        "findings": {
            "new": [_finding(f) for f in done.findings_new],
            "fixed": [_finding(f) for f in done.findings_fixed],
        },
    }


def _link(link: Link) -> dict[str, object]:
    return {"from": link.source, "to": link.target, "protocol": link.protocol, "port": link.port}


def _reach(link: Link) -> dict[str, object]:
    return {"from": link.source, "to": link.target, "port": link.port}


def _exposure(item: Exposure) -> dict[str, object]:
    return {"resource": item.resource, "protocol": item.protocol, "ports": item.ports}


def _zones(change: ZoneChange) -> dict[str, object]:
    return {"resource": change.resource, "before": list(change.before), "after": list(change.after)}


def _finding(finding: Finding) -> dict[str, object]:
    return {
        "rule": finding.rule,
        "resource": finding.resource,
        "severity": finding.severity.value,
        "message": finding.message,
    }
