"""Collect the explanation's facts about services, layers and zones from the model.

Nothing here words anything: the partials in templates/explanation/ do. The
flows' facts are in `flows`, the security layers' in `security`, the notes a
predicate chooses for each resource in `notes`.
"""

from __future__ import annotations

from archgen.explain.facts import Effect, LayerFacts, Outcome, Ref, ServiceFacts, ZoneRow
from archgen.explain.knowledge import RATIONALES
from archgen.explain.notes import notes_of
from archgen.explain.refs import ref, refs
from archgen.model.architecture import Architecture
from archgen.model.resources.base import ResourceBase
from archgen.model.resources.data import Rds
from archgen.model.resources.edge import LoadBalancer
from archgen.model.resources.facts import HoldsRole
from archgen.model.resources.network import NatGateway, Subnet

_WEB = frozenset({"http", "https"})
"""The protocols a browser loads pages with."""


def zones(arch: Architecture) -> list[str]:
    """Return every Availability Zone the design places something in, sorted."""
    return sorted({z for rid in arch.resources for z in arch.zones_of(rid)})


def services(arch: Architecture) -> list[ServiceFacts]:
    """Return each explained service once: its type's rationale, its resources, their notes.

    The rationale is the one the type declares (`Facts.rationale`), so a new
    type brings its own; the notes are what predicates over this design say.
    """
    sections: dict[str, list[str]] = {}
    rationale_of: dict[str, str] = {}
    for resource_id, resource in arch.resources.items():
        rationale = resource.facts.rationale
        if rationale is None:
            continue
        service = resource.facts.service
        rationale_of.setdefault(service, RATIONALES[rationale])
        sections.setdefault(service, []).append(resource_id)
    return [
        ServiceFacts(
            service,
            rationale_of[service],
            refs(arch, ids),
            tuple(note for rid in ids for note in notes_of(arch, rid)),
        )
        for service, ids in sections.items()
    ]


def layers(arch: Architecture) -> LayerFacts:
    """Return which resources serve the presentation layer, the application layer, or both.

    Compute a browser reaches over HTTP(S) without an API Gateway API on the
    way renders pages as well as running the logic, whatever else serves files,
    unless its author declared its tier (as AG209 reads it).
    """
    resources = list(arch.resources)
    both = {r for r in resources if {"presentation", "application"} <= set(arch.tiers_of(r))}
    both |= {r for r in page_servers(arch) if arch.resource(r).tier is None}
    return LayerFacts(
        mixed=refs(arch, [r for r in resources if r in both]),
        presentation=refs(arch, [r for r in resources if "presentation" in arch.tiers_of(r)]),
        doors=refs(
            arch, [r for r in resources if arch.type_of(r) in ("api_gateway", "alb", "nlb")]
        ),
        compute=refs(arch, [r for r, res in arch.resources.items() if isinstance(res, HoldsRole)]),
        static=not any(
            isinstance(res, HoldsRole) and "presentation" in arch.tiers_of(r)
            for r, res in arch.resources.items()
        ),
    )


def page_servers(arch: Architecture) -> set[str]:
    """Return the compute a client's browser loads pages from.

    A client's web requests pass edge resources (DNS, CDN, load balancer) and
    stop at the first other one. Unless one of those stops is compute of the
    presentation tier (then the rest serve an API), the compute stopped at
    renders what the browser shows, whatever bucket serves its images.
    Behind an API Gateway API there is an API, not pages.
    """
    found: set[str] = set()
    for client in arch.resources:
        if arch.type_of(client) != "client":
            continue
        compute = [s for s in _stops(arch, client) if isinstance(arch.resource(s), HoldsRole)]
        if not any("presentation" in arch.tiers_of(s) for s in compute):
            found.update(compute)
    return found


