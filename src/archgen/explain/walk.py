"""The words of the traffic walk: each hop, where it runs, and what admitted it.

Each function words one kind of fact from `facts`; user values go in through
`md()`, which escapes them, so only archgen's own words are Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass

from archgen.explain import facts
from archgen.explain.naming import names
from archgen.network.verdict import Direction
from archgen.safe_markdown import Md, code, md


@dataclass(frozen=True)
class Hop:
    """One numbered step of a flow, one way, with what admitted it."""

    badge: str
    """The step's number as the picture's badge shows it (A1, A2...)."""
    source: Md
    target: Md
    protocol: str
    port: int
    where: Md
    """Between which subnets and zones, or from or to the internet."""
    admitted: list[Md]
    """The route, network ACL rule and security group rule that let it through."""
    note: str = ""


@dataclass(frozen=True)
class FlowText:
    """A flow from the client to the data store, and the way back."""

    name: str
    prefix: str
    dns: Md
    forward: list[Hop]
    back: list[Hop]


def flow_text(flow: facts.FlowFacts) -> FlowText:
    """Return the flow as the template lays it out."""
    return FlowText(
        flow.name,
        flow.prefix,
        dns_sentence(flow.dns),
        [hop(leg) for leg in flow.forward],
        [hop(leg) for leg in flow.back],
    )


def dns_sentence(dns: facts.Dns | None) -> Md:
    """Say how the browser finds the first service, when an alias record names it."""
    if dns is None:
        return Md("")
    domain = md(" for {}", dns.domain) if dns.domain else Md("")
    return md(
        "The browser first asks {}{}; the alias record answers with the current addresses of {}.",
        dns.route53.name,
        domain,
        dns.target.name,
    )


def hop(leg: facts.Leg) -> Hop:
    """Return one hop: where it runs, what admitted it, and a note on the way back."""
    source, target = leg.source.name, leg.target.name
    path = leg.path
    if isinstance(path, facts.Outside):
        where = Md("over the internet" if path.internet else "over the AWS network")
        if path.controls is None:
            note = "The response returns on the same connection."
            return Hop(leg.badge, source, target, leg.protocol, leg.port, where, [], note)
        controls = outside_controls(path.controls)
        return Hop(leg.badge, source, target, leg.protocol, leg.port, where, controls)
    where = md("from {} to {}", _place(path.ends[0]), _place(path.ends[1]))
    admitted = [admission(item) for item in path.admitted]
    note = _note(path, leg.direction)
    return Hop(leg.badge, source, target, leg.protocol, leg.port, where, admitted, note)


def _place(end: facts.End) -> Md:
    if end.subnet:
        return md("{} ({})", code(end.subnet), end.zone)
    return Md("the internet" if end.internet else "a public AWS endpoint")


_COUNTS = {2: "both", 3: "all three", 4: "all four", 6: "all six", 8: "all eight"}


def _note(path: facts.Inside, direction: Direction) -> str:
    """Say over how many subnet pairs the result holds and, on the way back, why it passes."""
    note = ""
    if path.pairs > 1:
        count = _COUNTS.get(path.pairs, f"all {path.pairs}")
        standby = ", the database standby's too" if path.standby else ""
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
    return note


_KINDS = {
    "network_acl": "network ACL",
    "security_group": "security group",
    "route_table": "route table",
    "internet_gateway": "internet gateway",
    "nat_gateway": "NAT gateway",
    "vpc_endpoint": "VPC endpoint",
    "transit_gateway": "transit gateway",
    "vpc_peering": "peering connection",
    "listener": "listener of",
    "subnet": "subnet",
}


def admission(item: facts.Admission) -> Md:
    """Say which component admitted the traffic, and by which rules."""
    component = md(" {}", code(item.component)) if item.component else Md("")
    if item.way:
        component = md("{} ({})", component, item.way)
    return md("{}{}: {}", _KINDS.get(item.kind, item.kind), component, "; ".join(item.rules))


def outside_controls(controls: facts.OutsideControls) -> list[Md]:
    """Say what governs a call outside any VPC, or that only TLS and the service's policy do."""
    lines = []
    if controls.viewer_protocol is not None:
        lines.append(
            md(
                "CloudFront's viewer protocol policy is {} at the nearest edge",
                controls.viewer_protocol,
            )
        )
    if controls.origin_access:
        lines.append(
            md(
                "Origin Access Control: CloudFront signs the request, and {} admits only this "
                "distribution (Block Public Access stays on)",
                controls.target.name,
            )
        )
    if controls.roles:
        lines.append(
            md(
                "A signed AWS API call with the temporary credentials of {}, which allows {}",
                names(controls.roles),
                controls.target.name,
            )
        )
    return lines or [
        md(
            "Outside any VPC: no route, network ACL or security group applies; TLS and the "
            "service's own access policies protect the call"
        )
    ]
