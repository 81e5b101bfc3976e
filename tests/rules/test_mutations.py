"""Breaking the shipped designs the way students do yields exactly the matching rule ids."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
import yaml

from archgen.loader import load_text
from archgen.rules.engine import run_rules
from tests.conftest import ARCHITECTURES

Doc = dict[str, Any]


def _load(name: str) -> Doc:
    data: Doc = yaml.safe_load((ARCHITECTURES / name).read_text(encoding="utf-8"))
    return data


CAPSTONE = _load("capstone.yaml")
SERVERLESS = _load("employee-directory-serverless.yaml")


CAPSTONE_WARNINGS: set[tuple[str, str | None]] = set()
"""What the unchanged capstone reports: nothing, as DESIGN.md's section 6 asks."""

SERVERLESS_WARNINGS: set[tuple[str, str | None]] = set()
"""What the unchanged serverless design reports: nothing (Cognito authorizer, table backups)."""

SHIPPED_WARNINGS = CAPSTONE_WARNINGS | SERVERLESS_WARNINGS


def _rules_after(document: Doc, mutate: Callable[[Doc], None]) -> set[tuple[str, str | None]]:
    """Return the findings of the mutated design beyond the unchanged designs' own."""
    changed = copy.deepcopy(document)
    mutate(changed)
    arch = load_text(yaml.safe_dump(changed, sort_keys=False), "mutated.yaml")
    return {(f.rule, f.resource) for f in run_rules(arch) if not f.suppressed} - SHIPPED_WARNINGS


def _set(path: str, value: Any) -> Callable[[Doc], None]:
    def mutate(document: Doc) -> None:
        *parents, last = path.split(".")
        target = document
        for part in parents:
            target = target[part]
        target[last] = value

    return mutate


def _connect(source: str, target: str, protocol: str) -> Callable[[Doc], None]:
    def mutate(document: Doc) -> None:
        document["connections"].append({"from": source, "to": target, "protocol": protocol})

    return mutate


def _without_role(function: str) -> Callable[[Doc], None]:
    def mutate(document: Doc) -> None:
        role = document["resources"][function].pop("role")
        del document["resources"][role]

    return mutate


def _public_database(document: Doc) -> None:
    document["resources"]["db"]["subnets"] = ["public-a", "public-b"]
    document["resources"]["db"]["publicly_accessible"] = True


CAPSTONE_MUTATIONS = [
    ("rds single-AZ", _set("resources.db.multi_az", False), {("AG104", "db")}),
    (
        "one subnet for the ALB",
        _set("resources.web-alb.subnets", ["public-a"]),
        {("AG101", "web-alb"), ("AG102", "web-alb")},
    ),
    (
        "one subnet for the Auto Scaling group",
        _set("resources.app.subnets", ["app-a"]),
        {("AG103", "app")},
    ),
    (
        "client calls the instances",
        _connect("users", "app", "https"),
        {("AG206", "users"), ("AG307", "users")},
    ),
    (
        "ALB calls the database",
        _connect("web-alb", "db", "mysql"),
        {("AG207", "web-alb"), ("AG306", "db"), ("AG307", "web-alb")},
    ),
    (
        "public database",
        _public_database,
        # The public subnets' return rule (1024-65535 from anywhere) admits MySQL's 3306.
        {("AG203", "db"), ("AG308", "public-nacl")},
    ),
    ("unencrypted database", _set("resources.db.storage_encrypted", False), {("AG401", "db")}),
    (
        "plain HTTP listener",
        _set("resources.web-alb.listeners", [{"port": 80, "protocol": "http"}]),
        {("AG402", "web-alb"), ("AG307", "users")},
    ),
    ("importer without a role", _without_role("importer"), {("AG501", "importer")}),
]

SERVERLESS_MUTATIONS = [
    ("Lambda without a role", _without_role("directory-fn"), {("AG501", "directory-fn")}),
    (
        "website bucket without Block Public Access",
        _set("resources.site.block_public_access", False),
        {("AG403", "site")},
    ),
    (
        "CloudFront allowing HTTP",
        _set("resources.cdn.viewer_protocol", "allow-all"),
        {("AG402", "cdn")},
    ),
    (
        "one-zone S3 class",
        _set("resources.photos.storage_class", "one_zone_ia"),
        {("AG106", "photos")},
    ),
    ("no API access logs", _set("resources.api.access_logging", False), {("AG601", "api")}),
    (
        "site served from the website endpoint",
        _set("resources.site.website", True),
        {("AG404", "cdn")},
    ),
    (
        "the site calls the functions directly",
        _connect("staff", "directory-fn", "https"),
        {("AG206", "staff")},
    ),
    (
        "a role allowing what nobody calls",
        _set("resources.fn-role.allows", ["employees", "photos", "logs", "site"]),
        {("AG502", "fn-role")},
    ),
]


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [pytest.param(m, e, id=name) for name, m, e in CAPSTONE_MUTATIONS],
)
def test_capstone_mutation(mutate: Callable[[Doc], None], expected: set[Any]) -> None:
    assert _rules_after(CAPSTONE, mutate) == expected


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [pytest.param(m, e, id=name) for name, m, e in SERVERLESS_MUTATIONS],
)
def test_serverless_mutation(mutate: Callable[[Doc], None], expected: set[Any]) -> None:
    assert _rules_after(SERVERLESS, mutate) == expected


