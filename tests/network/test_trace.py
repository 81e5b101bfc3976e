"""`archgen trace` knows identity and follows declared paths (issue 14, DESIGN.md 7.1).

Outside a VPC a call gets through only when the caller's role or the target's
resource policy admits it, the same decision AG501 reads, so trace and check agree.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from archgen.cli import main
from archgen.loader import load_file
from archgen.model.access import verb
from archgen.network.calls import call_of
from archgen.network.journey import traced
from archgen.rules.engine import run_rules
from tests.conftest import ARCHITECTURES

IDENTITY = Path(__file__).parent / "data" / "identity.yaml"


def _trace(path: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["trace", str(path), *args])


def test_an_anonymous_user_cannot_read_a_bucket_behind_block_public_access() -> None:
    result = _trace(IDENTITY, "users", "site")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "users -> site  https port 443: BLOCKED",
        "  outside any VPC: IAM and resource policies govern this call",
        "  identity: REFUSED: Block Public Access on site refuses anonymous requests",
    ]


def test_an_anonymous_user_cannot_call_bedrock() -> None:
    result = _trace(IDENTITY, "users", "model")
    assert result.exit_code == 1
    assert "  identity: REFUSED: model takes only signed requests and users holds no role" in (
        result.output.splitlines()
    )


def test_a_distribution_reads_the_bucket_only_with_origin_access_control() -> None:
    allowed = _trace(IDENTITY, "cdn", "site")
    refused = _trace(IDENTITY, "open-cdn", "site")
    assert allowed.exit_code == 0
    assert "identity: allowed: the bucket policy admits cdn by Origin Access Control" in (
        allowed.output
    )
    assert refused.exit_code == 1
    assert "open-cdn has no Origin Access Control and Block Public Access is on" in (refused.output)


def test_a_path_follows_the_declared_flow_hop_by_hop() -> None:
    lines = _trace(ARCHITECTURES / "employee-directory-serverless.yaml", "staff", "employees")
    assert lines.exit_code == 0
    assert [line for line in lines.output.splitlines() if line.startswith(("staff", "hop"))] == [
        "staff -> employees via api, directory-fn (flow Look up an employee): reachable",
        "hop 1 of 3: staff -> api  https port 443: reachable both ways",
        "hop 2 of 3: api -> directory-fn  https port 443: reachable both ways",
        "hop 3 of 3: directory-fn -> employees  https port 443: reachable both ways",
    ]
    assert "  through the Lambda service: no route, NACL or security group of a VPC applies" in (
        lines.output.splitlines()
    )


def test_a_path_without_a_flow_is_the_shortest_chain_and_names_the_refused_hop() -> None:
    result = _trace(IDENTITY, "users", "table")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == "users -> table via api, fn: BLOCKED at hop 3"
    assert "hop 3 of 3: fn -> table  https port 443: BLOCKED" in lines
    assert "  only callers authenticated by its cognito authorizer get through" in lines


def test_a_path_through_a_vpc_walks_every_hop_both_ways() -> None:
    result = _trace(ARCHITECTURES / "capstone.yaml", "users", "db")
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == (
        "users -> db via web-alb, app (flow Query the research data): reachable"
    )
    assert result.output.count("\nhop ") == 3
    assert result.output.count("    reply:") == 2 + 4 + 4


def test_trace_and_check_agree_on_a_role_that_lacks_the_target() -> None:
    findings = [f for f in run_rules(load_file(IDENTITY)) if f.rule == "AG501"]
    refused = {(f.resource, f.message.split(",")[0]) for f in findings}
    assert ("fn", "calls table") in refused
    result = _trace(IDENTITY, "fn", "table")
    assert result.exit_code == 1
    assert "  identity: REFUSED: its role fn-role does not allow table" in (
        result.output.splitlines()
    )


@pytest.mark.parametrize(
    ("ends", "asked"),
    [
        (("fn", "jobs"), []),
        (("jobs", "fn"), ["  asked jobs -> fn: traced as the call is made, from fn"]),
    ],
)
def test_a_poll_is_traced_from_the_function_and_says_what_was_asked(
    ends: tuple[str, str], asked: list[str]
) -> None:
    result = _trace(IDENTITY, *ends)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[: 3 + len(asked)] == [
        "fn -> jobs  https port 443: reachable both ways",
        *asked,
        "  poll: declared jobs -> fn, where the data flows; fn starts each call and reads jobs",
        "  through the Lambda service: no route, NACL or security group of a VPC applies",
    ]
    assert "  identity: allowed: role fn-role of fn allows jobs" in lines


def test_an_api_with_an_authorizer_admits_only_authenticated_callers() -> None:
    result = _trace(IDENTITY, "users", "api")
    assert result.exit_code == 0
    assert result.output.splitlines()[-2:] == [
        "  identity: allowed: api admits only callers authenticated by its cognito authorizer",
        "  only callers authenticated by its cognito authorizer get through",
    ]


def test_every_refusal_of_trace_is_an_ag501_finding_and_back() -> None:
    arch = load_file(IDENTITY)
    findings = {(f.resource, f.message) for f in run_rules(arch) if f.rule == "AG501"}
    findings = {item for item in findings if "execution role" not in item[1]}
    refused = set()
    for connection in arch.connections:
        hop = traced(arch, call_of(arch, connection))
        ends = (arch.type_of(hop.call.caller), arch.type_of(hop.call.callee))
        if hop.access is None or hop.access.allowed or ends == ("cloudfront", "s3"):
            continue
        if ends[0] == "client" and ends[1] == "lambda":
            continue  # a user calling a function is AG206's finding
        message = f"{verb(arch, connection)} {hop.call.callee}, but {hop.access.reason}"
        refused.add((hop.call.caller, message))
    assert findings == refused
    assert {caller for caller, _ in refused} == {"users", "fn", "api"}


def test_a_resource_to_itself_is_no_path() -> None:
    result = _trace(IDENTITY, "users", "users")
    assert result.exit_code == 2
    assert "no connection from users to users is declared, nor any path" in result.stderr


def test_the_route_into_a_public_subnet_names_its_table() -> None:
    result = _trace(ARCHITECTURES / "capstone.yaml", "users", "web-alb", "--port", "443")
    assert "       2. route_table public-rt: to web-alb in public-a (10.0.0.0/24)" in (
        result.output.splitlines()
    )


def test_a_service_reached_through_its_interface_endpoint_is_not_called_public(
    tmp_path: Path,
) -> None:
    design = tmp_path / "ssm.yaml"
    design.write_text(
        "archgen: 1\nname: t\ntitle: T\nregion: us-east-1\nresources:\n"
        "  vpc: {type: vpc, cidr: 10.0.0.0/16}\n"
        "  a: {type: subnet, vpc: vpc, zone: us-east-1a, cidr: 10.0.1.0/24}\n"
        "  sg: {type: security_group, vpc: vpc, ingress: [{protocol: tcp, ports: 443, "
        "source: 10.0.0.0/16}]}\n"
        "  one: {type: vpc_endpoint, vpc: vpc, service: ssm, subnets: [a], security_groups: [sg]}\n"
        "  two: {type: vpc_endpoint, vpc: vpc, service: ssmmessages, subnets: [a], "
        "security_groups: [sg]}\n"
        "  three: {type: vpc_endpoint, vpc: vpc, service: ec2messages, subnets: [a], "
        "security_groups: [sg]}\n"
        "  manager: {type: systems_manager}\n"
        "  role: {type: iam_role, assumed_by: [vm], allows: [manager]}\n"
        "  vm: {type: ec2, subnet: a, role: role}\n"
        "connections:\n  - {from: vm, to: manager, protocol: https}\n",
        encoding="utf-8",
    )
    result = _trace(design, "vm", "manager")
    assert result.exit_code == 0, result.output
    assert (
        "  vm in a (10.0.1.0/24) -> manager (through interface endpoint one, two, three): ok"
        in result.output.splitlines()
    )
    assert "public endpoint" not in result.output


def test_trace_refuses_an_end_that_is_no_endpoint() -> None:
    """A subnet, a VPC or a gateway sends nothing of its own: its verdict would mean nothing."""
    for end, kind in (("public-a", "a subnet"), ("vpc", "a vpc"), ("igw", "an internet_gateway")):
        result = _trace(ARCHITECTURES / "capstone.yaml", "users", end, "--port", "443")
        assert result.exit_code == 2, result.output
        assert f"'{end}' is {kind}" in result.stderr
        assert "reachable" not in result.output
