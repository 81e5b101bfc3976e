"""Build what the explanation says from the model, the network analysis and the checks.

The result is plain data (dataclasses of strings and lists) that the templates
lay out; no sentence depends on the template, and no template decides anything.
A plain `str` is the user's or archgen's text and the template escapes it; an
`Md` is a sentence archgen formatted, built by `md()` from escaped parts.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from string import digits

from archgen.explain.description import description
from archgen.explain.knowledge import RATIONALES
from archgen.findings import Finding
from archgen.model.architecture import Architecture
from archgen.model.flows import flow_badges, flow_letter
from archgen.model.resources.base import ResourceBase
from archgen.model.resources.data import S3, Rds
from archgen.model.resources.edge import Alb, ApiGateway, CloudFront, Route53
from archgen.model.resources.facts import HoldsRole
from archgen.model.resources.network import (
    NaclRule,
    NatGateway,
    NetworkAcl,
    SecurityGroup,
    Subnet,
)
from archgen.model.resources.services import IamRole
from archgen.network.reach import network_of
from archgen.network.verdict import HopVerdict, PairVerdict, Step
from archgen.safe_markdown import Md, code, join, md


def _explained(arch: Architecture, resource_id: str) -> bool:
    """Tell whether the type has a paragraph of its own (subnets, NACLs... show in the walk)."""
    return arch.resource(resource_id).facts.rationale is not None


@dataclass(frozen=True)
class Named:
    """A resource as the text names it: label and id, and its own reason if it has one."""

    name: Md
    why: str = ""


@dataclass(frozen=True)
class Service:
    """One paragraph of "Why these services"."""

    service: str
    rationale: str
    resources: list[Named]


@dataclass(frozen=True)
class Hop:
    """One numbered step of a flow, one way, with what admitted it."""

    badge: str
    source: Md
    target: Md
    protocol: str
    port: int
    where: Md
    admitted: list[Md]
    note: str = ""


@dataclass(frozen=True)
class FlowText:
    """A flow from the client to the data store, and the way back."""

    name: str
    prefix: str
    dns: Md
    forward: list[Hop]
    back: list[Hop]


@dataclass(frozen=True)
class ZoneLoss:
    """What losing one Availability Zone takes down, and what keeps serving."""

    zone: str
    effects: list[Md]


@dataclass
class Explanation:
    """Everything the explanation template lays out."""

    title: str
    description: Md
    name: str
    diagram: str
    alt: str
    services: list[Service] = field(default_factory=list)
    layers: list[Md] = field(default_factory=list)
    flows: list[FlowText] = field(default_factory=list)
    zones: list[ZoneLoss] = field(default_factory=list)
    regional: list[Md] = field(default_factory=list)
    routing: list[Md] = field(default_factory=list)
    nacls: list[Md] = field(default_factory=list)
    groups: list[Md] = field(default_factory=list)
    roles: list[Md] = field(default_factory=list)
    protection: list[Md] = field(default_factory=list)
    findings: list[Md] = field(default_factory=list)
    rules_run: int = 0


def named(arch: Architecture, resource_id: str) -> Md:
    """Return "Label (id)", or the id alone when there is no label."""
    resource = arch.resource(resource_id)
    return md("{} ({})", resource.label, code(resource_id)) if resource.label else code(resource_id)


def explain(arch: Architecture, findings: list[Finding], rules_run: int) -> Explanation:
    """Return the explanation of `arch` with its check results."""
    zones = sorted({z for rid in arch.resources for z in arch.zones_of(rid)})
    text = Explanation(
        title=arch.document.title,
        description=description((arch.document.description or "").strip()),
        name=arch.name,
        diagram=f"{arch.name}.png",
        alt=_alt(arch, zones),
        rules_run=rules_run,
    )
    text.services = _services(arch)
    text.layers = _layers(arch)
    text.flows = _flows(arch)
    text.zones = [ZoneLoss(zone, _zone_effects(arch, zone, zones)) for zone in zones]
    text.regional = _regional(arch)
    text.routing = _routing(arch)
    text.nacls = _nacls(arch)
    text.groups = _groups(arch)
    text.roles = _roles(arch)
    text.protection = _protection(arch)
    text.findings = [
        md(
            "{} {} on {}: {} (line {})",
            f.severity.value,
            f.rule,
            code(str(f.resource)),
            f.message,
            f.span.line,
        )
        for f in findings
        if not f.suppressed
    ]
    return text


def alt_text(arch: Architecture) -> str:
    """Return the diagram's text alternative: the title, the zones and the services drawn."""
    return _alt(arch, sorted({z for rid in arch.resources for z in arch.zones_of(rid)}))


