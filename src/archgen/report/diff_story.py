"""A redesign told from its diff: what left, what came, what became of exposure and the rest.

Exposure, zones, findings and operations each get a section. The course's
redesign (EC2 to serverless) is a diff; told as prose it shows a student what
the new design buys, in the same facts `archgen diff` checks, so the story
cannot claim what the analysis does not see. Every value from the files is
escaped for Markdown.
"""

from __future__ import annotations

from collections.abc import Iterable

from archgen.diff.model import ArchitectureDiff, Link
from archgen.diff.summary import Sentence, exposure_sentences, finding_sentences
from archgen.model.architecture import Architecture
from archgen.model.resources.facts import HoldsRole
from archgen.safe_markdown import code, text


def format_story(diff: ArchitectureDiff, level: int = 2) -> str:
    """Return the story of `diff` as Markdown sections headed at `level`."""
    before, after = diff.before, diff.after
    if before is None or after is None:
        raise ValueError("a story needs both designs")
    hashes = "#" * level
    sections = [
        (
            "What left",
            _by_service(before, [rid for rid, _ in diff.resources.removed]),
        ),
        ("What came", _by_service(after, [rid for rid, _ in diff.resources.added])),
        ("What stayed", _stayed(diff, after)),
        ("Exposure to the internet", _exposure(diff, before, after)),
        ("Availability Zones", _zones(before, after)),
        ("Findings", _findings(diff)),
        ("Operations", _operations(before, after)),
    ]
    return "\n\n".join(f"{hashes} {title}\n\n{body}" for title, body in sections) + "\n"


def _by_service(arch: Architecture, ids: list[str]) -> str:
    if not ids:
        return "Nothing."
    groups: dict[str, list[str]] = {}
    for resource_id in ids:
        groups.setdefault(arch.resource(resource_id).facts.service, []).append(resource_id)
    return "\n".join(f"- {text(service)}: {_ids(found)}" for service, found in groups.items())


def _stayed(diff: ArchitectureDiff, after: Architecture) -> str:
    gone = {rid for rid, _ in diff.resources.removed}
    new = {rid for rid, _ in diff.resources.added}
    kept = [rid for rid in after.resources if rid not in new and rid not in gone]
    if not kept:
        return "Nothing: the redesign replaced every resource."
    changed = {item.id: item.fields for item in diff.resources.changed}
    lines = [
        f"- {code(rid)} ({text(after.resource(rid).facts.service)})"
        + (f": {', '.join(code(f) for f in changed[rid])} changed" if rid in changed else "")
        for rid in kept
    ]
    return "\n".join(lines)


def _exposure(diff: ArchitectureDiff, before: Architecture, after: Architecture) -> str:
    said = exposure_sentences(diff.behaviour)
    lines = [f"- It {_sentence(s)}." for s in said] or [
        "- No resource in a VPC gained or lost a port open to the internet."
    ]
    lines.append(
        f"- Clients came in through {_doors(before)}; now they come in through {_doors(after)}."
    )
    return "\n".join(lines)


def _doors(arch: Architecture) -> str:
    """Name what clients on the internet connect to, with protocol and port."""
    doors = [
        link
        for link in _links(arch)
        if arch.placement_of(link.source) == "outside"
        and arch.placement_of(link.target) != "outside"
    ]
    if not doors:
        return "nothing declared"
    return ", ".join(f"{code(link.target)} ({link.protocol} {link.port})" for link in doors)


def _links(arch: Architecture) -> Iterable[Link]:
    for connection in arch.connections:
        yield Link(
            connection.source, connection.target, connection.protocol, arch.port_of(connection)
        )


def _zones(before: Architecture, after: Architecture) -> str:
    old, new = _placed_zones(before), _placed_zones(after)
    if old == new:
        return f"Both designs place resources in {_zones_text(old)}."
    if not new:
        return (
            f"The old design placed resources in {_zones_text(old)} and had to survive the loss "
            "of each. The new one places none in a zone: every service is regional or global, "
            "and AWS runs it across the Region's zones."
        )
    return (
        f"The old design placed resources in {_zones_text(old)}; the new one in {_zones_text(new)}."
    )


def _placed_zones(arch: Architecture) -> list[str]:
    return sorted({zone for rid in arch.resources for zone in arch.zones_of(rid)})


def _zones_text(zones: list[str]) -> str:
    return ", ".join(code(zone) for zone in zones) if zones else "no Availability Zone"


def _findings(diff: ArchitectureDiff) -> str:
    said = finding_sentences(diff.behaviour)
    if not said:
        return "The checks find the same in both designs."
    return "\n".join(f"- {_sentence(s)}" for s in said)


def _operations(before: Architecture, after: Architecture) -> str:
    old_compute, new_compute = _compute(before), _compute(after)
    old_network, new_network = _network_count(before), _network_count(after)
    return "\n".join(
        [
            f"- Code ran on {old_compute}; it now runs on {new_compute}.",
            f"- Network resources to configure and keep right (VPC, subnets, routes, NACLs, "
            f"security groups, gateways): {old_network} before, {new_network} after.",
        ]
    )


def _compute(arch: Architecture) -> str:
    found = [
        f"{code(rid)} ({text(resource.facts.service)})"
        for rid, resource in arch.resources.items()
        if isinstance(resource, HoldsRole)
    ]
    return ", ".join(found) or "nothing of the design's own"


def _network_count(arch: Architecture) -> int:
    return sum(1 for rid in arch.resources if "network" in arch.tiers_of(rid))


def _ids(ids: list[str]) -> str:
    return ", ".join(code(resource_id) for resource_id in ids)


def _sentence(sentence: Sentence) -> str:
    said = sentence.template.format(*(code(value) for value in sentence.values))
    return f"{said}: {text(sentence.detail)}" if sentence.detail else said
