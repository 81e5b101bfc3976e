"""The components a packet crosses inside a VPC: NACLs, security groups, routes, listeners.

Each check either records the step that admitted the packet or ends the pair
at the first refusal, in the words of AWS Reachability Analyzer; the walk of
a pair decides the order, these decide each verdict.
"""

from __future__ import annotations

from archgen.model.architecture import Architecture
from archgen.model.resources.edge import LoadBalancer
from archgen.model.resources.facts import HasSecurityGroups
from archgen.model.resources.network import NetworkAcl, SecurityGroup, Subnet
from archgen.network import nacl, places, ranges, security_groups
from archgen.network.intervals import IntervalSet, port_text
from archgen.network.probe import Probe, Trail
from archgen.network.verdict import Place

_Question = tuple[str, str, str, IntervalSet, IntervalSet, bool]
"""What a NACL is asked: its id, the way, the protocol, the ports, the peer's addresses, and
whether public ranges are read as holding them (network/nacl.py's `widen`)."""


class Checkpoints:
    """The checks of one pair's walk, bound to its architecture and its trail of steps."""

    __slots__ = ("_acl_verdicts", "arch", "trail")

    def __init__(self, arch: Architecture) -> None:
        self.arch = arch
        self.trail = Trail()
        self._acl_verdicts = arch.memo("network.acl_verdicts", dict[_Question, nacl.AclResult])

    def acl(self, subnet_id: str, way: str, probe: Probe) -> None:
        """Judge the packet at the `way` ("inbound"/"outbound") rules of the subnet's NACL.

        NACLs are stateless: the walk calls this for the reply too, on the
        ephemeral ports, which is where most real outages hide.
        """
        outbound = way == "outbound"
        peer = probe.destination if outbound else probe.origin
        preposition = "to" if outbound else "from"
        check = f"{way} {probe.protocol} {port_text(probe.ports)} {preposition} {peer.label}"
        acl_id = self.arch.nacl_of(subnet_id)
        if acl_id is None:
            vpc = self.arch.get(subnet_id, Subnet).vpc
            by = f"{subnet_id} has no NACL: the default ACL allows all traffic"
            name = f"default ACL of {vpc}"
            self.trail.admit(probe.direction, "network_acl", name, check, (by,), subject="default")
            return
        result = self._judge(acl_id, way, probe, peer, widen=False)
        unverified = ""
        if peer.unlisted:
            other = self._judge(acl_id, way, probe, peer, widen=True)
            if other.admitted != result.admitted:
                unverified = _unlisted(f"{acl_id} {way}", peer, other)
                result = result if result.admitted else other
        if not result.admitted:
            detail = nacl.refusal_text(result, probe.protocol, preposition)
            self.trail.refuse(
                probe.direction, "network_acl", f"{acl_id} {way}", "SUBNET_ACL_RESTRICTION", detail
            )
        self.trail.admit(
            probe.direction,
            "network_acl",
            acl_id,
            check,
            result.rules,
            way=way,
            unverified=unverified,
        )

    def _judge(
        self, acl_id: str, way: str, probe: Probe, peer: Place, *, widen: bool
    ) -> nacl.AclResult:
        """Return the NACL's verdict, evaluated once per architecture for one question.

        Many pairs ask a NACL the same thing (each instance of a subnet, to the
        same database subnet), and evaluating rules is most of the walk's cost.
        `widen` asks it again as if every public range held the peer's unlisted
        addresses.
        """
        key = (acl_id, way, probe.protocol, probe.ports, peer.addresses, widen)
        result = self._acl_verdicts.get(key)
        if result is None:
            acl = self.arch.get(acl_id, NetworkAcl)
            rules = acl.inbound if way == "inbound" else acl.outbound
            extra = peer.addresses if widen else None
            result = nacl.evaluate(rules, probe.protocol, probe.ports, peer.addresses, extra)
            self._acl_verdicts[key] = result
        return result

    def group(self, owner: str, way: str, probe: Probe, peer_groups: tuple[str, ...]) -> None:
        """Judge a request at the `way` ("ingress"/"egress") rules of `owner`'s groups.

        Security groups are stateful, so only the request is judged; the
        reply of an admitted request always passes them.
        """
        resource = self.arch.resource(owner)
        if not isinstance(resource, HasSecurityGroups) or not resource.filtered_by_groups():
            return  # a NAT gateway (or an NLB without groups) has none: only its NACL filters
        groups = places.groups_of(self.arch, owner)
        peer = probe.destination if way == "egress" else probe.origin
        names = ", ".join(g.id for g in groups) or "default"
        widened: list[str] = []
        result = self._groups(groups, way, probe, peer_groups, None)
        if not result.admitted and peer.unlisted:
            wide = self._groups(groups, way, probe, peer_groups, widened)
            result = wide if wide.admitted else result
        if not result.admitted:
            self.trail.refuse(
                probe.direction, "security_group", names, result.reason, result.detail
            )
        unverified = ""
        if widened and result.admitted:
            unverified = (
                f"archgen cannot list the addresses of {peer.label}, and {names} {way} admits "
                f"them only if {', '.join(widened)} holds them"
            )
        preposition = "from" if way == "ingress" else "to"
        check = f"{way} {probe.protocol} {probe.port} {preposition} {peer.label}"
        lines = tuple(rule.line() for rule in result.rules)
        rules = tuple(rule.text for rule in result.rules) if len(groups) == 1 else lines
        self.trail.admit(
            probe.direction,
            "security_group",
            names,
            check,
            rules,
            by="; ".join(lines),
            unverified=unverified,
        )

    def _groups(
        self,
        groups: tuple[SecurityGroup, ...],
        way: str,
        probe: Probe,
        peer_groups: tuple[str, ...],
        widened: list[str] | None,
    ) -> security_groups.GroupResult:
        """Judge the groups, reading public ranges as holding the peer when `widened` is a list.

        Each rule value read that way is added to `widened`, so the step can
        name the ranges its verdict rests on.
        """
        peer = probe.destination if way == "egress" else probe.origin

        def resolve(value: str) -> IntervalSet | None:
            addresses = ranges.named(self.arch, value)
            if widened is None or addresses is None:
                return addresses
            wide = nacl.widened(addresses, peer.addresses)
            if wide != addresses and value not in widened:
                widened.append(value)
            return wide

        return security_groups.check(
            groups,
            way,
            probe.protocol,
            probe.port,
            peer.addresses,
            peer_groups,
            peer.label,
            resolve,
        )

    def listener(self, target: str, port: int) -> None:
        """Judge a request at a load balancer: it needs a listener on the port and a target."""
        alb = self.arch.resource(target)
        if not isinstance(alb, LoadBalancer):
            return
        listener = next((item for item in alb.listeners if item.port == port), None)
        if listener is None:
            ports = ", ".join(str(item.port) for item in alb.listeners) or "none"
            detail = f"no listener on port {port} (listeners: {ports})"
            self.trail.refuse("forward", "listener", target, "ELBV2_LISTENERS_MISMATCH", detail)
        if not self.arch.connections_from(target):
            detail = f"{target} forwards to no target: declare a connection from it"
            self.trail.refuse("forward", "listener", target, "ELBV2_LISTENER_HAS_NO_TG", detail)
        rule = f"{listener.protocol}:{listener.port}"
        self.trail.admit(
            "forward", "listener", target, f"port {port}", (rule,), by=f"listener {rule}"
        )

    def local_route(self, subnet_id: str, probe: Probe) -> None:
        """Admit traffic to an address of the VPC: the implicit local route always matches."""
        table = places.table_name(self.arch, subnet_id)
        rule = f"implicit local route {places.vpc_cidr(self.arch, subnet_id)}"
        check = f"to {probe.destination.label}"
        subject = places.table_id(self.arch, subnet_id)
        self.trail.admit(probe.direction, "route_table", table, check, (rule,), subject=subject)


def _unlisted(component: str, peer: Place, wide: nacl.AclResult) -> str:
    """Say which rules decide for a peer whose addresses archgen cannot list, and how.

    Read strictly, a rule's public range holds none of the peer's addresses;
    read widely (`wide`), each holds them all. When the two readings disagree,
    AWS's published ranges decide, and the wide reading names the rules they decide.
    """
    verb = "admits them only if" if wide.admitted else "refuses them if"
    rules = ", ".join(rule for rule in wide.rules if rule != "* deny")
    return (
        f"archgen cannot list the addresses of {peer.label}, and {component} {verb} the range "
        f"of {rules} holds them"
    )


class RoutesOnly(Checkpoints):
    """The checks of a walk that asks only whether a way exists: routes, gateways, endpoints.

    AG603 asks whether private compute has a way out to a service at all,
    a question of routes; a NACL or security group that also refuses the call
    is AG307's to report, and must not hide the missing route.
    """

    __slots__ = ()

    def acl(self, subnet_id: str, way: str, probe: Probe) -> None:
        """Admit the packet: filters are not the question."""

    def group(self, owner: str, way: str, probe: Probe, peer_groups: tuple[str, ...]) -> None:
        """Admit the packet: filters are not the question."""
