"""The words of the explanation outside the traffic walk: layers, zones, security, checks.

Each function words one fact from `facts`; user values go in through `md()`,
which escapes them, so only archgen's own words are Markdown.
"""

from __future__ import annotations

from collections.abc import Callable

from archgen.explain.facts import (
    AclFacts,
    Effect,
    GroupFacts,
    LayerFacts,
    Outcome,
    Protection,
    RoleFacts,
    Safeguard,
    SubnetRouting,
)
from archgen.explain.naming import codes, names
from archgen.findings import Finding
from archgen.safe_markdown import Md, code, join, md


def layers(facts: LayerFacts) -> list[Md]:
    """Say how the presentation and application layers are separated, or that they are not."""
    if facts.mixed:
        return [
            md(
                "In this design one resource, {}, serves both the presentation layer (the "
                "HTML, CSS and JavaScript of the "
                "site) and the application layer (the logic behind it). The two cannot scale, be "
                "secured or be released separately: a surge of page views takes capacity from the "
                "application, and every change redeploys both.",
                names(facts.mixed),
            ),
            md(
                "The redesign fixes this by moving the static site to Amazon S3 behind Amazon "
                "CloudFront (cached at the edge, no servers) and the application logic behind "
                "Amazon API Gateway into AWS Lambda functions, which scale per request; each "
                "layer then scales, changes and is secured on its own."
            ),
        ]
    if not facts.presentation:
        return []
    lines = [
        md(
            "The presentation layer ({}) only holds and serves static files; it runs no code "
            "and never calls the application directly.",
            names(facts.presentation),
        )
    ]
    if facts.doors and facts.compute:
        lines.append(
            md(
                "The browser calls the application layer through {}, which invokes {}. Each "
                "layer scales on its own (the site from the CDN cache, the API per request), can "
                "be changed and released separately, and has its own security boundary: the API "
                "is the only door to the logic and the data.",
                names(facts.doors),
                names(facts.compute),
            )
        )
    return lines


_EFFECTS: dict[Outcome, Callable[[Effect], Md]] = {
    "single_database": lambda e: md(
        "{} is lost: it is not Multi-AZ, so it is down until restored elsewhere.",
        e.resource.name,
    ),
    "failover": lambda e: md(
        "{}: the primary is lost; RDS fails over to the standby in {} automatically "
        "(typically in one to two minutes) and the endpoint name stays the same, so the "
        "application reconnects without a change.",
        e.resource.name,
        ", ".join(e.remaining),
    ),
    "standby_lost": lambda e: md(
        "{}: the standby is lost; the primary in {} keeps serving and RDS creates a new "
        "standby when it can.",
        e.resource.name,
        e.primary,
    ),
    "nat_in_zone": lambda e: md(
        "{} is lost with the zone; it served {}, in the same zone, so no surviving "
        "subnet depended on it.",
        e.resource.name,
        codes(e.served) or Md("no subnet"),
    ),
    "nat_across_zones": lambda e: md(
        "{} is lost; subnets in other zones that route through it ({}) lose outbound "
        "internet access.",
        e.resource.name,
        codes(e.served) or Md("no subnet"),
    ),
    "only_here": lambda e: md("{} is lost: it runs only in {}.", e.resource.name, e.zone),
    "balancer": lambda e: md(
        "{} stops sending to {} and keeps serving from its nodes in {}.",
        e.resource.name,
        e.zone,
        ", ".join(e.remaining),
    ),
    "scaling_group": lambda e: md(
        "{} loses its instances in {}; the others in {} keep serving, and Auto Scaling "
        "launches replacements in {} to restore the desired capacity.",
        e.resource.name,
        e.zone,
        ", ".join(e.remaining),
        ", ".join(e.remaining),
    ),
    "keeps_running": lambda e: md(
        "{} keeps running in {}.", e.resource.name, ", ".join(e.remaining)
    ),
}


def effect(fact: Effect) -> Md:
    """Say what losing the zone does to one resource, and what keeps serving."""
    return _EFFECTS[fact.outcome](fact)


