"""Each network semantic of reference/reachability.md, with the verdict AWS would give."""

from __future__ import annotations

from archgen.loader import load_text
from archgen.network.reach import network_of
from archgen.network.verdict import HopVerdict

HEAD = "archgen: 1\nname: t\ntitle: T\nregion: us-east-1\nresources:\n"
VPC = """  vpc: {type: vpc, cidr: 10.0.0.0/16}
  igw: {type: internet_gateway, vpc: vpc}
  pub-rt: {type: route_table, vpc: vpc, routes: [{destination: 0.0.0.0/0, target: igw}]}
  pub-a: {type: subnet, vpc: vpc, zone: us-east-1a, cidr: 10.0.0.0/24, route_table: pub-rt}
  pub-b: {type: subnet, vpc: vpc, zone: us-east-1b, cidr: 10.0.1.0/24, route_table: pub-rt}
"""
OPEN_SG = """  web-sg:
    type: security_group
    vpc: vpc
    ingress: [{protocol: tcp, ports: 80, source: 0.0.0.0/0}]
"""


def _hop(resources: str, source: str, target: str, protocol: str, port: int) -> HopVerdict:
    arch = load_text(HEAD + VPC + resources, "t.yaml")
    return network_of(arch).hop(source, target, protocol, port)


def _admitted_by(hop: HopVerdict) -> list[str]:
    return [step.admitted_by for pair in hop.pairs for step in pair.steps]


def test_longest_prefix_wins() -> None:
    hop = _hop(
        """  nat: {type: nat_gateway, subnet: pub-a}
  rt:
    type: route_table
    vpc: vpc
    routes:
      - {destination: 0.0.0.0/0, target: igw}
      - {destination: 0.0.0.0/1, target: nat}
      - {destination: 128.0.0.0/1, target: nat}
  app: {type: subnet, vpc: vpc, zone: us-east-1a, cidr: 10.0.10.0/24, route_table: rt}
  vm: {type: ec2, subnet: app}
  queue: {type: sqs}
""",
        "vm",
        "queue",
        "https",
        443,
    )
    assert hop.reachable, hop.first_block
    assert "0.0.0.0/1 -> nat (rt)" in _admitted_by(hop)
    assert "128.0.0.0/1 -> nat (rt)" in _admitted_by(hop)
    assert "0.0.0.0/0 -> igw (rt)" not in _admitted_by(hop)


def test_the_least_specific_route_takes_what_is_left() -> None:
    hop = _hop(
        """  nat: {type: nat_gateway, subnet: pub-a}
  rt:
    type: route_table
    vpc: vpc
    routes:
      - {destination: 0.0.0.0/0, target: igw}
      - {destination: 0.0.0.0/1, target: nat}
  app: {type: subnet, vpc: vpc, zone: us-east-1a, cidr: 10.0.10.0/24, route_table: rt}
  vm: {type: ec2, subnet: app}
  queue: {type: sqs}
""",
        "vm",
        "queue",
        "https",
        443,
    )
    block = hop.pairs[0].block
    assert block is not None
    assert (block.kind, block.component, block.reason) == (
        "internet_gateway",
        "igw",
        "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS",
    )
    assert "0.0.0.0/1 -> nat (rt)" in _admitted_by(hop)


def test_a_lower_numbered_deny_beats_a_later_allow() -> None:
    acl = """  acl:
    type: network_acl
    vpc: vpc
    inbound:
      - {rule: 200, action: allow, protocol: tcp, ports: 80, cidr: 0.0.0.0/0}
      - {rule: 100, action: deny, protocol: tcp, ports: 80, cidr: 203.0.113.0/24}
    outbound:
      - {rule: 100, action: allow, protocol: tcp, ports: 1024-65535, cidr: 0.0.0.0/0}
  web-sub: {type: subnet, vpc: vpc, zone: us-east-1a, cidr: 10.0.2.0/24, route_table: pub-rt,
            nacl: acl}
  web: {type: ec2, subnet: web-sub, public_ip: true, security_groups: [web-sg]}
  users: {type: client}
"""
    hop = _hop(acl + OPEN_SG, "users", "web", "http", 80)
    block = hop.pairs[0].block
    assert block is not None
    assert (block.direction, block.component, block.reason) == (
        "forward",
        "acl inbound",
        "SUBNET_ACL_RESTRICTION",
    )
    assert block.detail == "rule 100 deny tcp 80 203.0.113.0/24 refuses tcp 80 from 203.0.113.0/24"


