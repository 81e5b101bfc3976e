"""No sentence of an explanation states a property the design does not have.

Each property (exposed or not, authorizer or not, Aurora or RDS standby, request or
event, VPC or not, logging or not) is judged here from the model or the network
analysis, and the text of every design under architectures/ (the gallery and any
design added later included) and of mutations that flip each property is searched
for the sentences only the other case may say.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from archgen.commands.explain import explanation
from archgen.explain.checks import applies
from archgen.explain.notes import open_doors
from archgen.explain.refs import prose
from archgen.loader import load_file
from archgen.model.architecture import Architecture
from archgen.model.resources.data import Rds
from archgen.model.resources.edge import ApiGateway, Route53
from archgen.model.resources.network import Vpc
from archgen.network.exposure import exposures
from archgen.rules.filtering.ag301_custom_nacl_per_subnet import CustomNaclPerSubnet
from archgen.rules.operations.ag601_api_access_logging import ApiAccessLogging
from archgen.safe_markdown import text as safe_text
from tests.conftest import ARCHITECTURES, WriteArch

Doc = dict[str, Any]

DESIGNS = sorted(
    path
    for path in ARCHITECTURES.rglob("*.yaml")
    if not any(part.startswith(".") for part in path.relative_to(ARCHITECTURES).parts)
)
"""Every design under architectures/, in every folder but hidden ones (designs waiting for
a type archgen does not have yet): new ones are judged too."""


def _text(arch: Architecture) -> str:
    return explanation(arch).data.decode("utf-8")


def _mutant(tmp_path: Path, design: str, change: Callable[[Doc], None]) -> Architecture:
    doc = yaml.safe_load((ARCHITECTURES / design).read_text(encoding="utf-8"))
    change(doc)
    path = tmp_path / design
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return load_file(path)


def _flow_sections(text: str) -> dict[str, str]:
    """Return each flow's section of the text by its heading."""
    flows = text.split("## How traffic flows", 1)[-1].split("\n## ", 1)[0]
    parts = re.split(r"^### (.+)$", flows, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def assert_claims_hold(arch: Architecture) -> None:
    """Fail on any sentence whose predicate is false of `arch`."""
    text = _text(arch)
    for phrase in ("nothing comes in", "by default", "exactly the permissions", "rules pass"):
        assert phrase not in text.lower(), phrase
    for check in (_access, _databases, _network, _flows):
        check(arch, text)


def _access(arch: Architecture, text: str) -> None:
    """Check authentication is claimed only with an authorizer, "unexposed" only if so."""
    apis = list(arch.resources_of(ApiGateway))
    if not any(api.authorizer != "none" for api in apis):
        # "authenticates", "authenticated callers": what an API without authorizer never does.
        # (A design's own text may speak of other authentication, e.g. IAM database auth.)
        assert "authenticates" not in text.lower()
        assert "authenticated" not in text.lower()
        assert "authorizer checks every caller" not in text
    for api in apis:
        if api.authorizer == "none":
            assert "It has no authorizer" in text
    called = {c.target for c in arch.connections if arch.type_of(c.source) == "client"}
    for door in open_doors(arch):
        if door not in called:
            assert "also admits the internet directly" in text, door
    if list(exposures(arch)):
        assert "no server or database is reachable from the internet" not in text
        assert "nothing behind it is exposed" not in text.lower()
    if not any(api.access_logging for api in apis) and not {"cloudwatch", "lambda"} & _types(arch):
        assert "**Logs.** Nothing in this design writes logs" in text
    if "lambda" in _types(arch):
        assert "Nothing in this design writes logs" not in text


def _databases(arch: Architecture, text: str) -> None:
    """Check Aurora has readers, never a standby, and a Multi-AZ standby serves no reads."""
    databases = list(arch.resources_of(Rds))
    if any(db.aurora for db in databases):
        assert "standby" not in _archgen_words(arch, text).lower()
    if any(db.multi_az and not db.aurora for db in databases):
        assert "serves no reads" in text
        assert "60 to 120 seconds" in text


def _network(arch: Architecture, text: str) -> None:
    """Check no subnet is named without a VPC, no host for a zone of several aliases."""
    if not list(arch.resources_of(Vpc)):
        for word in ("subnet", "network acl", "security group", "route table"):
            assert word not in _archgen_words(arch, text).lower(), word
    for zone in arch.resources_of(Route53):
        if len(zone.aliases) > 1 and zone.domain:
            assert f"resolves {zone.domain} to" not in text
    if "nat_gateway" not in _types(arch):  # a call through interface endpoints, say
        assert "through the NAT gateway" not in text


def _flows(arch: Architecture, text: str) -> None:
    """Check a flow with an event or a poll in it is never said to be answered."""
    for flow, section in zip(arch.document.flows, _flow_sections(text).values(), strict=True):
        modes = {
            arch.mode_of(c)
            for a, b in itertools.pairwise(flow.steps)
            for c in arch.connections
            if (c.source, c.target) == (a, b)
        }
        if modes != {"request"}:
            assert "comes back on the same connections" not in section, flow.name
            assert "retraces these hops" not in section, flow.name
            assert "the response" not in section, flow.name


def _types(arch: Architecture) -> set[str]:
    return {arch.type_of(r) for r in arch.resources}


def _archgen_words(arch: Architecture, text: str) -> str:
    """Return the text without the designer's own words (description, reasons, labels).

    This test judges what archgen says; a design may describe itself as it likes.
    """
    for resource in arch.resources.values():
        if resource.why:
            text = text.replace(prose(resource.why), "")
        if resource.label:
            text = text.replace(safe_text(resource.label.strip()), "")
    return text.replace(arch.document.description or "", "")


@pytest.mark.parametrize("path", DESIGNS, ids=lambda p: str(p.relative_to(ARCHITECTURES)))
def test_every_design_states_only_what_it_has(path: Path) -> None:
    assert_claims_hold(load_file(path))


def _capstone(tmp_path: Path, change: Callable[[Doc], None]) -> Architecture:
    return _mutant(tmp_path, "capstone.yaml", change)


def _serverless(tmp_path: Path, change: Callable[[Doc], None]) -> Architecture:
    return _mutant(tmp_path, "employee-directory-serverless.yaml", change)


def _public_database(doc: Doc) -> None:
    resources = doc["resources"]
    resources["db"].update(subnets=["public-a", "public-b"], publicly_accessible=True)
    resources["db-sg"]["ingress"].append({"protocol": "tcp", "ports": 3306, "source": "0.0.0.0/0"})
    rule = {"rule": 130, "action": "allow", "protocol": "tcp", "ports": 3306, "cidr": "0.0.0.0/0"}
    resources["public-nacl"]["inbound"].append(rule)


def test_a_public_database_is_never_called_private(tmp_path: Path) -> None:
    arch = _capstone(tmp_path, _public_database)
    assert [e.resource for e in exposures(arch)] == ["db"]
    assert_claims_hold(arch)
    text = _text(arch)
    assert "It can be reached from the internet" in text
    assert "private by default" not in text
    assert "no server or database is reachable from the internet" not in text


def test_an_api_without_an_authorizer_is_said_to_be_open(tmp_path: Path) -> None:
    arch = _serverless(tmp_path, lambda doc: doc["resources"]["api"].pop("authorizer", None))
    assert_claims_hold(arch)
    text = _text(arch)
    assert "authenticat" not in text.lower()
    assert "It has no authorizer: anyone who can reach it can call it" in text


def test_an_authorizer_is_named_when_there_is_one(tmp_path: Path) -> None:
    arch = _serverless(tmp_path, lambda doc: doc["resources"]["api"].update(authorizer="cognito"))
    assert_claims_hold(arch)
    text = _text(arch)
    assert "An Amazon Cognito authorizer checks every caller" in text
    assert "no authorizer" not in text


def _aurora(doc: Doc) -> None:
    doc["resources"]["db"].update(engine="aurora-mysql", replicas=1, why="Holds the data.")


def test_aurora_is_a_writer_and_readers_never_a_standby(tmp_path: Path) -> None:
    arch = _capstone(tmp_path, _aurora)
    assert_claims_hold(arch)
    text = _text(arch)
    assert "standby" not in text.lower()
    assert "one writer and one reader, which serves reads and is the failover target" in text
    assert "Aurora promotes a reader in another zone to writer" in text
    assert "to the cluster endpoint, which names the writer" in text


def test_a_multi_az_standby_serves_no_reads_and_fails_over_by_dns() -> None:
    text = _text(load_file(ARCHITECTURES / "capstone.yaml"))
    assert "serves no reads" in text
    assert "repoints the endpoint's DNS name to it, typically in 60 to 120 seconds" in text
    assert "the application must reconnect and retry" in text


EVENTS = """\
archgen: 1
name: events
title: Orders
region: us-east-1
resources:
  users: {type: client, label: Customers}
  api: {type: api_gateway, label: Orders API, authorizer: iam, access_logging: true}
  intake: {type: lambda, label: Intake function, role: intake-role}
  queue: {type: sqs, label: Order queue, dead_letter_queue: dlq}
  dlq: {type: sqs, label: Failed orders}
  worker: {type: lambda, label: Worker, role: worker-role}
  uploads: {type: s3, label: Upload bucket}
  topic: {type: sns, label: Alerts}
  intake-role: {type: iam_role, assumed_by: [intake], allows: [queue]}
  worker-role: {type: iam_role, assumed_by: [worker], allows: [queue, topic, uploads]}
connections:
  - {from: users, to: api, protocol: https}
  - {from: api, to: intake, protocol: https}
  - {from: intake, to: queue, protocol: https}
  - {from: queue, to: worker, protocol: https}
  - {from: worker, to: topic, protocol: https}
  - {from: topic, to: users, protocol: smtp, mode: event}
  - {from: uploads, to: worker, protocol: https, mode: event}
flows:
  - {name: Place an order, steps: [users, api, intake, queue, worker, topic, users]}
  - {name: Upload a file, steps: [uploads, worker]}
"""


def test_event_hops_are_told_as_events_without_a_reply(write_arch: WriteArch) -> None:
    arch = load_file(write_arch(EVENTS))
    assert_claims_hold(arch)
    text = _text(arch)
    order, upload = _flow_sections(text).values()
    assert "the response" not in text
    assert "from **A4** on, the work goes on without a reply" in order
    assert "Order queue → Worker: HTTPS 443, which the Lambda service polls for the" in order
    assert "it deletes each message the function handles successfully" in order
    assert "**A6** Alerts → Customers: SMTP 587, a notification delivered outside AWS" in order
    assert "nothing answers" in upload
    assert "It delivers each message at least once" in text
    assert "After the set number of tries a failing message moves to Failed orders" in text
    assert "Upload bucket invokes it asynchronously for each event" in text


def test_a_design_without_a_vpc_speaks_of_no_subnet() -> None:
    text = _text(load_file(ARCHITECTURES / "employee-directory-serverless.yaml"))
    for word in ("subnet", "network ACL", "security group", "route table"):
        assert word not in text, word


def test_checks_that_find_nothing_to_check_are_not_said_to_pass() -> None:
    text = _text(load_file(ARCHITECTURES / "capstone.yaml"))
    checks = text.split("## Checks")[1]
    assert re.search(
        r"\d+ passed and \d+ did not apply \(the design has nothing they check\)", checks
    )
    assert "logging" not in checks


def test_a_rule_with_nothing_to_look_at_does_not_apply() -> None:
    capstone = load_file(ARCHITECTURES / "capstone.yaml")
    serverless = load_file(ARCHITECTURES / "employee-directory-serverless.yaml")
    assert not applies(ApiAccessLogging, capstone)
    assert applies(ApiAccessLogging, serverless)
    assert not applies(CustomNaclPerSubnet, serverless)
    assert applies(CustomNaclPerSubnet, capstone)


def test_a_zone_with_several_aliases_names_no_host_for_them() -> None:
    text = _text(load_file(ARCHITECTURES / "employee-directory-serverless.yaml"))
    assert "for directory.example.com;" not in text
    assert "Route 53 resolves Directory API's host name with an alias record" in text


def test_a_function_in_a_vpc_needs_network_interface_permissions() -> None:
    text = _text(load_file(ARCHITECTURES / "capstone.yaml"))
    line = next(line for line in text.splitlines() if line.startswith("- **Importer role**"))
    assert "EC2 network-interface ones (AWSLambdaVPCAccessExecutionRole)" in line
    assert "nothing else" not in line


def test_a_private_tier_receives_requests() -> None:
    for path in DESIGNS:
        assert "nothing comes in" not in _text(load_file(path))


def test_api_access_logs_go_through_the_account_role() -> None:
    text = _text(load_file(ARCHITECTURES / "employee-directory-serverless.yaml"))
    assert "write its access logs" not in text
    assert "through the account's API Gateway logging role" in text


def _generic(doc: Doc) -> None:
    doc.update(title="Directory", description="A company's staff directory.")


def test_a_mixed_tier_gets_generic_advice_not_the_course_redesign(tmp_path: Path) -> None:
    text = _text(_mutant(tmp_path, "employee-directory-ec2.yaml", _generic))
    assert "run on Web and application servers" in text
    for course in ("redesign", "API Gateway", "Lambda", "CloudFront"):
        assert course not in text, course


def test_the_course_original_keeps_its_own_redesign_story() -> None:
    text = _text(load_file(ARCHITECTURES / "employee-directory-ec2.yaml"))
    assert "The serverless redesign separates them." in text