def routing(fact: SubnetRouting) -> Md:
    """Say whether a subnet is public, private or isolated, and by which routes."""
    table = code(fact.table) if fact.table else Md("the VPC's implicit main route table")
    routes = [md("{} to {}", destination, code(target)) for destination, target in fact.routes]
    sends = md(" sends {}", join(", ", routes)) if routes else Md(" has only the local route")
    if fact.public:
        kind = "public: it has a route to the internet gateway"
    elif routes:
        kind = "private: outbound traffic leaves through a NAT gateway, nothing comes in"
    else:
        kind = "private and isolated: it can reach only the VPC itself"
    subnet = fact.subnet.name
    return md("{} ({}, {}) is {}; {}{}.", subnet, fact.cidr, fact.zone, kind, table, sends)


def acl(fact: AclFacts) -> Md:
    """Say which subnets a network ACL guards and what it lets in and out."""
    return md(
        "{} on {}. Inbound: {}; everything else is denied. "
        "Outbound: {}; everything else is denied.",
        fact.acl.name,
        codes(fact.subnets) or Md("no subnet"),
        "; ".join(fact.inbound) or "nothing",
        "; ".join(fact.outbound) or "nothing",
    )


def default_acl(subnets: tuple[str, ...]) -> Md:
    """Say which subnets have no network ACL of their own."""
    return md("{} use the VPC's default network ACL, which allows all traffic.", codes(subnets))


def group(fact: GroupFacts) -> Md:
    """Say what holds a security group, what it admits and what it sends."""
    rules = [md("{} from {}", traffic, code(source)) for traffic, source in fact.ingress]
    admits = md("admits {}", join(", ", rules)) if rules else Md("admits nothing")
    if fact.egress is None:
        out = Md("sends anything out")
    elif not fact.egress:
        out = Md("starts no connection")
    else:
        sent = (md("{} to {}", traffic, code(peer)) for traffic, peer in fact.egress)
        out = md("sends {}", join(", ", sent))
    holders = codes(fact.holders) or Md("nothing")
    return md("{} (on {}) {}, and {}.", fact.group.name, holders, admits, out)


def role(fact: RoleFacts) -> Md:
    """Say what assumes an IAM role and what it allows."""
    holders = names(fact.holders) or Md("nothing")
    allows = names(fact.allows) or Md("nothing")
    return md("{} is assumed by {} and allows {}.", fact.role.name, holders, allows)


_SAFEGUARDS: dict[Safeguard, tuple[str, str]] = {
    "origin_access": (
        "reads its S3 origins through Origin Access Control",
        "reads its origins without Origin Access Control",
    ),
    "public_access_blocked": ("Block Public Access on", "public access allowed"),
    "encrypted": ("encrypted at rest", "not encrypted"),
    "storage_encrypted": ("encrypted at rest", "not encrypted at rest"),
    "publicly_accessible": ("publicly accessible", "not publicly accessible"),
    "access_logging": ("writes access logs", "writes no access logs"),
}
"""Each safeguard's words when it is on, and when it is off."""

_PROTECTION = {
    "cdn": "{} uses viewer protocol {} and {}.",
    "bucket": "{}: {}, {}.",
    "database": "{}: {}, {}.",
    "api": "{} {}.",
}


def protection(fact: Protection) -> Md:
    """Say how one edge, data or API resource is protected."""
    words = [_SAFEGUARDS[safeguard][0 if on else 1] for safeguard, on in fact.safeguards]
    policy = [fact.viewer_protocol] if fact.kind == "cdn" else []
    return md(_PROTECTION[fact.kind], fact.resource.name, *policy, *words)


def finding(fact: Finding) -> Md:
    """Say what a check found, where, and on which line of the file."""
    return md(
        "{} {} on {}: {} (line {})",
        fact.severity.value,
        fact.rule,
        code(str(fact.resource)),
        fact.message,
        fact.span.line,
    )
