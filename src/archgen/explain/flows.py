"""The flows' facts: each hop forward and back, as the network analysis proved it.

Every traffic fact comes from `network/`, as the AG3xx rules' do, so the text
cannot disagree with the checks; the verdicts are read through their fields,
never by taking their text apart.
"""

from __future__ import annotations

import itertools
from string import digits

from archgen.explain.facts import (
    Admission,
    Dns,
    End,
    FlowFacts,
    Inside,
    Leg,
    Outside,
    OutsideControls,
)
from archgen.explain.gather import ref, refs
from archgen.model.architecture import Architecture
from archgen.model.flows import flow_badges, flow_letter, step_connection
from archgen.model.resources.data import S3
from archgen.model.resources.edge import CloudFront, Route53
from archgen.model.resources.services import IamRole
from archgen.network.reach import network_of
from archgen.network.verdict import Direction, HopVerdict, Place


def flows(arch: Architecture) -> list[FlowFacts]:
    """Return each declared flow as its hops forward and back, as the analysis proved them."""
    badges = flow_badges(arch)
    reach = network_of(arch)
    multiple = len(arch.document.flows) > 1
    result = []
    for number, flow in enumerate(arch.document.flows):
        prefix = flow_letter(number) if multiple else ""
        forward: list[Leg] = []
        back: list[Leg] = []
        for source, target in itertools.pairwise(flow.steps):
            index = step_connection(arch, source, target)
            assert index is not None  # noqa: S101 (the loader refuses a step with no connection)
            hop = reach.connection(index)
            badge = next((b for b in badges.get(index, ()) if b.rstrip(digits) == prefix), "")
            forward.append(_leg(arch, hop, badge, "forward"))
            back.insert(0, _leg(arch, hop, badge, "return"))
        first = flow.steps[1] if len(flow.steps) > 1 else ""
        result.append(FlowFacts(flow.name, prefix, _dns(arch, first), tuple(forward), tuple(back)))
    return result


def _dns(arch: Architecture, first: str) -> Dns | None:
    """Return the alias record that resolves the flow's first call (the last one declared)."""
    aliases = {a: r for r in arch.resources_of(Route53) for a in r.aliases}
    if first not in aliases:
        return None
    return Dns(ref(arch, aliases[first].id), aliases[first].domain, ref(arch, first))


def _leg(arch: Architecture, hop: HopVerdict, badge: str, direction: Direction) -> Leg:
    """Return one hop one way: inside a VPC with its admissions, or outside with its controls."""
    ends = (hop.source, hop.target) if direction == "forward" else (hop.target, hop.source)
    path = _inside(arch, hop, direction) if hop.scope == "vpc" else _outside(arch, hop, direction)
    protocol = hop.protocol.upper()
    return Leg(badge, direction, ref(arch, ends[0]), ref(arch, ends[1]), protocol, hop.port, path)


def _inside(arch: Architecture, hop: HopVerdict, direction: Direction) -> Inside:
    """Return the first pair's subnets and admissions; every other pair gave the same result."""
    pair = hop.pairs[0]
    places = (pair.source, pair.target) if direction == "forward" else (pair.target, pair.source)
    admitted = tuple(
        Admission(step.kind, step.subject, step.way, step.rules)
        for step in pair.steps
        if step.direction == direction
    )
    standby = arch.resource(hop.target).facts.drawn == "primary_standby"
    return Inside((_end(places[0]), _end(places[1])), admitted, len(hop.pairs), standby)


def _end(place: Place) -> End:
    return End(place.subnet, place.zone, place.internet)


def _outside(arch: Architecture, hop: HopVerdict, direction: Direction) -> Outside:
    """Return whether the caller is on the internet and, going out, what governs the call."""
    client = "external" in arch.tiers_of(hop.source)
    controls = _controls(arch, hop.source, hop.target) if direction == "forward" else None
    return Outside(client, controls)


def _controls(arch: Architecture, source: str, target: str) -> OutsideControls:
    """Return what governs a call outside any VPC: TLS, Origin Access Control, IAM roles."""
    source_resource, target_resource = arch.resource(source), arch.resource(target)
    viewer = target_resource.viewer_protocol if isinstance(target_resource, CloudFront) else None
    oac = isinstance(source_resource, CloudFront) and source_resource.origin_access_control
    roles = [role for role in arch.roles_of(source) if target in arch.get(role, IamRole).allows]
    return OutsideControls(
        ref(arch, target), viewer, oac and isinstance(target_resource, S3), refs(arch, roles)
    )
