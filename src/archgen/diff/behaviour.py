"""What a change does: internet exposure, reachability, zones and findings, before and after.

Each side is asked the questions `archgen check` and `archgen trace` ask
(the network analysis, the rule engine under the run's settings), so the
diff cannot disagree with them; only the answers are compared here.
"""

from __future__ import annotations

from archgen.diff.compare import links
from archgen.diff.front_doors import front_door_ports
from archgen.diff.model import Behaviour, Exposure, Link, Reach, ZoneChange
from archgen.findings import Finding
from archgen.model.architecture import Architecture
from archgen.network.exposure import internet_ports
from archgen.network.intervals import IntervalSet
from archgen.network.reach import network_of
from archgen.rules.config import RunConfig
from archgen.rules.engine import run_rules


def behaviour(
    before: Architecture | None, after: Architecture | None, config: RunConfig | None = None
) -> Behaviour:
    """Return what changes between the two versions' answers."""
    old_surface, new_surface = _surface(before), _surface(after)
    old_reach, new_reach = _verdicts(before), _verdicts(after)
    zones = _zones(before, after)
    old_findings, new_findings = _findings(before, config), _findings(after, config)
    return Behaviour(
        exposure_opened=_opened(old_surface, new_surface),
        exposure_closed=_opened(new_surface, old_surface),
        reach_opened=tuple(
            Reach(link)
            for link, (ok, _) in new_reach.items()
            if ok and _was(old_reach, link, ok=False)
        ),
        reach_closed=tuple(
            Reach(link, why)
            for link, (ok, why) in new_reach.items()
            if not ok and _was(old_reach, link, ok=True)
        ),
        zones_lost=tuple(change for change in zones if change.lost),
        zones_gained=tuple(change for change in zones if change.gained),
        findings_new=tuple(f for key, f in new_findings.items() if key not in old_findings),
        findings_fixed=tuple(f for key, f in old_findings.items() if key not in new_findings),
    )


Surface = dict[tuple[str, str], IntervalSet]


def _surface(arch: Architecture | None) -> Surface:
    """Return the ports the internet reaches, per resource and IP protocol, in file order.

    In a VPC the network analysis says; outside one, a front door is reached by what it is.
    """
    if arch is None:
        return {}
    network = network_of(arch)
    return {
        (resource_id, protocol): ports
        for resource_id in arch.resources
        for protocol, ports in (
            internet_ports(arch, resource_id)
            if network.in_vpc(resource_id)
            else front_door_ports(arch, resource_id)
        ).items()
    }


def _opened(before: Surface, after: Surface) -> tuple[Exposure, ...]:
    """Return what `after` exposes that `before` did not, one entry per range of ports."""
    found = []
    for (resource_id, protocol), ports in after.items():
        more = ports - before.get((resource_id, protocol), IntervalSet())
        found += [Exposure(resource_id, protocol, _ports(low, high)) for low, high in more]
    return tuple(found)


def _ports(low: int, high: int) -> str:
    """Write a port range as the format does: 22, 1024-65535 or all."""
    if (low, high) == (0, 65535):
        return "all"
    return str(low) if low == high else f"{low}-{high}"


def _verdicts(arch: Architecture | None) -> dict[Link, tuple[bool, str]]:
    """Return whether each declared connection is reachable, and what blocks it if not."""
    if arch is None:
        return {}
    network = network_of(arch)
    found: dict[Link, tuple[bool, str]] = {}
    for link, index in links(arch).items():
        hop = network.connection(index)
        block = hop.first_block
        found[link] = (hop.reachable, f"blocked on the {block[1].describe()}" if block else "")
    return found


def _was(verdicts: dict[Link, tuple[bool, str]], link: Link, *, ok: bool) -> bool:
    """Tell whether the connection existed before with the verdict `ok`."""
    return link in verdicts and verdicts[link][0] is ok


def _zones(before: Architecture | None, after: Architecture | None) -> list[ZoneChange]:
    """Return the resources in subnets on both sides whose Availability Zones differ.

    A subnet's own zone is a field (the resource diff shows it); the zones
    that matter here are those a service runs in, which a loss can take away.
    """
    if before is None or after is None:
        return []
    changes = []
    for resource_id in after.resources:
        if resource_id not in before.resources or _is_subnet(after, resource_id):
            continue
        old, new = before.serving_zones(resource_id), after.serving_zones(resource_id)
        if old and new and set(old) != set(new):
            why = _why_lost(before, after, resource_id, set(old) - set(new))
            changes.append(ZoneChange(resource_id, tuple(sorted(old)), tuple(sorted(new)), why))
    return changes


def _why_lost(before: Architecture, after: Architecture, resource_id: str, lost: set[str]) -> str:
    """Say what went when the subnets still reach a lost zone: the standby or the readers."""
    if not lost or not lost <= set(after.zones_of(resource_id)):
        return ""
    held = before.resource(resource_id).failover()
    return f"it no longer has {held}" if held else ""


def _is_subnet(arch: Architecture, resource_id: str) -> bool:
    return arch.subnets_of(resource_id) == (resource_id,)


FindingKey = tuple[str, str | None, str]


def _findings(arch: Architecture | None, config: RunConfig | None) -> dict[FindingKey, Finding]:
    """Return the active findings, keyed by what they say rather than where.

    A line that moves because text was added above it is the same finding.
    """
    if arch is None:
        return {}
    return {
        (f.rule, f.resource, f.message): f
        for f in run_rules(arch, config=config)
        if not f.suppressed
    }
