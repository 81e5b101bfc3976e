"""AWS services' addresses archgen cannot list: a rule naming a public range proves nothing.

S3 or SQS answer on published ranges that change; archgen stands for them with
addresses no author writes. A rule naming some public range may hold them or
not: the walk admits the packet when either reading does, and says so.
"""

from __future__ import annotations

from archgen.loader import load_text
from archgen.network.reach import network_of
from archgen.network.verdict import HopVerdict

BASE = """\
archgen: 1
name: t
title: T
region: us-east-1
resources:
  vpc: {{type: vpc, cidr: 10.0.0.0/16}}
  rt: {{type: route_table, vpc: vpc}}
  app-a: {{type: subnet, vpc: vpc, zone: us-east-1a, cidr: 10.0.10.0/24, route_table: rt,
          nacl: acl}}
  s3-ep: {{type: vpc_endpoint, vpc: vpc, service: s3, route_tables: [rt]}}
  acl:
    type: network_acl
    vpc: vpc
    inbound: [{{rule: 100, action: allow, protocol: tcp, ports: 1024-65535, cidr: 0.0.0.0/0}}]
    outbound: {outbound}
  sg: {{type: security_group, vpc: vpc, egress: [{{protocol: tcp, ports: 443, destination: {to}}}]}}
  vm: {{type: ec2, subnet: app-a, security_groups: [sg]}}
  bkt: {{type: s3}}
"""
OPEN = "[{rule: 100, action: allow, protocol: tcp, ports: 443, cidr: 0.0.0.0/0}]"


def _hop(outbound: str, to: str) -> HopVerdict:
    arch = load_text(BASE.format(outbound=outbound, to=to), "t.yaml")
    return network_of(arch).hop("vm", "bkt", "https", 443)


def test_a_deny_of_a_public_range_may_or_may_not_refuse_the_service() -> None:
    deny = (
        "[{rule: 90, action: deny, protocol: tcp, ports: 443, cidr: 52.0.0.0/8}, "
        "{rule: 100, action: allow, protocol: tcp, ports: 443, cidr: 0.0.0.0/0}]"
    )
    hop = _hop(deny, "0.0.0.0/0")
    assert hop.reachable
    found = hop.unverified
    assert found is not None
    assert found[1].unverified == (
        "archgen cannot list the addresses of bkt (public endpoint), and acl outbound refuses "
        "them if the range of rule 90 deny tcp 443 52.0.0.0/8 holds them"
    )


def test_a_private_range_never_holds_a_service() -> None:
    hop = _hop(OPEN, "10.0.0.0/8")
    assert hop.first_block is not None
    assert hop.first_block[1].reason == "ENI_SG_RULES_MISMATCH"


def test_a_rule_open_to_everything_is_certain() -> None:
    hop = _hop(OPEN, "0.0.0.0/0")
    assert hop.reachable
    assert hop.unverified is None