def test_a_missing_outbound_ephemeral_rule_breaks_the_reply() -> None:
    hop = _hop(
        """  acl:
    type: network_acl
    vpc: vpc
    inbound: [{rule: 100, action: allow, protocol: tcp, ports: 80, cidr: 0.0.0.0/0}]
    outbound: [{rule: 100, action: allow, protocol: tcp, ports: 80, cidr: 0.0.0.0/0}]
  web-sub: {type: subnet, vpc: vpc, zone: us-east-1a, cidr: 10.0.2.0/24, route_table: pub-rt,
            nacl: acl}
  web: {type: ec2, subnet: web-sub, public_ip: true, security_groups: [web-sg]}
  users: {type: client}
"""
        + OPEN_SG,
        "users",
        "web",
        "http",
        80,
    )
    block = hop.pairs[0].block
    assert block is not None
    assert (block.direction, block.component, block.reason) == (
        "return",
        "acl outbound",
        "SUBNET_ACL_RESTRICTION",
    )
    assert block.detail.startswith("no rule admits tcp 1024-65535 to the internet")
    assert [s.kind for s in hop.pairs[0].steps] == [
        "internet_gateway",
        "route_table",
        "network_acl",
        "security_group",
    ]


def _two_tiers(app_ingress: str, app_egress: str = "") -> str:
    return f"""  a: {{type: subnet, vpc: vpc, zone: us-east-1a, cidr: 10.0.10.0/24}}
  b: {{type: subnet, vpc: vpc, zone: us-east-1a, cidr: 10.0.20.0/24}}
  front-sg: {{type: security_group, vpc: vpc{app_egress}}}
  back-sg: {{type: security_group, vpc: vpc, ingress: [{app_ingress}]}}
  front: {{type: ec2, subnet: a, security_groups: [front-sg]}}
  back: {{type: ec2, subnet: b, security_groups: [back-sg]}}
"""


def test_a_security_group_can_admit_another_group() -> None:
    hop = _hop(
        _two_tiers("{protocol: tcp, ports: 8080, source: front-sg}"), "front", "back", "tcp", 8080
    )
    assert hop.reachable
    assert "back-sg: tcp 8080 from front-sg" in _admitted_by(hop)


def test_a_group_admitting_someone_else_refuses() -> None:
    hop = _hop(
        _two_tiers("{protocol: tcp, ports: 8080, source: back-sg}"), "front", "back", "tcp", 8080
    )
    block = hop.pairs[0].block
    assert block is not None
    assert (block.kind, block.component, block.reason) == (
        "security_group",
        "back-sg",
        "ENI_SG_RULES_MISMATCH",
    )


def test_a_subnet_without_nacl_uses_the_allow_all_default() -> None:
    hop = _hop(
        _two_tiers("{protocol: tcp, ports: 8080, source: front-sg}"), "front", "back", "tcp", 8080
    )
    assert "a has no NACL: the default ACL allows all traffic" in _admitted_by(hop)
    assert "b has no NACL: the default ACL allows all traffic" in _admitted_by(hop)


def test_omitted_egress_allows_all_and_empty_egress_allows_none() -> None:
    ingress = "{protocol: tcp, ports: 8080, source: front-sg}"
    default = _hop(_two_tiers(ingress), "front", "back", "tcp", 8080)
    assert "front-sg: default egress, all traffic" in _admitted_by(default)
    closed = _hop(_two_tiers(ingress, ", egress: []"), "front", "back", "tcp", 8080)
    block = closed.pairs[0].block
    assert block is not None
    assert (block.component, block.reason, block.detail) == (
        "front-sg",
        "SG_HAS_NO_RULES",
        "front-sg has no egress rules",
    )


NAT_ELSEWHERE = """  nat-a: {type: nat_gateway, subnet: pub-a}
  rt-b: {type: route_table, vpc: vpc, routes: [{destination: 0.0.0.0/0, target: nat-a}]}
  app-b: {type: subnet, vpc: vpc, zone: us-east-1b, cidr: 10.0.11.0/24, route_table: rt-b}
  vm: {type: ec2, subnet: app-b}
  queue: {type: sqs}
"""


