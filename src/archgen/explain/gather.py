"""Collect the explanation's facts about services, layers and zones from the model.

Nothing here words anything: `phrases` does. The flows' facts are in `flows`,
the security layers' in `security`.
"""

from __future__ import annotations

from collections.abc import Iterable

from archgen.explain.facts import Effect, LayerFacts, Outcome, Ref, ServiceFacts
from archgen.explain.knowledge import RATIONALES
from archgen.model.architecture import Architecture
from archgen.model.resources.base import ResourceBase
from archgen.model.resources.data import Rds
from archgen.model.resources.edge import LoadBalancer
from archgen.model.resources.facts import HoldsRole
from archgen.model.resources.network import NatGateway, Subnet


def ref(arch: Architecture, resource_id: str) -> Ref:
    """Return how the text names the resource: its id, its label and its reason."""
    resource = arch.resource(resource_id)
    return Ref(resource_id, resource.label or "", (resource.why or "").strip())


def refs(arch: Architecture, resource_ids: Iterable[str]) -> tuple[Ref, ...]:
    """Return the references of several resources, in the order given."""
    return tuple(ref(arch, resource_id) for resource_id in resource_ids)


def zones(arch: Architecture) -> list[str]:
    """Return every Availability Zone the design places something in, sorted."""
    return sorted({z for rid in arch.resources for z in arch.zones_of(rid)})


def services(arch: Architecture) -> list[ServiceFacts]:
    """Return each explained service once, with the resources of it in declaration order."""
    sections: dict[str, list[Ref]] = {}
    rationale_of: dict[str, str] = {}
    for resource_id, resource in arch.resources.items():
        rationale = resource.facts.rationale
        if rationale is None:
            continue
        service = resource.facts.service
        rationale_of.setdefault(service, RATIONALES[rationale])
        sections.setdefault(service, []).append(ref(arch, resource_id))
    return [ServiceFacts(s, rationale_of[s], tuple(uses)) for s, uses in sections.items()]


def layers(arch: Architecture) -> LayerFacts:
    """Return which resources serve the presentation layer, the application layer, or both."""
    resources = list(arch.resources)
    return LayerFacts(
        mixed=refs(
            arch,
            [r for r in resources if {"presentation", "application"} <= set(arch.tiers_of(r))],
        ),
        presentation=refs(arch, [r for r in resources if "presentation" in arch.tiers_of(r)]),
        doors=refs(
            arch, [r for r in resources if arch.type_of(r) in ("api_gateway", "alb", "nlb")]
        ),
        compute=refs(arch, [r for r, res in arch.resources.items() if isinstance(res, HoldsRole)]),
    )


def zone_effects(arch: Architecture, zone: str) -> list[Effect]:
    """Return what losing `zone` does to each explained resource placed in it."""
    effects = []
    for resource_id, resource in arch.resources.items():
        placed = arch.zones_of(resource_id)
        if zone not in placed or resource.facts.rationale is None:
            continue
        remaining = tuple(z for z in placed if z != zone)
        effects.append(_effect(arch, resource_id, resource, zone, remaining))
    return effects


def _effect(
    arch: Architecture,
    resource_id: str,
    resource: ResourceBase,
    zone: str,
    remaining: tuple[str, ...],
) -> Effect:
    name = ref(arch, resource_id)
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
        return Effect(name, outcome, zone, remaining, served=served)
    if not remaining:
        outcome = "only_here"
    elif isinstance(resource, LoadBalancer):
        outcome = "balancer"
    elif arch.type_of(resource_id) == "autoscaling_group":
        outcome = "scaling_group"
    else:
        outcome = "keeps_running"
    return Effect(name, outcome, zone, remaining)


def _database_effect(arch: Architecture, db: Rds, zone: str, remaining: tuple[str, ...]) -> Effect:
    """Return whether a database fails over, keeps its primary, or is lost (not Multi-AZ)."""
    name = ref(arch, db.id)
    if not db.multi_az or not remaining:
        return Effect(name, "single_database", zone, remaining)
    primary = arch.get(arch.subnets_of(db.id)[0], Subnet).zone
    if primary == zone:
        return Effect(name, "failover", zone, remaining)
    return Effect(name, "standby_lost", zone, remaining, primary=primary)


def regional(arch: Architecture) -> tuple[Ref, ...]:
    """Return the services AWS runs across zones itself: regional and global ones."""
    return refs(
        arch,
        [
            r
            for r in arch.resources
            if arch.placement_of(r) in ("regional", "global") and arch.type_of(r) not in ("vpc",)
        ],
    )
