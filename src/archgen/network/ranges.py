"""The addresses a rule or route names: CIDR blocks, prefix lists, and the services behind them.

AWS does not publish a fixed content for its managed prefix lists (CloudFront's
origin-facing servers, S3, DynamoDB), and what matters to the analysis is only
who is inside them: CloudFront is in its list, the rest of the internet is not.
So each managed list stands for a block of reserved space
(intervals.MANAGED_LISTS), and the service's own traffic comes from it.
"""

from __future__ import annotations

from archgen.model.architecture import Architecture
from archgen.model.resources.compute import Client
from archgen.model.resources.facts import InManagedPrefixList
from archgen.model.resources.links import PrefixList
from archgen.model.types import is_cidr
from archgen.network.intervals import INTERNET, MANAGED_LISTS, IntervalSet

MANAGED: dict[str, IntervalSet] = MANAGED_LISTS
"""Each AWS-managed prefix list, by its `service`, as the block that stands for it."""


def of_prefix_list(prefix_list: PrefixList) -> IntervalSet:
    """Return the addresses a prefix list holds."""
    if prefix_list.service is not None:
        return MANAGED[prefix_list.service]
    cidrs = prefix_list.cidrs or ()
    return IntervalSet.of(piece for cidr in cidrs for piece in IntervalSet.cidr(cidr))


def named(arch: Architecture, value: str) -> IntervalSet | None:
    """Return the addresses a CIDR or a prefix list id names; None for a security group id."""
    if is_cidr(value):
        return IntervalSet.cidr(value)
    resource = arch.resource(value)
    return of_prefix_list(resource) if isinstance(resource, PrefixList) else None


def of_outside(arch: Architecture, resource_id: str) -> IntervalSet:
    """Return where traffic of something outside every VPC comes from.

    A client comes from its `cidrs`, else from the whole internet; CloudFront,
    S3 and DynamoDB from their managed lists; any other public endpoint from
    public address space.
    """
    resource = arch.resource(resource_id)
    if isinstance(resource, Client) and resource.cidrs:
        return IntervalSet.of(p for cidr in resource.cidrs for p in IntervalSet.cidr(cidr))
    if isinstance(resource, InManagedPrefixList):
        return MANAGED[resource.managed_list]
    return INTERNET
