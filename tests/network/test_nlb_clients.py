"""An NLB keeps its clients' addresses for instance targets: the target's filters judge them.

Without security groups on the NLB, the target's group must admit the
client range itself; its NACL sees the client range as well (AWS's
client IP preservation, on by default for instance targets).
"""

from __future__ import annotations

from archgen.loader import load_text
from archgen.network.reach import network_of

DESIGN = """archgen: 1
name: t
title: T
region: us-east-1
resources:
  office: {type: client, cidrs: [198.51.100.0/24]}
  vpc: {type: vpc, cidr: 10.7.0.0/16}
  igw: {type: internet_gateway, vpc: vpc}
  pub-rt: {type: route_table, vpc: vpc, routes: [{destination: 0.0.0.0/0, target: igw}]}
  pub-a: {type: subnet, vpc: vpc, zone: us-east-1a, cidr: 10.7.0.0/24, route_table: pub-rt}
  app-a: {type: subnet, vpc: vpc, zone: us-east-1a, cidr: 10.7.10.0/24, nacl: app-nacl}
  app-nacl:
    type: network_acl
    vpc: vpc
    inbound: [{rule: 100, action: allow, protocol: tcp, ports: 8443, cidr: ADMITTED}]
    outbound: [{rule: 100, action: allow, protocol: tcp, ports: 1024-65535, cidr: 0.0.0.0/0}]
  app-sg:
    type: security_group
    vpc: vpc
    ingress: [{protocol: tcp, ports: 8443, source: ADMITTED}]
  nlb: {type: nlb, subnets: [pub-a], listeners: [{port: 443, protocol: tls}]}
  app: {type: TARGET, subnet: app-a, security_groups: [app-sg]}
connections:
  - {from: office, to: nlb, protocol: tcp, port: 443}
  - {from: nlb, to: app, protocol: tcp, port: 8443}
"""


def _verdict(admitted: str, target: str = "ec2") -> tuple[bool, str]:
    arch = load_text(DESIGN.replace("ADMITTED", admitted).replace("TARGET", target), "t.yaml")
    hop = network_of(arch).connection(1)
    block = hop.first_block
    return hop.reachable, block[1].component if block else ""


def test_an_instance_target_admitting_the_client_range_is_reachable() -> None:
    assert _verdict("198.51.100.0/24") == (True, "")


def test_an_instance_target_admitting_only_the_vpc_refuses_the_clients() -> None:
    assert _verdict("10.7.0.0/16") == (False, "app-nacl inbound")


def test_the_steps_name_the_clients_as_the_source() -> None:
    arch = load_text(
        DESIGN.replace("ADMITTED", "198.51.100.0/24").replace("TARGET", "ec2"), "t.yaml"
    )
    checks = [step.check for step in network_of(arch).connection(1).pairs[0].steps]
    assert "inbound tcp 8443 from clients of nlb" in checks


def test_with_client_ip_preservation_off_the_target_sees_the_nlb() -> None:
    text = DESIGN.replace("ADMITTED", "10.7.0.0/16").replace("TARGET", "ec2")
    text = text.replace("protocol: tls}]}", "protocol: tls}], preserve_client_ip: false}")
    hop = network_of(load_text(text, "t.yaml")).connection(1)
    assert hop.reachable, hop.first_block


def test_an_ip_target_sees_the_nlb_unless_preservation_is_turned_on() -> None:
    text = DESIGN.replace("ADMITTED", "10.7.0.0/16").replace("TARGET", "ecs_service")
    text = text.replace("subnet: app-a, security_groups", "subnets: [app-a], security_groups")
    assert network_of(load_text(text, "t.yaml")).connection(1).reachable
    text = text.replace("protocol: tls}]}", "protocol: tls}], preserve_client_ip: true}")
    assert not network_of(load_text(text, "t.yaml")).connection(1).reachable
