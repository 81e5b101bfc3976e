"""Collect the facts of the security layers: routes, network ACLs, security groups, roles.

Each layer is read from the model as declared; `phrases` words it.
"""

from __future__ import annotations

from archgen.explain.facts import (
    AclFacts,
    GroupFacts,
    Protection,
    RoleFacts,
    SecurityFacts,
    SubnetRouting,
)
from archgen.explain.gather import ref, refs
from archgen.model.architecture import Architecture
from archgen.model.resources.data import S3, Rds
from archgen.model.resources.edge import ApiGateway, CloudFront
from archgen.model.resources.network import NaclRule, NetworkAcl, SecurityGroup, Subnet
from archgen.model.resources.services import IamRole


def security(arch: Architecture) -> SecurityFacts:
    """Return every security layer of `arch`, each in declaration order."""
    return SecurityFacts(
        routing=tuple(_routing(arch, subnet) for subnet in arch.resources_of(Subnet)),
        acls=tuple(_acl(arch, acl) for acl in arch.resources_of(NetworkAcl)),
        default_acl=tuple(s.id for s in arch.resources_of(Subnet) if s.nacl is None),
        groups=tuple(_group(arch, group) for group in arch.resources_of(SecurityGroup)),
        roles=tuple(
            RoleFacts(
                ref(arch, role.id), refs(arch, arch.holders_of(role.id)), refs(arch, role.allows)
            )
            for role in arch.resources_of(IamRole)
        ),
        protection=_protection(arch),
    )


def _routing(arch: Architecture, subnet: Subnet) -> SubnetRouting:
    table = arch.route_table_of(subnet.id)
    routes = tuple((r.destination, r.target) for r in table.routes) if table else ()
    return SubnetRouting(
        ref(arch, subnet.id),
        subnet.cidr,
        subnet.zone,
        table.id if table else None,
        routes,
        arch.is_public(subnet.id),
    )


def _acl(arch: Architecture, acl: NetworkAcl) -> AclFacts:
    """Return the ACL with its rules lowest number first, the order AWS evaluates them in."""
    return AclFacts(
        ref(arch, acl.id),
        tuple(s.id for s in arch.resources_of(Subnet) if s.nacl == acl.id),
        tuple(_acl_rule(r) for r in sorted(acl.inbound, key=lambda r: r.rule)),
        tuple(_acl_rule(r) for r in sorted(acl.outbound, key=lambda r: r.rule)),
    )


def _acl_rule(rule: NaclRule) -> str:
    ports = "" if rule.ports is None else f" {rule.ports}"
    return f"rule {rule.rule} {rule.action} {rule.protocol}{ports} {rule.cidr}"


def _group(arch: Architecture, group: SecurityGroup) -> GroupFacts:
    egress = None
    if group.egress is not None:
        egress = tuple((_traffic(r.protocol, r.ports), r.destination) for r in group.egress)
    return GroupFacts(
        ref(arch, group.id),
        tuple(r for r in arch.resources if group.id in arch.security_groups_of(r)),
        tuple((_traffic(r.protocol, r.ports), r.source) for r in group.ingress),
        egress,
    )


def _traffic(protocol: str, ports: object) -> str:
    return protocol if ports is None else f"{protocol} {ports}"


def _protection(arch: Architecture) -> tuple[Protection, ...]:
    """Return how the edge and the data are protected: TLS, origin access, public access, logs."""
    found = [
        Protection(
            ref(arch, cdn.id),
            "cdn",
            (("origin_access", cdn.origin_access_control),),
            cdn.viewer_protocol,
        )
        for cdn in arch.resources_of(CloudFront)
    ]
    found += [
        Protection(
            ref(arch, b.id),
            "bucket",
            (("public_access_blocked", b.block_public_access), ("encrypted", b.encrypted)),
        )
        for b in arch.resources_of(S3)
    ]
    found += [
        Protection(
            ref(arch, db.id),
            "database",
            (
                ("storage_encrypted", db.storage_encrypted),
                ("publicly_accessible", db.publicly_accessible),
            ),
        )
        for db in arch.resources_of(Rds)
    ]
    found += [
        Protection(ref(arch, api.id), "api", (("access_logging", api.access_logging),))
        for api in arch.resources_of(ApiGateway)
    ]
    return tuple(found)