def _stops(arch: Architecture, client: str) -> set[str]:
    """Return the first resources past the edge a client's web requests reach."""
    stops: set[str] = set()
    seen, todo = {client}, [client]
    while todo:
        here = todo.pop()
        for _, c in arch.connections_from(here):
            if arch.mode_of(c) != "request" or c.protocol not in _WEB or c.target in seen:
                continue
            seen.add(c.target)
            if "edge" not in arch.tiers_of(c.target):
                stops.add(c.target)
            elif arch.type_of(c.target) != "api_gateway":
                todo.append(c.target)
    return stops


def zone_rows(arch: Architecture) -> list[ZoneRow]:
    """Return, for each explained resource placed in zones, what losing each zone does to it."""
    every = zones(arch)
    rows = []
    for resource_id, resource in arch.resources.items():
        placed = arch.zones_of(resource_id)
        if not placed or resource.facts.rationale is None:
            continue
        effects = tuple(_effect(arch, resource_id, resource, zone, placed) for zone in every)
        rows.append(ZoneRow(ref(arch, resource_id), effects))
    return rows


def _effect(
    arch: Architecture,
    resource_id: str,
    resource: ResourceBase,
    zone: str,
    placed: tuple[str, ...],
) -> Effect:
    remaining = tuple(z for z in placed if z != zone)
    if zone not in placed:
        return Effect("unaffected", zone, remaining)
    if isinstance(resource, Rds):
        return _database_effect(arch, resource, zone, remaining)
    if isinstance(resource, NatGateway):
        served = tuple(
            s.id
            for s in arch.resources_of(Subnet)
            if (t := arch.route_table_of(s.id)) and any(r.target == resource_id for r in t.routes)
        )
        in_zone = all(arch.get(s, Subnet).zone == zone for s in served)
        outcome: Outcome = "nat_in_zone" if in_zone else "nat_across_zones"
        return Effect(outcome, zone, remaining, served=served)
    if not remaining:
        outcome = "only_here"
    elif isinstance(resource, LoadBalancer):
        outcome = "balancer"
    elif arch.type_of(resource_id) == "autoscaling_group":
        outcome = "scaling_group"
    else:
        outcome = "keeps_running"
    return Effect(outcome, zone, remaining)


def _database_effect(arch: Architecture, db: Rds, zone: str, remaining: tuple[str, ...]) -> Effect:
    """Return whether a database fails over, keeps its writer, or is lost.

    The first subnet holds the primary (or Aurora's writer), as the picture
    draws it; Aurora's readers and storage are in the other zones.
    """
    primary = arch.get(arch.subnets_of(db.id)[0], Subnet).zone
    if db.aurora:
        if primary != zone:
            return Effect("reader_lost" if db.replicas else "unaffected", zone, remaining)
        outcome: Outcome = "aurora_failover" if db.replicas else "aurora_recreate"
        return Effect(outcome, zone, remaining)
    if not db.multi_az:
        # A single instance runs in its first subnet's zone; the others only wait for it.
        outcome = "single_database" if primary == zone else "unaffected"
        return Effect(outcome, zone, remaining)
    if not remaining:
        return Effect("single_database", zone, remaining)
    if primary == zone:
        return Effect("failover", zone, remaining)
    return Effect("standby_lost", zone, (primary,))


def regional(arch: Architecture) -> tuple[Ref, ...]:
    """Return the services AWS runs across zones itself: regional ones (not IAM, not DNS/CDN).

    Global services run at edge locations, not in the Region's zones, and an
    IAM role is configuration rather than something that runs; the internet
    gateway and gateway endpoints are redundant by AWS within the Region.
    """
    found = [
        r
        for r, res in arch.resources.items()
        if arch.placement_of(r) == "regional" and res.facts.rationale not in (None, "iam_role")
    ]
    found += [
        r
        for r in arch.resources
        if arch.type_of(r) in ("internet_gateway", "vpc_endpoint") and not arch.zones_of(r)
    ]
    return refs(arch, found)


def edge(arch: Architecture) -> tuple[Ref, ...]:
    """Return the global services, which answer from AWS's edge locations, outside any zone."""
    return refs(
        arch,
        [
            r
            for r, res in arch.resources.items()
            if arch.placement_of(r) == "global" and res.facts.rationale not in (None, "iam_role")
        ],
    )
