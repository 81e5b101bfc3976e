"""What the explanation template lays out, built from the facts and worded by the phrases.

`gather`, `flows` and `security` collect the facts (dataclasses of values, no
prose) from the model, the network analysis's verdicts and the checks;
`phrases` and `walk` word them. The result is what the template reads: a plain
`str` is the user's or archgen's text and the template escapes it; an `Md` is a
sentence archgen formatted, built by `md()` from escaped parts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from archgen.explain import gather, phrases
from archgen.explain.description import description
from archgen.explain.facts import ServiceFacts
from archgen.explain.flows import flows
from archgen.explain.security import security
from archgen.explain.walk import FlowText, flow_text
from archgen.findings import Finding
from archgen.model.architecture import Architecture
from archgen.safe_markdown import Md


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
    services: list[ServiceFacts] = field(default_factory=list)
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
    return gather.ref(arch, resource_id).name


def explain(arch: Architecture, findings: list[Finding], rules_run: int) -> Explanation:
    """Return the explanation of `arch` with its check results."""
    zones = gather.zones(arch)
    text = Explanation(
        title=arch.document.title,
        description=description((arch.document.description or "").strip()),
        name=arch.name,
        diagram=f"{arch.name}.png",
        alt=_alt(arch, zones),
        services=gather.services(arch),
        layers=phrases.layers(gather.layers(arch)),
        flows=[flow_text(flow) for flow in flows(arch)],
        zones=[
            ZoneLoss(zone, [phrases.effect(e) for e in gather.zone_effects(arch, zone)])
            for zone in zones
        ],
        regional=[r.name for r in gather.regional(arch)],
        findings=[phrases.finding(f) for f in findings if not f.suppressed],
        rules_run=rules_run,
    )
    _add_security(arch, text)
    return text


def _add_security(arch: Architecture, text: Explanation) -> None:
    """Word the security layers: routes, network ACLs, security groups, roles, protection."""
    layers = security(arch)
    text.routing = [phrases.routing(subnet) for subnet in layers.routing]
    text.nacls = [phrases.acl(acl) for acl in layers.acls]
    if layers.default_acl:
        text.nacls.append(phrases.default_acl(layers.default_acl))
    text.groups = [phrases.group(group) for group in layers.groups]
    text.roles = [phrases.role(role) for role in layers.roles]
    text.protection = [phrases.protection(item) for item in layers.protection]


def alt_text(arch: Architecture) -> str:
    """Return the diagram's text alternative: the title, the zones and the services drawn."""
    return _alt(arch, gather.zones(arch))


def _alt(arch: Architecture, zones: list[str]) -> str:
    facts = [resource.facts for resource in arch.resources.values()]
    services = sorted(
        {f.service for f in facts if f.drawn != "hidden" and f.placement != "outside"}
    )
    where = f" across {len(zones)} Availability Zones" if len(zones) > 1 else ""
    return f"Architecture diagram of {arch.document.title}{where}: {', '.join(services)}"
