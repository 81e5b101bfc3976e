"""AG308: a NACL's return-traffic rule does not admit the internet to a service port."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.model.resources.network import NaclRule, NetworkAcl, Subnet
from archgen.model.types import port_range
from archgen.network import nacl
from archgen.network.exposure import addressable
from archgen.network.intervals import INTERNET, IntervalSet
from archgen.rules.base import Rule

_FIRST_EPHEMERAL = 1024


class ReturnRuleAdmitsServices(Rule):
    """AG308: a return range that also covers a listening port opens that port to everyone.

    NACLs are stateless, so a subnet that opens connections admits their replies on
    the ephemeral ports, usually 1024-65535 from anywhere. A service listening on a
    port inside that range (8080, 8443, 9200...) is then open to the internet whatever
    the rule meant for it says; only its security group still guards it.
    """

    id = "AG308"
    name = "return-rule-admits-services"
    title = "NACL return-traffic rules do not admit the internet to service ports"
    severity = Severity.WARNING
    rationale = (
        "A NACL rule for replies (1024-65535 from 0.0.0.0/0) also admits new connections from "
        "anyone to every port in that range: an application port such as 8080 inside it is "
        "open to the internet at the subnet boundary, and the narrower rule written for it "
        "restricts nothing. The NACL's layer of defence is then gone. Only what the internet "
        "can address counts: a public address in a subnet routed to an internet gateway."
    )
    remediation = (
        "Serve on a port below 1024 (e.g. 80 behind the load balancer), or deny the service "
        "port from outside its intended sources in a lower-numbered rule, or narrow the return "
        "rule's source to the networks that really answer."
    )
    mirrors = "AWS VPC documentation: network ACL ephemeral ports; CIS AWS 5.1 (NACL ingress)"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """For each ACL, test every listening port of its subnets' residents."""
        for acl in arch.resources_of(NetworkAcl):
            for port, residents in sorted(_service_ports(arch, acl.id).items()):
                found = _return_rule_admitting(acl, port)
                if found is None:
                    continue
                index, rule = found
                yield self.issue(
                    acl,
                    f"inbound rule {rule.rule} ({rule.ports} from {rule.cidr}, for replies) "
                    f"admits port {port} of {', '.join(residents)} from the internet",
                    "inbound",
                    index,
                )


def _service_ports(arch: Architecture, acl_id: str) -> dict[int, list[str]]:
    """Return the ports ≥ 1024 that resources in the ACL's subnets listen on, with who does.

    A resource listens on the ports of the requests it is sent and on its own port
    (an engine's, a cache's); ports below 1024 are never in a return range.
    """
    listening: dict[int, list[str]] = {}
    for resource_id, ports in _residents_by_acl(arch).get(acl_id, {}).items():
        for port in sorted(ports):
            listening.setdefault(port, []).append(resource_id)
    return listening


def _residents_by_acl(arch: Architecture) -> dict[str, dict[str, set[int]]]:
    """Map each ACL to the resources the internet can address in its subnets, built once.

    A resident without a public address, or in a subnet with no route to an
    internet gateway, cannot be sent a connection from the internet, whatever
    the NACL admits: the exposure analysis's own test decides (network/exposure.py).

    One pass over the resources, not one per ACL: a design with many subnets and
    ACLs stays linear.
    """

    def build() -> dict[str, dict[str, set[int]]]:
        acl_of = {s.id: arch.nacl_of(s.id) for s in arch.resources_of(Subnet)}
        found: dict[str, dict[str, set[int]]] = {}
        for resource_id in arch.resources:
            reached = (s for s in arch.subnets_of(resource_id) if addressable(arch, resource_id, s))
            acls = {acl_of.get(s) for s in reached} - {None}
            if not acls:
                continue
            own = arch.resource(resource_id).own_port()
            ports = {arch.port_of(c) for _, c in arch.connections_to(resource_id)}
            ports = {p for p in ports | ({own} if own else set()) if p >= _FIRST_EPHEMERAL}
            for acl in acls:
                if ports and acl is not None:
                    found.setdefault(acl, {})[resource_id] = ports
        return found

    return arch.memo("rules.ag308.residents", build)


def _return_rule_admitting(acl: NetworkAcl, port: int) -> tuple[int, NaclRule] | None:
    """Return the return-range rule that admits tcp `port` from some public address, if any.

    The rules claim the (internet x port) region lowest number first, as AWS
    evaluates them; a part claimed by a deny or by another allow is settled.
    """
    remaining: list[nacl.Region] = [(INTERNET, IntervalSet(((port, port),)))]
    for index, rule in sorted(enumerate(acl.inbound), key=lambda item: item[1].rule):
        if not nacl.protocol_matches(rule.protocol, "tcp"):
            continue
        left: list[nacl.Region] = []
        for region in remaining:
            hit, rest = nacl.split(region, IntervalSet.cidr(rule.cidr), nacl.rule_ports(rule))
            left.extend(rest)
            if hit is not None and rule.action == "allow" and _is_return_range(rule):
                return index, rule
        remaining = left
    return None


def _is_return_range(rule: NaclRule) -> bool:
    """Tell whether a rule is written for replies: a tcp range from ≥ 1024 up to 65535."""
    if rule.protocol != "tcp" or rule.ports is None:
        return False
    low, high = port_range(rule.ports)
    return low >= _FIRST_EPHEMERAL and high == 65535 and low < high
