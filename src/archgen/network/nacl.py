"""Network ACLs: numbered rules, lowest first, first match decides, implicit deny.

Evaluation claims the (addresses x ports) region piece by piece: each rule gets
the part of the region that no lower-numbered rule claimed, so a verdict holds
for every address and port of the sets, not for one sample packet.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from archgen.model.resources.network import NaclRule
from archgen.model.types import port_range
from archgen.network.intervals import (
    ALL_PORTS,
    OPEN_INTERNET,
    IntervalSet,
    address_text,
    port_text,
)

Region = tuple[IntervalSet, IntervalSet]
"""A rectangle of addresses x ports."""


class AclResult(NamedTuple):
    """Admitted (with the rules that admitted it) or refused (with the deciding rule)."""

    admitted: bool
    rules: tuple[str, ...]
    refused: Region | None = None


def rule_ports(rule: NaclRule | None) -> IntervalSet:
    """Return the ports a rule matches; protocol all and icmp match every port."""
    if rule is None or rule.protocol in ("all", "icmp"):
        return ALL_PORTS
    return IntervalSet((port_range(rule.ports),))


def protocol_matches(rule_protocol: str, protocol: str) -> bool:
    """Tell whether a rule's protocol covers the packet's (tcp or udp)."""
    return rule_protocol in ("all", protocol)


def rule_text(rule: NaclRule) -> str:
    """Return e.g. 'rule 100 allow tcp 443 0.0.0.0/0'."""
    ports = "" if rule.protocol in ("all", "icmp") else f" {rule.ports}"
    return f"rule {rule.rule} {rule.action} {rule.protocol}{ports} {rule.cidr}"


def split(
    region: Region, addresses: IntervalSet, ports: IntervalSet
) -> tuple[Region | None, list[Region]]:
    """Return the part of `region` inside addresses x ports, and the rest as rectangles."""
    region_addresses, region_ports = region
    hit_addresses, hit_ports = region_addresses & addresses, region_ports & ports
    if not hit_addresses or not hit_ports:
        return None, [region]
    rest: list[Region] = []
    if region_addresses - addresses:
        rest.append((region_addresses - addresses, region_ports))
    if region_ports - ports:
        rest.append((hit_addresses, region_ports - ports))
    return (hit_addresses, hit_ports), rest


def evaluate(
    rules: tuple[NaclRule, ...],
    protocol: str,
    ports: IntervalSet,
    addresses: IntervalSet,
    widen: IntervalSet | None = None,
) -> AclResult:
    """Judge traffic of `protocol` on `ports` to or from `addresses` (the rule's CIDR side).

    `widen` makes every rule naming some public range match those addresses too:
    the reading in which each such range holds a service's unlisted addresses.
    """
    admitted_by: list[str] = []
    remaining: list[Region] = [(addresses, ports)]
    for rule, hit, remaining in claims(rules, protocol, (addresses, ports), widen):
        if hit and rule.action == "deny":
            return AclResult(False, (rule_text(rule),), hit[0])
        if hit and rule_text(rule) not in admitted_by:
            admitted_by.append(rule_text(rule))
        if not remaining:
            return AclResult(True, tuple(admitted_by))
    return AclResult(False, ("* deny",), remaining[0])


def claims(
    rules: tuple[NaclRule, ...], protocol: str, region: Region, widen: IntervalSet | None = None
) -> Iterator[tuple[NaclRule, list[Region], list[Region]]]:
    """Yield each rule of `protocol` in number order, what of `region` it decides, and what is left.

    The first matching rule decides: a rule gets only the parts that no
    lower-numbered rule claimed (none when it is shadowed).
    `evaluate` and the network view's NACL summary both read this one walk.
    """
    remaining: list[Region] = [region]
    for rule in sorted(rules, key=lambda r: r.rule):
        if not protocol_matches(rule.protocol, protocol):
            continue
        rule_addresses = widened(IntervalSet.cidr(rule.cidr), widen)
        left: list[Region] = []
        hits: list[Region] = []
        for piece in remaining:
            hit, rest = split(piece, rule_addresses, rule_ports(rule))
            left.extend(rest)
            if hit is not None:
                hits.append(hit)
        remaining = left
        yield rule, hits, remaining


def widened(addresses: IntervalSet, widen: IntervalSet | None) -> IntervalSet:
    """Return a rule's addresses, plus `widen` when they name some public range."""
    if widen is None or not addresses & OPEN_INTERNET:
        return addresses
    return addresses | widen


def refusal_text(result: AclResult, protocol: str, way: str) -> str:
    """Return why an ACL refused: which rule, and an example of what it refused."""
    assert result.refused is not None  # noqa: S101 (only called for refusals)
    addresses, ports = result.refused
    deciding = result.rules[0]
    what = "no rule admits" if deciding == "* deny" else f"{deciding} refuses"
    return f"{what} {protocol} {port_text(ports)} {way} {address_text(addresses)}"


def allowed(
    rules: tuple[NaclRule, ...], protocol: str, ports: IntervalSet, addresses: IntervalSet
) -> list[Region]:
    """Return every part of addresses x ports that the rules allow (the rest is denied).

    Where `evaluate` proves a whole region or names one refused piece, this
    answers "who gets through at all", which exposure asks of a partial rule.
    """
    return [
        piece
        for rule, hits, _ in claims(rules, protocol, (addresses, ports))
        if rule.action == "allow"
        for piece in hits
    ]
