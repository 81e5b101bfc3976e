"""AG306: security groups chain tier to tier by group reference, not by address."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.model.resources.links import VpcPeering
from archgen.model.resources.network import SecurityGroup
from archgen.model.types import is_cidr, port_range
from archgen.network.calls import INVOKED_THROUGH_SERVICE, call_of, ip_protocol
from archgen.network.reach import network_of
from archgen.rules.base import Rule


class SgChain(Rule):
    """AG306: "only the app servers may reach the database" is a group reference."""

    id = "AG306"
    name = "sg-chain"
    title = "Security groups admit the previous tier's group, and the database only the app's"
    severity = Severity.ERROR
    rationale = (
        "A rule naming the caller's security group admits exactly the caller's instances, "
        "however they scale or move. A CIDR admits whatever else lands in those addresses."
    )
    remediation = (
        "Set each tier's ingress `source` to the security group of the tier that calls it "
        "(the app SG admits the ALB SG; the database SG admits only the app SG)."
    )
    mirrors = "AWS ALB documentation, target security groups; Well-Architected SEC05-BP02"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Check each in-VPC connection, then the data tier's ingress sources."""
        reach = network_of(arch)
        for index, connection in enumerate(arch.connections):
            call = call_of(arch, connection)
            source, target = call.caller, call.callee
            if not (reach.in_vpc(source) and reach.in_vpc(target)):
                continue
            if call.via_service or arch.type_of(target) in INVOKED_THROUGH_SERVICE:
                continue
            if not _may_reference(arch, source, target):
                continue
            callers = set(arch.security_groups_of(source))
            groups = [arch.get(g, SecurityGroup) for g in arch.security_groups_of(target)]
            if not callers or not groups:
                continue
            port = call.port
            protocol = ip_protocol(connection.protocol)
            if not any(
                rule.source in callers
                and rule.protocol in ("all", protocol)
                and port_range(rule.ports)[0] <= port <= port_range(rule.ports)[1]
                for group in groups
                for rule in group.ingress
            ):
                yield self.issue_at(
                    ("connections", index, "to"),
                    f"no security group of {target} admits {source}'s group "
                    f"({', '.join(sorted(callers))}) on port {port}",
                    resource=target,
                )
        yield from self._data_tier(arch)

    def _data_tier(self, arch: Architecture) -> Iterator[Issue]:
        for resource_id in arch.resources:
            if "data" not in arch.tiers_of(resource_id):
                continue
            for group_id in arch.security_groups_of(resource_id):
                group = arch.get(group_id, SecurityGroup)
                for index, rule in enumerate(group.ingress):
                    if is_cidr(rule.source):
                        yield self.issue(
                            group,
                            f"guards data resource {resource_id} but admits CIDR {rule.source}: "
                            "admit only the application tier's security group",
                            "ingress",
                            index,
                        )


def _may_reference(arch: Architecture, source: str, target: str) -> bool:
    """Tell whether the target's rules can name the caller's group at all.

    A rule may name a group of its own VPC or of a peered one; across a transit
    gateway, group references are off unless turned on for the gateway, so an
    address range is the usual, correct rule there.
    """
    source_vpc, target_vpc = arch.vpc_of(source), arch.vpc_of(target)
    if source_vpc == target_vpc:
        return True
    return any(
        source_vpc in peering.vpcs and target_vpc in peering.vpcs
        for peering in arch.resources_of(VpcPeering)
    )