def test_a_private_subnet_reaches_out_through_a_nat_in_another_zone() -> None:
    hop = _hop(NAT_ELSEWHERE, "vm", "queue", "https", 443)
    assert hop.reachable
    kinds = [(s.direction, s.kind, s.component) for s in hop.pairs[0].steps]
    assert ("forward", "nat_gateway", "nat-a") in kinds
    assert ("forward", "route_table", "pub-rt") in kinds


def test_the_nat_subnet_acl_judges_the_translated_traffic() -> None:
    acl = """  pub-acl:
    type: network_acl
    vpc: vpc
    inbound: [{rule: 100, action: allow, protocol: tcp, ports: 443, cidr: 10.0.0.0/16}]
    outbound: [{rule: 100, action: allow, protocol: tcp, ports: 443, cidr: 0.0.0.0/0}]
"""
    text = NAT_ELSEWHERE.replace("subnet: pub-a}", "subnet: pub-nat}") + acl
    text += "  pub-nat: {type: subnet, vpc: vpc, zone: us-east-1a, cidr: 10.0.5.0/24, "
    text += "route_table: pub-rt, nacl: pub-acl}\n"
    hop = _hop(text, "vm", "queue", "https", 443)
    block = hop.pairs[0].block
    assert block is not None
    assert (block.direction, block.component) == ("return", "pub-acl inbound")
    assert block.detail == "no rule admits tcp 1024-65535 from the internet"


ENDPOINT = """  rt: {type: route_table, vpc: vpc}
  app: {type: subnet, vpc: vpc, zone: us-east-1a, cidr: 10.0.10.0/24, route_table: rt}
  s3-endpoint: {type: vpc_endpoint, vpc: vpc, service: s3, route_tables: [rt]}
  vm: {type: ec2, subnet: app}
  photos: {type: s3}
  table: {type: dynamodb}
"""


def test_an_s3_gateway_endpoint_route_carries_s3_and_nothing_else() -> None:
    to_s3 = _hop(ENDPOINT, "vm", "photos", "https", 443)
    assert to_s3.reachable
    assert "s3 prefix list -> s3-endpoint (gateway endpoint)" in _admitted_by(to_s3)
    to_dynamodb = _hop(ENDPOINT, "vm", "table", "https", 443)
    block = to_dynamodb.pairs[0].block
    assert block is not None
    assert (block.component, block.reason) == ("rt", "NO_ROUTE_TO_DESTINATION")


def test_the_same_subnet_passes_no_nacl() -> None:
    hop = _hop(
        """  acl: {type: network_acl, vpc: vpc}
  a: {type: subnet, vpc: vpc, zone: us-east-1a, cidr: 10.0.10.0/24, nacl: acl}
  front: {type: ec2, subnet: a}
  back: {type: ec2, subnet: a}
""",
        "front",
        "back",
        "tcp",
        5000,
    )
    assert hop.reachable
    assert [s.kind for s in hop.pairs[0].steps] == [
        "security_group",
        "route_table",
        "security_group",
        "subnet",
    ]
    assert "default security group: members reach each other" in _admitted_by(hop)


def test_a_private_resource_is_not_reachable_from_the_internet() -> None:
    hop = _hop(
        """  app: {type: subnet, vpc: vpc, zone: us-east-1a, cidr: 10.0.10.0/24}
  vm: {type: ec2, subnet: app}
  users: {type: client}
""",
        "users",
        "vm",
        "https",
        443,
    )
    block = hop.pairs[0].block
    assert block is not None
    assert block.reason == "IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS"


def test_a_listener_must_exist_on_the_port() -> None:
    hop = _hop(
        """  lb-sg:
    type: security_group
    vpc: vpc
    ingress: [{protocol: tcp, ports: 443, source: 0.0.0.0/0}]
  lb:
    type: alb
    subnets: [pub-a, pub-b]
    security_groups: [lb-sg]
    listeners: [{port: 80, protocol: http}]
  users: {type: client}
""",
        "users",
        "lb",
        "https",
        443,
    )
    block = hop.pairs[0].block
    assert block is not None
    assert (block.reason, block.detail) == (
        "ELBV2_LISTENERS_MISMATCH",
        "no listener on port 443 (listeners: 80)",
    )
