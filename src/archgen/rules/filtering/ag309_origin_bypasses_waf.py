"""AG309: an origin behind CloudFront and a web ACL is not open to the whole internet."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.model.resources.edge import Waf
from archgen.model.resources.network import IngressRule, SecurityGroup
from archgen.model.types import is_cidr, port_range
from archgen.network.intervals import INTERNET, IntervalSet
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
                for _, connection in arch.connections_from(distribution):
                    yield from self._open_rules(
                        arch, waf.id, distribution, connection.target, arch.port_of(connection)
                    )

    def _open_rules(
        self, arch: Architecture, waf: str, distribution: str, origin: str, port: int
    ) -> Iterator[Issue]:
        """Yield the ingress rules that admit public addresses to `origin` on `port`.

        An origin with a web ACL of its own (a regional one on the load balancer) is
        filtered either way, so reaching it directly bypasses nothing.
        """
        if not _has_public_address(arch, origin) or _has_own_web_acl(arch, origin):
            return
        for group_id in arch.security_groups_of(origin):
            group = arch.get(group_id, SecurityGroup)
            for index, rule in enumerate(group.ingress):
                if _admits_public(rule, port):
                    yield self.issue(
                        group,
                        f"admits {rule.source} on port {port} to {origin}, the origin of "
                        f"{distribution} behind web ACL {waf}: requests sent straight to "
                        f"{origin} skip the web ACL; admit the CloudFront origin-facing "
                        "prefix list instead",
                        "ingress",
                        index,
                    )


def _has_public_address(arch: Architecture, resource_id: str) -> bool:
    """Tell whether the internet can address the origin in any of its subnets."""
    reach = network_of(arch)
    return any(reach.has_public_address(resource_id, s) for s in arch.subnets_of(resource_id))


def _has_own_web_acl(arch: Architecture, resource_id: str) -> bool:
    """Tell whether a web ACL protects the resource itself."""
    return any(resource_id in waf.protects for waf in arch.resources_of(Waf))


def _admits_public(rule: IngressRule, port: int) -> bool:
    """Tell whether a rule admits some public address to tcp `port` (a prefix list: no)."""
    if not is_cidr(rule.source) or rule.protocol not in ("tcp", "all"):
        return False
    low, high = port_range(rule.ports)
    return low <= port <= high and bool(IntervalSet.cidr(rule.source) & INTERNET)
