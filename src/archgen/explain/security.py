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
from archgen.model.resources.network import NetworkAcl, Subnet
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
        shape = tuple((d, arch.type_of(t) if t in arch.resources else t) for d, t in fact.routes)
        groups.setdefault((shape, fact.kind, fact.nacl), []).append(fact)
    return tuple(tuple(group) for group in groups.values())


def _routing(arch: Architecture, subnet: Subnet) -> SubnetRouting:
    table = arch.route_table_of(subnet.id)
    routes = tuple((r.destination, r.target) for r in table.routes) if table else ()
    kind: Literal["public", "private", "isolated"] = "isolated"
    if arch.is_public(subnet.id):
        kind = "public"
    elif routes:
        kind = "private"
    return SubnetRouting(
        ref(arch, subnet.id),
        subnet.cidr,
        subnet.zone,
        table.id if table else None,
        routes,
        kind,
        arch.nacl_of(subnet.id),
    )


def acls(arch: Architecture) -> tuple[Ref, ...]:
    """Return the network ACLs the author gave a reason, with its first clause only.

    The rule numbers are in the flows' tables; what each ACL is for, in its
    author's words, is what a brief asking "protected by NACLs" wants read.
    """
    found = []
    for acl in arch.resources_of(NetworkAcl):
        named = ref(arch, acl.id)
        if acl.why:
            first = re.split(r"[.;:] ", " ".join(acl.why.split()))[0].rstrip(".") + "."
            found.append(replace(named, why=prose(first)))
    return tuple(found)


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