def _alt(arch: Architecture, zones: list[str]) -> str:
    facts = [resource.facts for resource in arch.resources.values()]
    services = sorted(
        {f.service for f in facts if f.drawn != "hidden" and f.placement != "outside"}
    )
    where = f" across {len(zones)} Availability Zones" if len(zones) > 1 else ""
    return f"Architecture diagram of {arch.document.title}{where}: {', '.join(services)}"


def _services(arch: Architecture) -> list[Service]:
    sections: dict[str, Service] = {}
    for resource_id, resource in arch.resources.items():
        rationale = resource.facts.rationale
        if rationale is None:
            continue
        service = resource.facts.service
        if service not in sections:
            sections[service] = Service(service, RATIONALES[rationale], [])
        sections[service].resources.append(
            Named(named(arch, resource_id), (resource.why or "").strip())
        )
    return list(sections.values())


def _layers(arch: Architecture) -> list[Md]:
    """Say how the presentation and application layers are separated, or that they are not."""
    both = [r for r in arch.resources if {"presentation", "application"} <= set(arch.tiers_of(r))]
    if both:
        names = join(", ", (named(arch, r) for r in both))
        return [
            md(
                "In this design one resource, {}, serves both the presentation layer (the "
                "HTML, CSS and JavaScript of the "
                "site) and the application layer (the logic behind it). The two cannot scale, be "
                "secured or be released separately: a surge of page views takes capacity from the "
                "application, and every change redeploys both.",
                names,
            ),
            md(
                "The redesign fixes this by moving the static site to Amazon S3 behind Amazon "
                "CloudFront (cached at the edge, no servers) and the application logic behind "
                "Amazon API Gateway into AWS Lambda functions, which scale per request; each "
                "layer then scales, changes and is secured on its own."
            ),
        ]
    presentation = [r for r in arch.resources if "presentation" in arch.tiers_of(r)]
    if not presentation:
        return []
    doors = [r for r in arch.resources if arch.type_of(r) in ("api_gateway", "alb")]
    compute = [r for r, resource in arch.resources.items() if isinstance(resource, HoldsRole)]
    lines = [
        md(
            "The presentation layer ({}) only holds and serves static files; it runs no code "
            "and never calls the application directly.",
            _names(arch, presentation),
        )
    ]
    if doors and compute:
        lines.append(
            md(
                "The browser calls the application layer through {}, which invokes {}. Each "
                "layer scales on its own (the site from the CDN cache, the API per request), can "
                "be changed and released separately, and has its own security boundary: the API "
                "is the only door to the logic and the data.",
                _names(arch, doors),
                _names(arch, compute),
            )
        )
    return lines


def _names(arch: Architecture, resource_ids: Iterable[str]) -> Md:
    return join(", ", (named(arch, r) for r in resource_ids))


def _flows(arch: Architecture) -> list[FlowText]:
    badges = flow_badges(arch)
    reach = network_of(arch)
    index_of = {(c.source, c.target): i for i, c in enumerate(arch.connections)}
    aliases = {a: r.id for r in arch.resources_of(Route53) for a in r.aliases}
    result = []
    multiple = len(arch.document.flows) > 1
    for number, flow in enumerate(arch.document.flows):
        prefix = flow_letter(number) if multiple else ""
        forward: list[Hop] = []
        back: list[Hop] = []
        for source, target in itertools.pairwise(flow.steps):
            index = index_of[(source, target)]
            hop = reach.connection(index)
            badge = next((b for b in badges.get(index, ()) if b.rstrip(digits) == prefix), "")
            forward.append(_hop(arch, hop, badge, "forward"))
            back.insert(0, _hop(arch, hop, badge, "return"))
        first = flow.steps[1] if len(flow.steps) > 1 else ""
        dns = Md("")
        if first in aliases:
            route53 = arch.get(aliases[first], Route53)
            domain = md(" for {}", route53.domain) if route53.domain else Md("")
            dns = md(
                "The browser first asks {}{}; the alias record answers with the current "
                "addresses of {}.",
                named(arch, route53.id),
                domain,
                named(arch, first),
            )
        result.append(FlowText(flow.name, prefix, dns, forward, back))
    return result


