"""Where a resource sends and receives traffic: its subnets, or the public internet.

Both the walk of one pair and the questions the rules ask (is this in a VPC,
has it a public address) need these facts; kept here, they agree by construction.
"""

from __future__ import annotations

from archgen.model.architecture import Architecture
from archgen.model.resources.facts import MayBePublic
from archgen.model.resources.network import SecurityGroup, Subnet, Vpc
from archgen.network import ranges, security_groups
from archgen.network.intervals import IntervalSet
from archgen.network.verdict import Place


def in_vpc(arch: Architecture, resource_id: str) -> bool:
    """Tell whether a resource has network interfaces in the VPC's subnets."""
    return arch.placement_of(resource_id) == "subnet"


def outside(arch: Architecture, resource_id: str) -> Place:
    """Return the place of something outside every VPC: a client or a public endpoint."""
    addresses = ranges.of_outside(arch, resource_id)
    if arch.type_of(resource_id) == "client":
        return Place(f"{resource_id} (internet)", addresses, internet=True)
    return Place(f"{resource_id} (public endpoint)", addresses, unlisted=True)


def places_of(arch: Architecture, resource_id: str) -> list[Place]:
    """Return every place traffic of the resource can use: one per subnet, else outside.

    Each subnet is its own place because AWS judges each interface by its
    own subnet's NACL and route table; one bad subnet breaks that path alone.
    """
    if not in_vpc(arch, resource_id):
        return [outside(arch, resource_id)]
    places = []
    for subnet_id in arch.subnets_of(resource_id):
        subnet = arch.get(subnet_id, Subnet)
        label = f"{resource_id} in {subnet_id} ({subnet.cidr})"
        places.append(Place(label, IntervalSet.cidr(subnet.cidr), subnet_id, subnet.zone))
    return places


def subnet_place(arch: Architecture, subnet_id: str) -> Place:
    """Return a whole subnet as a place: the sender a NAT gateway hides."""
    cidr = arch.get(subnet_id, Subnet).cidr
    return Place(f"{subnet_id} ({cidr})", IntervalSet.cidr(cidr), subnet_id)


def groups_of(arch: Architecture, resource_id: str) -> tuple[SecurityGroup, ...]:
    """Return the security groups declared on the resource (none: the default applies)."""
    return tuple(arch.get(group, SecurityGroup) for group in arch.security_groups_of(resource_id))


def group_ids(arch: Architecture, resource_id: str) -> tuple[str, ...]:
    """Return the group ids a peer's rule may name, the VPC's default group if none is set."""
    if not arch.subnets_of(resource_id):
        return ()
    return arch.security_groups_of(resource_id) or (security_groups.DEFAULT_GROUP,)


def has_public_address(arch: Architecture, resource_id: str, subnet_id: str) -> bool:
    """Tell whether the resource has a public IPv4 address in that subnet."""
    resource = arch.resource(resource_id)
    if not isinstance(resource, MayBePublic):
        return False
    return resource.has_public_address(arch.get(subnet_id, Subnet).public_ip_on_launch)


def table_id(arch: Architecture, subnet_id: str) -> str:
    """Return the id of the subnet's route table, "main" for the VPC's implicit main one."""
    table = arch.route_table_of(subnet_id)
    return table.id if table else "main"


def table_name(arch: Architecture, subnet_id: str) -> str:
    """Return the name of the subnet's route table, or say it is the VPC's implicit main one."""
    table = arch.route_table_of(subnet_id)
    return table.id if table else f"main table of {arch.get(subnet_id, Subnet).vpc}"


def vpc_cidr(arch: Architecture, subnet_id: str) -> str:
    """Return the CIDR of the subnet's VPC: what its implicit local route covers."""
    return arch.get(arch.get(subnet_id, Subnet).vpc, Vpc).cidr
