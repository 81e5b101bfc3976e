"""Collect the facts of the security layers: subnets and routes, roles, stores, logs.

Each layer is read from the model as declared; the partial `security.md.j2`
words it. What a store's encryption is called differs by type (`encrypted`,
`storage_encrypted`, `encrypted_at_rest`); any type with one of these fields is
listed, so a new data type slots in without a line here.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Literal

from archgen.explain.facts import Ref, RoleFacts, StoreFacts, SubnetRouting
from archgen.explain.refs import prose, ref, refs
from archgen.model.architecture import Architecture
from archgen.model.resources.data import S3
from archgen.model.resources.edge import ApiGateway
from archgen.model.resources.facts import HoldsRole
from archgen.model.resources.network import Subnet
from archgen.model.resources.services import IamRole

_ENCRYPTION_FIELDS = ("encrypted", "storage_encrypted", "encrypted_at_rest")


def routing(arch: Architecture) -> tuple[tuple[SubnetRouting, ...], ...]:
    """Return the subnets with their routes, grouped by kind, ACL and where their routes go.

    The subnets of one tier share these even when each zone has its own table
    (a NAT gateway per zone); the text then says so once, table by table.
    """
    groups: dict[tuple[object, ...], list[SubnetRouting]] = {}
    for subnet in arch.resources_of(Subnet):
        fact = _routing(arch, subnet)
        table = arch.route_table_of(subnet.id)
        routes = table.routes if table else ()
        shape = tuple((r.destination, _kind(arch, r.target)) for r in routes)
        groups.setdefault((shape, fact.kind, fact.nacl), []).append(fact)
    told: set[str | None] = {None}
    result = []
    for group in groups.values():
        acl = arch.nacl_of(group[0].subnet.id)
        if acl not in told and (why := _purpose(arch, acl)):
            group[0] = replace(group[0], nacl_why=why)
        told.add(acl)
        result.append(tuple(group))
    return tuple(result)


def _purpose(arch: Architecture, acl: str | None) -> str:
    """Return the first clause of a network ACL's reason: what it admits, in its author's words.

    The rule numbers are in the flows' tables; what each ACL is for is what a
    brief asking "protected by network ACLs" wants read.
    """
    why = arch.resource(acl).why if acl else None
    if not why:
        return ""
    return prose(re.split(r"[.;:] ", " ".join(why.split()))[0].rstrip(".") + ".")


def _routing(arch: Architecture, subnet: Subnet) -> SubnetRouting:
    table = arch.route_table_of(subnet.id)
    routes = tuple((r.destination, r.target) for r in table.routes) if table else ()
    kind: Literal["public", "private", "isolated"] = "isolated"
    if arch.is_public(subnet.id):
        kind = "public"
    elif routes:
        kind = "private"
    acl = arch.nacl_of(subnet.id)
    return SubnetRouting(
        ref(arch, subnet.id),
        subnet.cidr,
        subnet.zone,
        _named(arch, table.id) if table else None,
        tuple((d, _named(arch, t)) for d, t in routes),
        kind,
        _named(arch, acl) if acl else None,
    )


def _kind(arch: Architecture, target: str) -> str:
    return arch.type_of(target) if target in arch.resources else target


def _named(arch: Architecture, value: str) -> str:
    """Return how prose names a resource (its label), or the value when it is none (a CIDR)."""
    return ref(arch, value).name if value in arch.resources else value


def roles(arch: Architecture) -> tuple[RoleFacts, ...]:
    """Return each role, what assumes it, what it allows, and what its functions also need."""
    found = []
    for role in arch.resources_of(IamRole):
        holders = arch.holders_of(role.id)
        logs = any(arch.type_of(a) == "cloudwatch" for a in role.allows)
        functions = [h for h in holders if arch.type_of(h) == "lambda"]
        in_vpc = [f for f in functions if arch.subnets_of(f)]
        functions = [] if logs else functions
        found.append(
            RoleFacts(
                ref(arch, role.id),
                refs(arch, holders),
                refs(arch, role.allows),
                refs(arch, in_vpc),
                refs(arch, functions),
            )
        )
    return tuple(found)


def stores(arch: Architecture) -> tuple[StoreFacts, ...]:
    """Return every resource whose type can encrypt what it keeps, with its setting."""
    found = []
    for resource_id, resource in arch.resources.items():
        declared = [f for f in _ENCRYPTION_FIELDS if f in type(resource).model_fields]
        if not declared or isinstance(resource, HoldsRole):
            continue
        encrypted = bool(getattr(resource, declared[0]))
        blocked = getattr(resource, "block_public_access", None)
        option = getattr(resource, "engine", None) != "memcached"
        transit = bool(getattr(resource, "encrypted_in_transit", False))
        default = isinstance(resource, S3) and "encrypted" not in resource.model_fields_set
        found.append(
            StoreFacts(ref(arch, resource_id), encrypted, blocked, option, transit, default)
        )
    return tuple(found)


def logging(arch: Architecture) -> tuple[Ref, ...]:
    """Return the resources that write logs: APIs with access logs, functions, CloudWatch.

    Every Lambda function sends its output to CloudWatch Logs without any
    setting (its role needs the permission, said under IAM), so a design with
    a function is never one where "nothing writes logs".
    """
    apis = [a.id for a in arch.resources_of(ApiGateway) if a.access_logging]
    functions = [r for r in arch.resources if arch.type_of(r) == "lambda"]
    watched = [r for r in arch.resources if arch.type_of(r) == "cloudwatch"]
    return refs(arch, apis + functions + watched)
