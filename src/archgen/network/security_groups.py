"""Security groups: stateful allow-lists, the union of all groups on an interface.

A rule admits traffic from (or to) a CIDR or the members of a group. Only the
request is checked: replies of an admitted connection always pass.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from archgen.model.resources.network import EgressRule, IngressRule, SecurityGroup
from archgen.model.types import port_range
from archgen.network.intervals import IntervalSet, address_text
from archgen.network.nacl import protocol_matches

DEFAULT_GROUP = "default"
"""Stands for the VPC's default group, which an interface without groups gets."""

_DEFAULT_NAME = "default security group"
"""How a rule of the VPC's default group is attributed: it has no id of its own here."""


class GroupRule(NamedTuple):
    """One rule that admitted a packet, and the group it belongs to."""

    group: str
    text: str

    def line(self) -> str:
        """Return the rule with its group, e.g. "web-sg: tcp 443 from 0.0.0.0/0"."""
        return f"{self.group}: {self.text}"


class GroupResult(NamedTuple):
    """Admitted (and by which rules), or refused with a reason code and a detail."""

    admitted: bool
    rules: tuple[GroupRule, ...] = ()
    reason: str = ""
    detail: str = ""


def _rule_text(rule: IngressRule | EgressRule, group: str, way: str) -> GroupRule:
    peer = rule.source if isinstance(rule, IngressRule) else rule.destination
    ports = "" if rule.protocol in ("all", "icmp") else f" {rule.ports}"
    return GroupRule(group, f"{rule.protocol}{ports} {way} {peer}")


Resolver = Callable[[str], IntervalSet | None]
"""Returns the addresses a rule's CIDR or prefix list names; None for a security group."""


def check(
    groups: tuple[SecurityGroup, ...],
    direction: str,
    protocol: str,
    port: int,
    peer_addresses: IntervalSet,
    peer_groups: tuple[str, ...],
    peer_label: str,
    resolve: Resolver,
) -> GroupResult:
    """Judge a request `direction` ("ingress" or "egress") against the union of `groups`.

    An interface without groups has the VPC's default group, which admits only
    its own members and lets everything out.
    """
    if not groups:
        return _default_group(direction, peer_groups)
    if direction == "egress":
        open_group = next((g for g in groups if g.egress is None), None)
        if open_group is not None:
            return GroupResult(True, (GroupRule(open_group.id, "default egress, all traffic"),))
    rules = [
        (group.id, rule)
        for group in groups
        for rule in (group.ingress if direction == "ingress" else group.egress or ())
    ]
    names = ", ".join(g.id for g in groups)
    if not rules:
        return GroupResult(
            False, reason="SG_HAS_NO_RULES", detail=f"{names} has no {direction} rules"
        )
    way = "from" if direction == "ingress" else "to"
    admitted, uncovered = _match(rules, (protocol, port, way), peer_addresses, peer_groups, resolve)
    if not uncovered:
        return GroupResult(True, tuple(admitted))
    shown = address_text(uncovered)
    partly = f" ({shown})" if shown != address_text(peer_addresses) else ""
    return GroupResult(
        False,
        reason="ENI_SG_RULES_MISMATCH",
        detail=f"no rule of {names} admits {protocol} {port} {way} {peer_label}{partly}",
    )


def _default_group(direction: str, peer_groups: tuple[str, ...]) -> GroupResult:
    if direction == "egress":
        return GroupResult(True, (GroupRule(_DEFAULT_NAME, "all outbound traffic"),))
    if DEFAULT_GROUP in peer_groups:
        return GroupResult(True, (GroupRule(_DEFAULT_NAME, "members reach each other"),))
    return GroupResult(
        False,
        reason="ENI_SG_RULES_MISMATCH",
        detail="no security groups: the VPC's default group admits only its own members",
    )


def _match(
    rules: list[tuple[str, IngressRule | EgressRule]],
    packet: tuple[str, int, str],
    peer_addresses: IntervalSet,
    peer_groups: tuple[str, ...],
    resolve: Resolver,
) -> tuple[list[GroupRule], IntervalSet]:
    """Return the rules that admit part of the peer, and the part no rule admits.

    `packet` is the protocol, the port and the rule's preposition ("from"/"to").
    """
    protocol, port, way = packet
    admitted: list[GroupRule] = []
    uncovered = peer_addresses
    for group_id, rule in rules:
        low, high = port_range(rule.ports)
        if not protocol_matches(rule.protocol, protocol) or not low <= port <= high:
            continue
        peer = rule.source if isinstance(rule, IngressRule) else rule.destination
        addresses = resolve(peer)
        if addresses is not None:
            if uncovered & addresses:
                admitted.append(_rule_text(rule, group_id, way))
                uncovered = uncovered - addresses
        elif peer in peer_groups:
            admitted.append(_rule_text(rule, group_id, way))
            uncovered = IntervalSet()
        if not uncovered:
            break
    return admitted, uncovered
