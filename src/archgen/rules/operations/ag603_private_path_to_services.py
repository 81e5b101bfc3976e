"""AG603: private compute reaches regional services through a NAT route or a VPC endpoint."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.model.catalogue import COMPUTE_TYPES
from archgen.network.calls import INVOKED_THROUGH_SERVICE
from archgen.network.reach import network_of
from archgen.rules.base import Rule

_ROUTING = (
    "NO_ROUTE_TO_DESTINATION",
    "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS",
    "VPCE_GATEWAY_PROTOCOL_RESTRICTION",
)


class PrivatePathToServices(Rule):
    """AG603: a private subnet has no way out unless a NAT gateway or an endpoint gives it one."""

    id = "AG603"
    name = "private-path-to-services"
    title = "Private compute reaches regional services through NAT or a VPC endpoint"
    severity = Severity.ERROR
    rationale = (
        "Regional services (S3, DynamoDB, SQS, ...) answer at public endpoints. Instances in a "
        "private subnet reach them only through a NAT gateway route or a VPC endpoint; "
        "without either, every call times out."
    )
    remediation = (
        "Add a gateway endpoint (S3, DynamoDB) to the subnet's route table, an interface "
        "endpoint (SQS, Secrets Manager, Bedrock, Systems Manager, ...) in the VPC with "
        "private DNS, or a 0.0.0.0/0 route to the NAT gateway of the same zone."
    )
    mirrors = "AWS VPC documentation, gateway endpoints and NAT gateways"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Flag compute-to-service connections with no way out, whatever the filters say."""
        reach = network_of(arch)
        for index, connection in enumerate(arch.connections):
            source, target = connection.source, connection.target
            if arch.type_of(source) not in COMPUTE_TYPES or not reach.in_vpc(source):
                continue
            service = arch.type_of(target) in INVOKED_THROUGH_SERVICE
            if not service and arch.placement_of(target) not in ("regional", "global"):
                continue
            hop = reach.routing(index)
            failing = hop.first_block
            if failing is None or failing[1].reason not in _ROUTING:
                continue
            pair, block = failing
            yield self.issue_at(
                ("connections", index),
                f"cannot reach {hop.target} from {pair.source.label}: {block.detail}",
                resource=hop.source,
            )