def test_unchanged_designs_have_only_their_own_findings() -> None:
    arch = load_text(yaml.safe_dump(CAPSTONE, sort_keys=False), "capstone.yaml")
    assert {(f.rule, f.resource) for f in run_rules(arch)} == CAPSTONE_WARNINGS
    arch = load_text(yaml.safe_dump(SERVERLESS, sort_keys=False), "serverless.yaml")
    assert {(f.rule, f.resource) for f in run_rules(arch)} == SERVERLESS_WARNINGS


def _nacl_rule(acl: str, direction: str, rule: dict[str, Any]) -> Callable[[Doc], None]:
    def mutate(document: Doc) -> None:
        document["resources"][acl][direction].insert(0, rule)

    return mutate


def _app_sg_without_alb_group(document: Doc) -> None:
    document["resources"]["app-sg"]["ingress"] = [
        {"protocol": "tcp", "ports": 80, "source": "10.0.0.0/16"}
    ]


def _app_sg_closed(document: Doc) -> None:
    document["resources"]["app-sg"]["ingress"] = []


def test_app_on_8080_in_private_subnets_is_no_internet_opening() -> None:
    """The return rule covers 8080, but nothing on the internet can address the private app."""
    changed = copy.deepcopy(CAPSTONE)
    _app_on_8080(changed)
    arch = load_text(yaml.safe_dump(changed, sort_keys=False), "mutated.yaml")
    findings = [f for f in run_rules(arch) if not f.suppressed]
    assert {(f.rule, f.resource) for f in findings} - CAPSTONE_WARNINGS == set()


def _app_on_8080(document: Doc) -> None:
    """Put back the first capstone's application port, inside the NACLs' return range."""
    resources = document["resources"]
    resources["public-nacl"]["outbound"][0]["ports"] = 8080
    resources["app-nacl"]["inbound"][0]["ports"] = 8080
    resources["alb-sg"]["egress"][0]["ports"] = 8080
    resources["app-sg"]["ingress"][0]["ports"] = 8080
    document["connections"][1]["port"] = 8080


NETWORK_MUTATIONS = [
    (
        "database SG open to the internet",
        _set(
            "resources.db-sg.ingress", [{"protocol": "tcp", "ports": 3306, "source": "0.0.0.0/0"}]
        ),
        {("AG305", "db-sg"), ("AG306", "db-sg"), ("AG306", "db")},
        "guards data resource db but admits CIDR 0.0.0.0/0",
    ),
    (
        "a NACL deny on 443 ahead of the allow",
        _nacl_rule(
            "public-nacl",
            "inbound",
            {"rule": 90, "action": "deny", "protocol": "tcp", "ports": 443, "cidr": "0.0.0.0/0"},
        ),
        {("AG302", "public-nacl"), ("AG307", "users")},
        "public-nacl inbound (rule 90 deny tcp 443 0.0.0.0/0",
    ),
    (
        "the ephemeral outbound rule removed",
        _set("resources.db-nacl.outbound", []),
        {("AG304", "app"), ("AG304", "importer"), ("AG307", "app"), ("AG307", "importer")},
        "db-nacl outbound (no rule admits tcp 1024-65535",
    ),
    (
        "the database route table sent to the internet gateway",
        _set("resources.db-rt.routes", [{"destination": "0.0.0.0/0", "target": "igw"}]),
        {("AG201", "db-a"), ("AG201", "db-b"), ("AG203", "db")},
        "route table db-rt routes to an internet gateway",
    ),
    (
        "the application SG admits addresses, not the ALB's group",
        _app_sg_without_alb_group,
        {("AG306", "app")},
        "no security group of app admits web-alb's group (alb-sg)",
    ),
    (
        "the application SG without any source",
        _app_sg_closed,
        {("AG306", "app"), ("AG307", "web-alb")},
        "security_group app-sg (app-sg has no ingress rules) [SG_HAS_NO_RULES]",
    ),
    (
        "no endpoint and no NAT route for the app subnets",
        lambda d: (
            d["resources"].pop("s3-endpoint"),
            d["resources"]["app-rt-a"].update(routes=[]),
            d["resources"]["app-rt-b"].update(routes=[]),
        ),
        {("AG603", "app"), ("AG603", "importer"), ("AG307", "app"), ("AG307", "importer")},
        "no route in route table app-rt-a",
    ),
]


@pytest.mark.parametrize(
    ("mutate", "expected", "names"),
    [pytest.param(m, e, n, id=name) for name, m, e, n in NETWORK_MUTATIONS],
)
def test_capstone_network_mutation(
    mutate: Callable[[Doc], None], expected: set[Any], names: str
) -> None:
    changed = copy.deepcopy(CAPSTONE)
    mutate(changed)
    arch = load_text(yaml.safe_dump(changed, sort_keys=False), "mutated.yaml")
    findings = [f for f in run_rules(arch) if not f.suppressed]
    assert {(f.rule, f.resource) for f in findings} - CAPSTONE_WARNINGS == expected
    assert any(names in f.message for f in findings), [f.message for f in findings]