def _hop(arch: Architecture, hop: HopVerdict, badge: str, direction: str) -> Hop:
    if direction == "forward":
        source, target = hop.source, hop.target
    else:
        source, target = hop.target, hop.source
    protocol = hop.protocol.upper()
    if hop.scope == "outside":
        client = "external" in arch.tiers_of(hop.source)
        where = Md("over the internet" if client else "over the AWS network")
        if direction == "return":
            note = "The response returns on the same connection."
            return Hop(
                badge, named(arch, source), named(arch, target), protocol, hop.port, where, [], note
            )
        controls = _outside_controls(arch, hop.source, hop.target)
        return Hop(
            badge, named(arch, source), named(arch, target), protocol, hop.port, where, controls
        )
    pair = hop.pairs[0]
    where = _where(pair, direction)
    steps = [s for s in pair.steps if s.direction == direction]
    admitted = [_admission(step) for step in steps]
    note = ""
    if len(hop.pairs) > 1:
        count = _COUNTS.get(len(hop.pairs), f"all {len(hop.pairs)}")
        standby = (
            ", the database standby's too"
            if arch.resource(hop.target).facts.drawn == "primary_standby"
            else ""
        )
        note = (
            f"The analysis checked {count} pairs of subnets this traffic can use (in every "
            f"zone{standby}), with the same result."
        )
    if direction == "return":
        note = (
            "Security groups are stateful: the reply needs no rule of its own. Network ACLs are "
            "stateless: the reply, to the caller's ephemeral port (1024-65535), must be allowed "
            "again. " + note
        ).strip()
    return Hop(
        badge, named(arch, source), named(arch, target), protocol, hop.port, where, admitted, note
    )


def _outside_controls(arch: Architecture, source: str, target: str) -> list[Md]:
    """Say what governs a call outside any VPC: TLS, Origin Access Control, IAM roles."""
    controls = []
    source_resource, target_resource = arch.resource(source), arch.resource(target)
    if isinstance(target_resource, CloudFront):
        policy = target_resource.viewer_protocol
        controls.append(md("CloudFront's viewer protocol policy is {} at the nearest edge", policy))
    oac = isinstance(source_resource, CloudFront) and source_resource.origin_access_control
    if oac and isinstance(target_resource, S3):
        controls.append(
            md(
                "Origin Access Control: CloudFront signs the request, and {} admits only this "
                "distribution (Block Public Access stays on)",
                named(arch, target),
            )
        )
    roles = [role for role in arch.roles_of(source) if target in arch.get(role, IamRole).allows]
    if roles:
        controls.append(
            md(
                "A signed AWS API call with the temporary credentials of {}, which allows {}",
                _names(arch, roles),
                named(arch, target),
            )
        )
    if not controls:
        controls.append(
            md(
                "Outside any VPC: no route, network ACL or security group applies; TLS and the "
                "service's own access policies protect the call"
            )
        )
    return controls


def _where(pair: PairVerdict, direction: str) -> Md:
    ends = [pair.source, pair.target] if direction == "forward" else [pair.target, pair.source]
    parts = []
    for end in ends:
        if end.subnet:
            parts.append(md("{} ({})", code(end.subnet), end.zone))
        else:
            parts.append(
                Md("the internet" if "(internet)" in end.label else "a public AWS endpoint")
            )
    return md("from {} to {}", parts[0], parts[1])


_COUNTS = {2: "both", 3: "all three", 4: "all four", 6: "all six", 8: "all eight"}


