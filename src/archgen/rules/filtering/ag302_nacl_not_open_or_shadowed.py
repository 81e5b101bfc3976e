"""AG302: NACLs do not allow everything from anywhere, and no rule is shadowed."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.model.resources.network import NaclRule, NetworkAcl
from archgen.network.intervals import IntervalSet
from archgen.network.nacl import rule_ports, split
from archgen.rules.base import Rule

_PROTOCOLS = ("tcp", "udp", "icmp", "other")
"""What protocol `all` matches: TCP, UDP, ICMP and every other IP protocol (GRE, ESP, ...),
which no tcp, udp or icmp rule can claim: only an earlier `all` rule shadows an `all` rule."""


class NaclNotOpenOrShadowed(Rule):
    """AG302: an allow-all NACL filters nothing; a shadowed rule never does what it says."""

    id = "AG302"
    name = "nacl-not-open-or-shadowed"
    title = "NACLs are not allow-all, and no rule is shadowed by a lower-numbered one"
    severity = Severity.ERROR
    rationale = (
        "An inbound rule allowing every protocol and port from 0.0.0.0/0 makes the NACL a "
        "no-op. A rule entirely covered by lower-numbered rules never decides anything: "
        "first match wins, so its author's intent is silently lost."
    )
    remediation = (
        "Allow only the ports each tier serves, from the sources that need them; renumber or "
        "remove shadowed rules."
    )
    mirrors = "AWS Security Hub EC2.21; AWS Network Firewall rule-order guidance"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Check each ACL's inbound and outbound rules."""
        for acl in arch.resources_of(NetworkAcl):
            for index, rule in enumerate(acl.inbound):
                if rule.action == "allow" and rule.protocol == "all" and rule.cidr == "0.0.0.0/0":
                    yield self.issue(
                        acl,
                        f"inbound rule {rule.rule} allows all traffic from anywhere",
                        "inbound",
                        index,
                    )
            for direction in ("inbound", "outbound"):
                yield from self._shadowed(acl, direction)

    def _shadowed(self, acl: NetworkAcl, direction: str) -> Iterator[Issue]:
        rules: tuple[NaclRule, ...] = getattr(acl, direction)
        ordered = sorted(enumerate(rules), key=lambda item: item[1].rule)
        for position, (index, rule) in enumerate(ordered):
            earlier = [r for _, r in ordered[:position]]
            shadow = next((r.rule for r in earlier if _covers(r, rule)), None)
            if shadow is not None or (earlier and _covered_by_union(earlier, rule)):
                by = f"rule {shadow}" if shadow is not None else "lower-numbered rules"
                yield self.issue(
                    acl,
                    f"{direction} rule {rule.rule} is shadowed by {by}: it never matches first",
                    direction,
                    index,
                    severity=Severity.WARNING,
                )


def _protocols(rule: NaclRule) -> tuple[str, ...]:
    """Return the protocols a rule matches, "other" standing for all the IP protocols unnamed."""
    return _PROTOCOLS if rule.protocol == "all" else (rule.protocol,)


def _covers(earlier: NaclRule, rule: NaclRule) -> bool:
    return (
        set(_protocols(rule)) <= set(_protocols(earlier))
        and IntervalSet.cidr(earlier.cidr).covers(IntervalSet.cidr(rule.cidr))
        and rule_ports(earlier).covers(rule_ports(rule))
    )


def _covered_by_union(earlier: list[NaclRule], rule: NaclRule) -> bool:
    """Tell whether lower-numbered rules together claim every packet `rule` matches."""
    for protocol in _protocols(rule):
        remaining = [(IntervalSet.cidr(rule.cidr), rule_ports(rule))]
        for other in earlier:
            if protocol not in _protocols(other):
                continue
            other_addresses, other_ports = IntervalSet.cidr(other.cidr), rule_ports(other)
            remaining = [
                piece
                for region in remaining
                for piece in split(region, other_addresses, other_ports)[1]
            ]
        if remaining:
            return False
    return True
