"""How a connection's mode becomes a network question (DESIGN.md 7.1, issue 14).

request: the caller's packet and its reply; event: the request alone; poll:
walked from `to` to `from`; a function is invoked through the Lambda service,
never at its network interfaces.
"""

from __future__ import annotations

from archgen.loader import load_text
from archgen.model.architecture import Architecture
from archgen.network.calls import call_of
from archgen.network.reach import network_of
from archgen.rules.engine import run_rules

BASE = """\
archgen: 1
name: t
title: T
region: us-east-1
resources:
  vpc: {type: vpc, cidr: 10.0.0.0/16}
  igw: {type: internet_gateway, vpc: vpc}
  pub-rt: {type: route_table, vpc: vpc, routes: [{destination: 0.0.0.0/0, target: igw}]}
  pub-a: {type: subnet, vpc: vpc, zone: us-east-1a, cidr: 10.0.0.0/24, route_table: pub-rt}
  nat: {type: nat_gateway, subnet: pub-a}
  nat-rt: {type: route_table, vpc: vpc, routes: [{destination: 0.0.0.0/0, target: nat}]}
  out-a: {type: subnet, vpc: vpc, zone: us-east-1a, cidr: 10.0.20.0/24, route_table: nat-rt}
  priv-a: {type: subnet, vpc: vpc, zone: us-east-1a, cidr: 10.0.10.0/24}
  priv-b: {type: subnet, vpc: vpc, zone: us-east-1b, cidr: 10.0.11.0/24}
  closed: {type: security_group, vpc: vpc, egress: []}
  fn: {type: lambda, role: fn-role, subnets: [priv-a, priv-b], security_groups: [closed]}
  fn-role: {type: iam_role, allows: [jobs]}
  jobs: {type: sqs}
  api: {type: api_gateway}
  vm: {type: ec2, subnet: priv-a, role: vm-role}
  nat-vm: {type: ec2, subnet: out-a, role: vm-role}
  vm-role: {type: iam_role, allows: [fn, jobs]}
connections:
"""


def _arch(*connections: str) -> Architecture:
    return load_text(BASE + "".join(f"  - {c}\n" for c in connections), "t.yaml")


def test_an_event_over_tcp_still_needs_its_transport_replies() -> None:
    """No application answer, but SendMessage's SYN-ACK and HTTP 200 cross the NACLs back."""
    arch = _arch("{from: vm, to: nat-vm, protocol: https, mode: event}")
    hop = network_of(arch).connection(0)
    assert hop.one_way
    assert hop.reachable
    assert {step.direction for pair in hop.pairs for step in pair.steps} == {"forward", "return"}


def test_an_event_over_udp_is_walked_one_way() -> None:
    arch = _arch("{from: vm, to: nat-vm, protocol: udp, port: 514, mode: event}")
    hop = network_of(arch).connection(0)
    assert hop.one_way
    assert hop.reachable
    assert {step.direction for pair in hop.pairs for step in pair.steps} == {"forward"}


def test_an_event_a_nacl_answers_nothing_to_is_blocked_on_the_return_path() -> None:
    deaf = (
        "  deaf: {type: network_acl, vpc: vpc, outbound: [{rule: 100, action: allow, "
        "protocol: tcp, ports: 443, cidr: 0.0.0.0/0}], inbound: []}\n"
    )
    text = BASE.replace("  out-a: {", "  out-a: {nacl: deaf, ").replace("connections:\n", deaf)
    event = "connections:\n  - {from: nat-vm, to: jobs, protocol: https, mode: event}\n"
    arch = load_text(text + event, "t.yaml")
    hop = network_of(arch).connection(0)
    assert hop.one_way
    assert hop.first_block is not None
    _pair, block = hop.first_block
    assert (block.direction, block.component) == ("return", "deaf inbound")
    assert [f.rule for f in run_rules(arch) if f.rule in ("AG304", "AG307")] == ["AG304", "AG307"]


def test_an_event_between_services_has_no_network_leg() -> None:
    arch = _arch("{from: jobs, to: api, protocol: https, mode: event}")
    hop = network_of(arch).connection(0)
    assert (hop.scope, hop.one_way, hop.reachable) == ("outside", True, True)


def test_a_poll_is_walked_from_the_side_that_starts_it() -> None:
    arch = _arch("{from: jobs, to: nat-vm, protocol: https, mode: poll}")
    call = call_of(arch, arch.connections[0])
    assert (call.caller, call.callee, call.port) == ("nat-vm", "jobs", 443)
    hop = network_of(arch).connection(0)
    assert (hop.source, hop.target, hop.scope, hop.reachable) == ("nat-vm", "jobs", "vpc", True)
    kinds = [step.kind for step in hop.pairs[0].steps]
    assert "nat_gateway" in kinds


def test_a_queue_feeding_a_function_is_a_poll_through_the_lambda_service() -> None:
    arch = _arch("{from: jobs, to: fn, protocol: https}")
    call = call_of(arch, arch.connections[0])
    assert (call.mode, call.caller, call.callee, call.via_service) == ("poll", "fn", "jobs", True)
    hop = network_of(arch).connection(0)
    assert (hop.scope, hop.reachable) == ("service", True)
    assert hop.pairs[0].steps[0].check == "the Lambda service polls jobs for fn, with its role"


def test_services_invoke_a_vpc_function_without_its_network() -> None:
    arch = _arch("{from: api, to: fn, protocol: https}")
    hop = network_of(arch).connection(0)
    assert (hop.scope, hop.reachable) == ("service", True)
    assert not [f for f in run_rules(arch) if f.rule in ("AG307", "AG603", "AG306")]


def test_code_in_a_subnet_invokes_a_function_at_the_lambda_endpoint() -> None:
    arch = _arch("{from: vm, to: fn, protocol: https}", "{from: nat-vm, to: fn, protocol: https}")
    reach = network_of(arch)
    private, behind_nat = reach.connection(0), reach.connection(1)
    assert [pair.target.label for pair in private.pairs] == ["fn (public endpoint)"]
    assert behind_nat.reachable
    assert not private.reachable
    found = {(f.rule, f.resource) for f in run_rules(arch) if f.rule in ("AG306", "AG603")}
    assert found == {("AG603", "vm")}