def _admission(step: Step) -> Md:
    kinds = {
        "network_acl": "network ACL",
        "security_group": "security group",
        "route_table": "route table",
        "internet_gateway": "internet gateway",
        "nat_gateway": "NAT gateway",
        "listener": "listener of",
        "subnet": "subnet",
    }
    name, _, way = step.component.partition(" ")
    component = md(" {}", code(name)) if name else Md("")
    if way in ("inbound", "outbound"):
        component = md("{} ({})", component, way)
    rules = step.admitted_by
    if step.kind == "security_group":
        rules = "; ".join(part.removeprefix(f"{name}: ") for part in rules.split("; "))
    if step.kind == "listener":
        rules = rules.removeprefix("listener ")
    return md("{}{}: {}", kinds.get(step.kind, step.kind), component, rules)


def _zone_effects(arch: Architecture, zone: str, zones: list[str]) -> list[Md]:
    effects = []
    others = [z for z in zones if z != zone]
    for resource_id, resource in arch.resources.items():
        placed = arch.zones_of(resource_id)
        if zone not in placed or not _explained(arch, resource_id):
            continue
        remaining = [z for z in placed if z != zone]
        effects.append(_effect(arch, resource_id, resource, zone, remaining, others))
    return effects


def _effect(
    arch: Architecture,
    resource_id: str,
    resource: ResourceBase,
    zone: str,
    remaining: list[str],
    others: list[str],
) -> Md:
    name = named(arch, resource_id)
    left = ", ".join(remaining)
    if isinstance(resource, Rds):
        if not resource.multi_az or not remaining:
            return md(
                "{} is lost: it is not Multi-AZ, so it is down until restored elsewhere.", name
            )
        primary = arch.get(arch.subnets_of(resource_id)[0], Subnet).zone
        if primary == zone:
            return md(
                "{}: the primary is lost; RDS fails over to the standby in {} automatically "
                "(typically in one to two minutes) and the endpoint name stays the same, so the "
                "application reconnects without a change.",
                name,
                left,
            )
        return md(
            "{}: the standby is lost; the primary in {} keeps serving and RDS creates a new "
            "standby when it can.",
            name,
            primary,
        )
    if isinstance(resource, NatGateway):
        users = [
            s.id
            for s in arch.resources_of(Subnet)
            if (t := arch.route_table_of(s.id)) and any(r.target == resource_id for r in t.routes)
        ]
        served = _codes(users) or Md("no subnet")
        if all(arch.get(s, Subnet).zone == zone for s in users):
            return md(
                "{} is lost with the zone; it served {}, in the same zone, so no surviving "
                "subnet depended on it.",
                name,
                served,
            )
        return md(
            "{} is lost; subnets in other zones that route through it ({}) lose outbound "
            "internet access.",
            name,
            served,
        )
    if not remaining:
        return md("{} is lost: it runs only in {}.", name, zone)
    kind = arch.type_of(resource_id)
    if isinstance(resource, Alb):
        return md(
            "{} stops sending to {} and keeps serving from its nodes in {}.", name, zone, left
        )
    if kind == "autoscaling_group":
        return md(
            "{} loses its instances in {}; the others in {} keep serving, and Auto Scaling "
            "launches replacements in {} to restore the desired capacity.",
            name,
            zone,
            left,
            left,
        )
    return md("{} keeps running in {}.", name, left)


def _codes(values: list[str]) -> Md:
    """Return the ids as code spans, separated by commas (empty for none)."""
    return join(", ", (code(value) for value in values))


def _regional(arch: Architecture) -> list[Md]:
    return [
        named(arch, r)
        for r in arch.resources
        if arch.placement_of(r) in ("regional", "global") and arch.type_of(r) not in ("vpc",)
    ]


def _routing(arch: Architecture) -> list[Md]:
    lines = []
    for subnet in arch.resources_of(Subnet):
        table = arch.route_table_of(subnet.id)
        name = named(arch, subnet.id)
        table_name = code(table.id) if table else Md("the VPC's implicit main route table")
        routes = (
            [md("{} to {}", r.destination, code(r.target)) for r in table.routes] if table else []
        )
        sends = md(" sends {}", join(", ", routes)) if routes else Md(" has only the local route")
        if arch.is_public(subnet.id):
            kind = "public: it has a route to the internet gateway"
        elif routes:
            kind = "private: outbound traffic leaves through a NAT gateway, nothing comes in"
        else:
            kind = "private and isolated: it can reach only the VPC itself"
        lines.append(
            md("{} ({}, {}) is {}; {}{}.", name, subnet.cidr, subnet.zone, kind, table_name, sends)
        )
    return lines


