"""Copies of a replicated store, each in the zone it runs in: what each copy is, and the line.

A database or cache that keeps copies in several zones is drawn once per
copy, in its subnet, named by its part: an RDS Multi-AZ primary and standby,
an Aurora writer and its readers, an ElastiCache (Redis or Valkey)
replication group's primary and replicas. Requests go to the first copy (the
primary or writer); a dashed line joins it to each other copy. A Memcached
cluster, which does not replicate, has a node in each subnet, and a store
without copies has one node in its first subnet.
"""

from __future__ import annotations

from archgen.model.architecture import Architecture
from archgen.model.resources.data import Elasticache, Rds
from archgen.model.resources.network import Subnet


def parts(arch: Architecture, resource_id: str) -> dict[str, str] | None:
    """Return the subnets a replicated store is drawn in, each with what its copy is.

    None for a resource drawn otherwise (a Memcached cluster: a node per subnet).
    """
    resource = arch.resource(resource_id)
    subnets = list(arch.subnets_of(resource_id))
    if isinstance(resource, Rds) and resource.aurora:
        return _spread(arch, subnets, "writer", "reader", resource.replicas)
    if isinstance(resource, Rds):
        return (
            _spread(arch, subnets, "primary", "standby", 1) if resource.multi_az else _one(subnets)
        )
    if isinstance(resource, Elasticache) and resource.engine != "memcached":
        copies = resource.replicas
        return _spread(arch, subnets, "primary", "replica", copies) if copies else _one(subnets)
    return None


def replication(arch: Architecture, resource_id: str) -> str:
    """Return the words on the line from the first copy to the others."""
    resource = arch.resource(resource_id)
    if isinstance(resource, Rds) and resource.aurora:
        return "shared cluster volume"
    if isinstance(resource, Rds):
        return "synchronous replication"
    return "asynchronous replication"


def _one(subnets: list[str]) -> dict[str, str]:
    return {subnets[0]: ""} if subnets else {}


def _spread(
    arch: Architecture, subnets: list[str], first: str, other: str, count: int
) -> dict[str, str]:
    """Put the first copy in the first subnet and `count` others one zone after another.

    Each other zone's first subnet takes a copy in turn; more copies than
    zones go round again, and a subnet with several says how many.
    """
    if not subnets:
        return {}
    zone_of = {s: arch.get(s, Subnet).zone for s in subnets}
    seats: list[str] = []
    for subnet in subnets[1:]:
        if zone_of[subnet] != zone_of[subnets[0]] and zone_of[subnet] not in map(
            zone_of.get, seats
        ):
            seats.append(subnet)
    held = dict.fromkeys(seats, 0)
    for index in range(count if seats else 0):
        held[seats[index % len(seats)]] += 1
    drawn = {subnets[0]: first if seats or not count else f"{first} and {_many(count, other)}"}
    drawn |= {s: other if n == 1 else _many(n, other) for s, n in held.items() if n}
    return drawn


def _many(count: int, part: str) -> str:
    return f"{count} {part}" + ("s" if count != 1 else "")
