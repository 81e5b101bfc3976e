"""AG309: an origin behind CloudFront and a web ACL is not open to the whole internet."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.model.resources.edge import LoadBalancer, Waf
from archgen.model.resources.network import IngressRule, SecurityGroup
from archgen.model.types import is_cidr, port_range
from archgen.network import ranges
from archgen.network.intervals import OPEN_INTERNET, IntervalSet, port_text
from archgen.network.reach import network_of
from archgen.rules.base import Rule


class OriginBypassesWaf(Rule):
    """AG309: a web ACL on CloudFront guards nothing if the origin answers anyone directly."""

    id = "AG309"
    name = "origin-bypasses-waf"
    title = "Origins behind CloudFront and WAF admit only CloudFront"
    severity = Severity.ERROR
    rationale = (
        "A web ACL on a CloudFront distribution filters only the requests that pass through "
        "CloudFront. When the origin (an internet-facing load balancer, an instance) admits "
        "public addresses on its port, anyone who finds its DNS name or address sends requests "
        "straight to it and skips the web ACL, the caching and any geographic restriction."
    )
    remediation = (
        "Admit the origin's port only from the CloudFront origin-facing managed prefix list "
        "(a `prefix_list` with `service: cloudfront-origin-facing` as the security group rule's "
        "source), or make the origin private (a CloudFront VPC origin)."
    )
    mirrors = (
        "AWS WAF guidance: restrict access to origins behind CloudFront; AWS Well-Architected "
        "SEC05-BP02 (control traffic at all layers)"
    )

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """For each origin of a protected distribution, find the groups' public rules."""
        for waf in arch.resources_of(Waf):
            for distribution in waf.protects:
                if arch.placement_of(distribution) != "global":
                    continue
                for origin, ports in _origins(arch, distribution).items():
                    yield from self._open_rules(arch, waf.id, distribution, origin, ports)

    def _open_rules(
        self, arch: Architecture, waf: str, distribution: str, origin: str, ports: IntervalSet
    ) -> Iterator[Issue]:
        """Yield the ingress rules that admit public addresses to `origin` on its `ports`.

        An origin with a web ACL of its own (a regional one on the load balancer) is
        filtered either way, so reaching it directly bypasses nothing.
        """
        if not _has_public_address(arch, origin) or _has_own_web_acl(arch, origin):
            return
        for group_id in arch.security_groups_of(origin):
            group = arch.get(group_id, SecurityGroup)
            for index, rule in enumerate(group.ingress):
                opened = _public_ports(arch, rule, ports)
                if opened:
                    many = "" if opened.intervals == ((opened.first()[0],) * 2,) else "s"
                    yield self.issue(
                        group,
                        f"admits {_source(arch, rule)} on port{many} {port_text(opened)} to "
                        f"{origin}, the origin of {distribution} behind web ACL {waf}: requests "
                        f"sent straight to {origin} skip the web ACL; admit the CloudFront "
                        "origin-facing prefix list instead",
                        "ingress",
                        index,
                    )


def _origins(arch: Architecture, distribution: str) -> dict[str, IntervalSet]:
    """Return each origin of the distribution with every port a request may reach it on.

    A load balancer answers on each of its listeners, whichever one CloudFront
    uses: a second listener open to the internet is a way around the web ACL
    as well. Any other origin answers on the ports CloudFront is declared to use.
    """
    found: dict[str, IntervalSet] = {}
    for _, connection in arch.connections_from(distribution):
        origin = connection.target
        resource = arch.resource(origin)
        if isinstance(resource, LoadBalancer):
            ports = IntervalSet.of((item.port, item.port) for item in resource.listeners)
        else:
            port = arch.port_of(connection)
            ports = IntervalSet(((port, port),))
        found[origin] = found.get(origin, IntervalSet()) | ports
    return found


def _has_public_address(arch: Architecture, resource_id: str) -> bool:
    """Tell whether the internet can address the origin in any of its subnets."""
    reach = network_of(arch)
    return any(reach.has_public_address(resource_id, s) for s in arch.subnets_of(resource_id))


def _has_own_web_acl(arch: Architecture, resource_id: str) -> bool:
    """Tell whether a web ACL protects the resource itself."""
    return any(resource_id in waf.protects for waf in arch.resources_of(Waf))


def _public_ports(arch: Architecture, rule: IngressRule, ports: IntervalSet) -> IntervalSet:
    """Return the origin ports a rule opens to some public address over TCP.

    The source is resolved as the network analysis resolves it: a customer
    prefix list holding public ranges opens the origin as a CIDR would, while
    the CloudFront origin-facing list (whose stand-in lies outside the open
    internet) and security group references open it to no stranger.
    """
    addresses = ranges.named(arch, rule.source)
    if addresses is None or rule.protocol not in ("tcp", "all"):
        return IntervalSet()
    if not addresses & OPEN_INTERNET:
        return IntervalSet()
    low, high = port_range(None if rule.protocol == "all" else rule.ports)
    return ports & IntervalSet(((low, high),))


def _source(arch: Architecture, rule: IngressRule) -> str:
    """Return the rule's source, saying when it is a prefix list rather than a CIDR."""
    return rule.source if is_cidr(rule.source) else f"{rule.source} (a prefix list)"
