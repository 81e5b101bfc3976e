"""Findings archgen gives on correct designs of the gallery, each cut down to its smallest case.

Each test asserts the right answer and is marked xfail(strict=True) with the reason,
until the rule is fixed: the fix then turns it into a pass that must be kept.
"""

from __future__ import annotations

import pytest

from archgen.errors import InvalidInput
from archgen.loader import load_text
from archgen.rules.engine import run_rules

HEAD = "archgen: 1\nname: t\ntitle: T\nregion: us-east-1\nresources:\n"


def _rules(text: str) -> list[tuple[str, str | None]]:
    return sorted((f.rule, f.resource) for f in run_rules(load_text(HEAD + text, "case.yaml")))


AURORA = """  vpc: {type: vpc, cidr: 10.0.0.0/16}
  a: {type: subnet, vpc: vpc, zone: us-east-1a, cidr: 10.0.1.0/24, nacl: acl}
  b: {type: subnet, vpc: vpc, zone: us-east-1b, cidr: 10.0.2.0/24, nacl: acl}
  c: {type: subnet, vpc: vpc, zone: us-east-1c, cidr: 10.0.3.0/24, nacl: acl}
  acl:
    type: network_acl
    vpc: vpc
    inbound: [{rule: 100, action: allow, protocol: tcp, ports: 3306, cidr: 10.0.0.0/16}]
    outbound: [{rule: 100, action: allow, protocol: tcp, ports: 1024-65535, cidr: 10.0.0.0/16}]
  db:
    type: rds
    engine: aurora-mysql
    subnets: [a, b, c]
    replicas: 2
    storage_encrypted: true
"""


def test_aurora_with_readers_is_not_single_az() -> None:
    assert "AG104" not in {rule for rule, _ in _rules(AURORA)}


MEMCACHED = """  vpc: {type: vpc, cidr: 10.0.0.0/16}
  a: {type: subnet, vpc: vpc, zone: us-east-1a, cidr: 10.0.1.0/24, nacl: acl}
  b: {type: subnet, vpc: vpc, zone: us-east-1b, cidr: 10.0.2.0/24, nacl: acl}
  acl: {type: network_acl, vpc: vpc}
  cache:
    type: elasticache
    engine: memcached
    subnets: [a, b]
    encrypted_in_transit: true
"""


def test_memcached_is_not_asked_for_encryption_at_rest() -> None:
    assert ("AG401", "cache") not in _rules(MEMCACHED)


PARTNER = """  partner: {type: client}
  uploads: {type: s3}
  partner-role: {type: iam_role, assumed_by: [partner], allows: [uploads]}
connections:
  - {from: partner, to: uploads, protocol: https}
"""


@pytest.mark.xfail(
    strict=True,
    raises=InvalidInput,
    reason="a client cannot hold a role (assumed_by refuses a client), so a partner that "
    "uploads to S3 under a cross-account role it assumes gets AG501 'Block Public Access "
    "refuses anonymous requests'; the gallery's order pipeline goes through an API instead",
)
def test_a_client_may_sign_its_calls_with_a_role_it_assumes() -> None:
    assert ("AG501", "partner") not in _rules(PARTNER)


MQTT = """  devices: {type: client}
  vpc: {type: vpc, cidr: 10.0.0.0/16}
  a: {type: subnet, vpc: vpc, zone: us-east-1a, cidr: 10.0.1.0/24}
  b: {type: subnet, vpc: vpc, zone: us-east-1b, cidr: 10.0.2.0/24}
  nlb: {type: nlb, subnets: [a, b], listeners: [{port: 8883, protocol: tls}]}
  brokers: {type: autoscaling_group, subnets: [a, b]}
connections:
  - {from: devices, to: nlb, protocol: tcp, port: 8883}
  - {from: nlb, to: brokers, protocol: tcp, port: 1883}
"""


def test_devices_speaking_mqtt_through_an_nlb_load_no_pages() -> None:
    assert ("AG209", "brokers") not in _rules(MQTT)


TRANSIT = """  a-vpc: {type: vpc, cidr: 10.1.0.0/16}
  b-vpc: {type: vpc, cidr: 10.2.0.0/16}
  a-1: {type: subnet, vpc: a-vpc, zone: us-east-1a, cidr: 10.1.1.0/24, route_table: a-rt}
  a-2: {type: subnet, vpc: a-vpc, zone: us-east-1b, cidr: 10.1.2.0/24, route_table: a-rt}
  b-1: {type: subnet, vpc: b-vpc, zone: us-east-1a, cidr: 10.2.1.0/24, route_table: b-rt}
  b-2: {type: subnet, vpc: b-vpc, zone: us-east-1b, cidr: 10.2.2.0/24, route_table: b-rt}
  tgw:
    type: transit_gateway
    attachments: [{vpc: a-vpc, subnets: [a-1, a-2]}, {vpc: b-vpc, subnets: [b-1, b-2]}]
  a-rt: {type: route_table, vpc: a-vpc, routes: [{destination: 10.2.0.0/16, target: tgw}]}
  b-rt: {type: route_table, vpc: b-vpc, routes: [{destination: 10.1.0.0/16, target: tgw}]}
  caller-sg: {type: security_group, vpc: a-vpc}
  callee-sg:
    type: security_group
    vpc: b-vpc
    ingress: [{protocol: tcp, ports: 443, source: 10.1.0.0/16}]
  caller: {type: autoscaling_group, subnets: [a-1, a-2], security_groups: [caller-sg]}
  callee: {type: autoscaling_group, subnets: [b-1, b-2], security_groups: [callee-sg]}
connections:
  - {from: caller, to: callee, protocol: https}
"""


def test_a_range_is_the_right_rule_across_a_transit_gateway() -> None:
    found = _rules(TRANSIT)
    assert ("AG307", "caller") not in found  # the range is proven reachable
    assert ("AG306", "callee") not in found