def _nacls(arch: Architecture) -> list[Md]:
    lines = []
    for acl in arch.resources_of(NetworkAcl):
        subnets = [s.id for s in arch.resources_of(Subnet) if s.nacl == acl.id]
        inbound = "; ".join(_acl_rule(r) for r in sorted(acl.inbound, key=lambda r: r.rule))
        outbound = "; ".join(_acl_rule(r) for r in sorted(acl.outbound, key=lambda r: r.rule))
        lines.append(
            md(
                "{} on {}. Inbound: {}; everything else is denied. "
                "Outbound: {}; everything else is denied.",
                named(arch, acl.id),
                _codes(subnets) or Md("no subnet"),
                inbound or "nothing",
                outbound or "nothing",
            )
        )
    without = [s.id for s in arch.resources_of(Subnet) if s.nacl is None]
    if without:
        lines.append(
            md("{} use the VPC's default network ACL, which allows all traffic.", _codes(without))
        )
    return lines


def _acl_rule(rule: NaclRule) -> str:
    ports = "" if rule.ports is None else f" {rule.ports}"
    return f"rule {rule.rule} {rule.action} {rule.protocol}{ports} {rule.cidr}"


def _groups(arch: Architecture) -> list[Md]:
    lines = []
    for group in arch.resources_of(SecurityGroup):
        members = [r for r in arch.resources if group.id in arch.security_groups_of(r)]
        rules = [
            md("{} from {}", _traffic(r.protocol, r.ports), code(r.source)) for r in group.ingress
        ]
        admits = md("admits {}", join(", ", rules)) if rules else Md("admits nothing")
        if group.egress is None:
            out = Md("sends anything out")
        elif not group.egress:
            out = Md("starts no connection")
        else:
            out = md(
                "sends {}",
                join(
                    ", ",
                    (
                        md("{} to {}", _traffic(r.protocol, r.ports), code(r.destination))
                        for r in group.egress
                    ),
                ),
            )
        holders = _codes(members) or Md("nothing")
        lines.append(md("{} (on {}) {}, and {}.", named(arch, group.id), holders, admits, out))
    return lines


def _traffic(protocol: str, ports: object) -> str:
    return protocol if ports is None else f"{protocol} {ports}"


def _roles(arch: Architecture) -> list[Md]:
    lines = []
    for role in arch.resources_of(IamRole):
        holders = _names(arch, arch.holders_of(role.id)) or Md("nothing")
        allows = _names(arch, role.allows) or Md("nothing")
        lines.append(
            md("{} is assumed by {} and allows {}.", named(arch, role.id), holders, allows)
        )
    return lines


def _protection(arch: Architecture) -> list[Md]:
    """Say how the edge and the data are protected: TLS, origin access, public access, logs."""
    lines = []
    for cdn in arch.resources_of(CloudFront):
        access = (
            "reads its S3 origins through Origin Access Control"
            if cdn.origin_access_control
            else "reads its origins without Origin Access Control"
        )
        lines.append(
            md(
                "{} uses viewer protocol {} and {}.",
                named(arch, cdn.id),
                cdn.viewer_protocol,
                access,
            )
        )
    for bucket in arch.resources_of(S3):
        blocked = (
            "Block Public Access on" if bucket.block_public_access else "public access allowed"
        )
        encrypted = "encrypted at rest" if bucket.encrypted else "not encrypted"
        lines.append(md("{}: {}, {}.", named(arch, bucket.id), blocked, encrypted))
    for db in arch.resources_of(Rds):
        encrypted = "encrypted at rest" if db.storage_encrypted else "not encrypted at rest"
        public = "publicly accessible" if db.publicly_accessible else "not publicly accessible"
        lines.append(md("{}: {}, {}.", named(arch, db.id), encrypted, public))
    for api in arch.resources_of(ApiGateway):
        logs = "writes access logs" if api.access_logging else "writes no access logs"
        lines.append(md("{} {}.", named(arch, api.id), logs))
    return lines
