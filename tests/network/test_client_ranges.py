"""Client ranges against security group ranges, over generated CIDR blocks.

A client with `cidrs` is admitted by a rule exactly when all its ranges lie
inside the rule's: a rule open to part of a client's ranges proves nothing
for the rest of them (DESIGN.md 7.2).
"""

from __future__ import annotations

import ipaddress

from hypothesis import given, settings
from hypothesis import strategies as st

from archgen.loader import load_text
from archgen.network.reach import network_of

BASE = """archgen: 1
name: t
title: T
region: us-east-1
resources:
  vpc: {{type: vpc, cidr: 10.0.0.0/16}}
  igw: {{type: internet_gateway, vpc: vpc}}
  rt: {{type: route_table, vpc: vpc, routes: [{{destination: 0.0.0.0/0, target: igw}}]}}
  pub: {{type: subnet, vpc: vpc, zone: us-east-1a, cidr: 10.0.0.0/24, route_table: rt}}
  sg: {{type: security_group, vpc: vpc, ingress: [{{protocol: tcp, ports: 443, source: {rule}}}]}}
  web: {{type: ec2, subnet: pub, public_ip: true, security_groups: [sg]}}
  staff: {{type: client, cidrs: [{client}]}}
"""

_PUBLIC_BASE = int(ipaddress.IPv4Address("64.0.0.0"))


@st.composite
def _block(draw: st.DrawFn, within: ipaddress.IPv4Network | None = None) -> ipaddress.IPv4Network:
    """Draw a public block, inside `within` when given (so that nesting is common)."""
    if within is None:
        start, size, shortest = _PUBLIC_BASE, 2**30, 2
    else:
        start, size, shortest = int(within.network_address), within.num_addresses, within.prefixlen
    address = start + draw(st.integers(0, size - 1))
    length = draw(st.integers(max(shortest, 8), 32))
    return ipaddress.IPv4Network(f"{ipaddress.IPv4Address(address)}/{length}", strict=False)


@st.composite
def _rule_and_client(draw: st.DrawFn) -> tuple[ipaddress.IPv4Network, ipaddress.IPv4Network]:
    rule = draw(_block())
    client = draw(st.one_of(_block(rule), _block()))
    return rule, client


@settings(derandomize=True, max_examples=60, deadline=None)
@given(_rule_and_client())
def test_a_client_is_admitted_exactly_when_its_range_lies_inside_the_rule(
    blocks: tuple[ipaddress.IPv4Network, ipaddress.IPv4Network],
) -> None:
    rule, client = blocks
    arch = load_text(BASE.format(rule=rule, client=client), "t.yaml")
    hop = network_of(arch).hop("staff", "web", "https", 443)
    assert hop.reachable is client.subnet_of(rule), (rule, client, hop.first_block)
