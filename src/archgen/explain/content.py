"""What the explanation template lays out: facts, gathered from the model, and no prose.

`gather`, `notes`, `flows`, `security` and `checks` collect the facts
(dataclasses of values) from the model, the network analysis's verdicts and
the rules; the Jinja2 partials in templates/explanation/ word them, so a
course can reword any part with `--templates DIR` without touching logic. A
plain `str` is the user's or archgen's value and the template escapes it; an
`Md` (a resource's name, the description) is Markdown archgen built from
escaped parts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from archgen.explain import gather, security
from archgen.explain.checks import checks
from archgen.explain.description import description
from archgen.explain.facts import (
    CheckFacts,
    FlowFacts,
    LayerFacts,
    Ref,
    RoleFacts,
    ServiceFacts,
    StoreFacts,
    SubnetRouting,
    ZoneRow,
)
from archgen.explain.flows import flows
from archgen.explain.notes import has_vpc
from archgen.explain.refs import ref
from archgen.findings import Finding
from archgen.model.architecture import Architecture
from archgen.rules.base import Rule
from archgen.safe_markdown import Md


@dataclass
class Explanation:
    """Everything the explanation template lays out."""

    title: str
    description: Md
    name: str
    diagram: str
    alt: str
    vpc: bool
    """The design has a VPC: only then do subnets, routes, NACLs and security groups apply."""
    services: list[ServiceFacts] = field(default_factory=list)
    layers: LayerFacts | None = None
    flows: list[FlowFacts] = field(default_factory=list)
    zones: list[str] = field(default_factory=list)
    zone_rows: list[ZoneRow] = field(default_factory=list)
    regional: tuple[Ref, ...] = ()
    edge: tuple[Ref, ...] = ()
    routing: tuple[tuple[SubnetRouting, ...], ...] = ()
    roles: tuple[RoleFacts, ...] = ()
    stores: tuple[StoreFacts, ...] = ()
    logging: tuple[Ref, ...] = ()
    checks: CheckFacts | None = None

    @property
    def role_of(self) -> dict[str, RoleFacts]:
        """Return each role's facts by its id, for the IAM entry of the services."""
        return {role.role.id: role for role in self.roles}


def named(arch: Architecture, resource_id: str) -> Md:
    """Return how the text names a resource: its label, or its id in code."""
    return ref(arch, resource_id).name


def explain(
    arch: Architecture,
    findings: list[Finding],
    rules: Sequence[type[Rule]] = (),
    picture: str | None = None,
) -> Explanation:
    """Return the explanation of `arch` with its check results under `rules`, showing `picture`."""
    zones = gather.zones(arch)
    layers = gather.layers(arch)
    return Explanation(
        title=arch.document.title,
        description=description((arch.document.description or "").strip()),
        name=arch.name,
        diagram=picture or f"{arch.name}.png",
        alt=_alt(arch, zones),
        vpc=has_vpc(arch),
        services=gather.services(arch),
        layers=layers if layers.mixed or layers.presentation else None,
        flows=flows(arch),
        zones=zones,
        zone_rows=gather.zone_rows(arch),
        regional=gather.regional(arch),
        edge=gather.edge(arch),
        routing=security.routing(arch),
        roles=security.roles(arch),
        stores=security.stores(arch),
        logging=security.logging(arch),
        checks=checks(arch, rules, findings),
    )


def alt_text(arch: Architecture) -> str:
    """Return the diagram's text alternative: what it shows, over how many zones.

    The services it shows are each named in the text under it, so a screen
    reader need not hear the list twice.
    """
    return _alt(arch, gather.zones(arch))


def _alt(arch: Architecture, zones: list[str]) -> str:
    where = f" across {len(zones)} Availability Zones" if len(zones) > 1 else ""
    return f"Architecture diagram of {arch.document.title}{where}"
