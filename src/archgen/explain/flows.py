"""The flows' facts: each hop, how it runs, and how its reply comes back.

Every traffic fact comes from `network/`, as the AG3xx rules' do, so the text
cannot disagree with the checks; the verdicts are read through their fields,
never by taking their text apart. Whether a hop is a request, an event or a
poll is the model's (`Architecture.mode_of`): only requests are answered.
"""

from __future__ import annotations

import itertools
from typing import Literal

from archgen.explain.facts import Admission, Dns, End, FlowFacts, Inside, Leg, Outside, Ref
from archgen.explain.refs import ref, refs
from archgen.model.access import RESOURCE_POLICIES, access, ends, role_allowing
from archgen.model.architecture import Architecture
from archgen.model.flows import flow_badges, flow_letter, step_connection
from archgen.model.resources.data import S3, Rds
from archgen.model.resources.edge import ApiGateway, CloudFront, Route53
from archgen.model.resources.facts import HoldsRole
from archgen.model.resources.network import NetworkAcl, VpcEndpoint
from archgen.model.resources.services import IamRole
from archgen.network import endpoints, nacl
from archgen.network.reach import network_of
from archgen.network.verdict import HopVerdict, PairVerdict, Place, Step

PROTOCOL_NAMES = {
    "mysql": "MySQL",
    "postgres": "PostgreSQL",
    "postgresql": "PostgreSQL",
    "mssql": "SQL Server",
    "oracle": "Oracle",
    "redis": "Redis",
    "memcached": "Memcached",
    "grpc": "gRPC",
    "kafka": "Kafka",
}
"""How the text writes a protocol whose name is not an acronym; the others in capitals."""


def flows(arch: Architecture) -> list[FlowFacts]:
    """Return each declared flow as its hops; a hop an earlier flow used is marked so."""
    badges = flow_badges(arch)
    multiple = len(arch.document.flows) > 1
    seen: set[int] = set()
    result = []
    for number, flow in enumerate(arch.document.flows):
        prefix = flow_letter(number) if multiple else ""
        legs = []
        for step, (source, target) in enumerate(itertools.pairwise(flow.steps), 1):
            index = step_connection(arch, source, target)
            assert index is not None  # noqa: S101 (the loader refuses a step with no connection)
            mine = f"{prefix}{step}"
            others = tuple(b for b in badges.get(index, ()) if b != mine)
            legs.append(_leg(arch, index, (mine, *others), first=index not in seen))
            seen.add(index)
        socket, pushes = _pushes(arch, flow.steps)
        result.append(
            FlowFacts(flow.name, prefix, _dns(arch, flow.steps[1]), tuple(legs), pushes, socket)
        )
    return result


def _pushes(arch: Architecture, steps: tuple[str, ...]) -> tuple[Ref | None, tuple[Ref, ...]]:
    """Return the WebSocket API a flow enters and the steps that post back through it.

    A handler that calls the API it was invoked by (the @connections endpoint)
    sends to open connections: those are pushes, not the reply to the sender.
    """
    sockets = [
        s for s in steps if isinstance(r := arch.resource(s), ApiGateway) and r.kind == "websocket"
    ]
    for socket in sockets:
        back = [
            s
            for s in steps
            if isinstance(arch.resource(s), HoldsRole)
            and any(c.target == socket for _, c in arch.connections_from(s))
        ]
        if back:
            return ref(arch, socket), refs(arch, back)
    return None, ()


def _dns(arch: Architecture, first: str) -> Dns | None:
    """Return the alias record that resolves the flow's first call (the last one declared).

    The zone's `domain` is the host only when the zone aliases one front door:
    with several, each has a name of its own that the model does not record.
    """
    zones = {a: r for r in arch.resources_of(Route53) for a in r.aliases}
    if first not in zones:
        return None
    zone = zones[first]
    domain = zone.domain if len(zone.aliases) == 1 else None
    return Dns(ref(arch, zone.id), domain, ref(arch, first))


def _leg(arch: Architecture, index: int, badges: tuple[str, ...], first: bool) -> Leg:
    """Return one hop: inside a VPC with its admissions each way, outside with its controls."""
    connection = arch.connections[index]
    mode = arch.mode_of(connection)
    hop = network_of(arch).connection(index)
    path: Inside | Outside | None = None
    if mode == "request":
        path = _inside(arch, hop) if hop.scope == "vpc" else _outside(arch, hop)
    caller, callee = ends(arch, connection)
    role = role_allowing(arch, caller, callee) if path is None else None
    verdict = access(arch, caller, callee) if path is None and role is None else None
    return Leg(
        badges,
        ref(arch, connection.source),
        ref(arch, connection.target),
        PROTOCOL_NAMES.get(hop.protocol, hop.protocol.upper()),
        hop.port,
        mode,
        connection.label or "",
        path,
        via_endpoint=_via_endpoint(arch, hop),
        via_interface=_via_interface(arch, hop),
        first=first,
        database=_database(arch, connection.target),
        role=ref(arch, role) if role else None,
        resource_policy=verdict is not None
        and verdict.allowed
        and arch.type_of(callee) in RESOURCE_POLICIES,
    )


def _database(arch: Architecture, target: str) -> Literal["", "instance", "primary", "writer"]:
    """Return what the endpoint of a database target names: a writer, a primary, an instance."""
    resource = arch.resource(target)
    if not isinstance(resource, Rds):
        return ""
    if resource.aurora:
        return "writer"
    return "primary" if resource.multi_az else "instance"


def _inside(arch: Architecture, hop: HopVerdict) -> Inside:
    """Return the first pair's subnets and admissions; every other pair gave the same result."""
    pair = hop.pairs[0]
    zones = tuple(sorted({p.target.zone for p in hop.pairs if p.target.zone}))
    return Inside(
        (_end(pair.source), _end(pair.target)),
        _admitted(arch, pair, "forward"),
        _admitted(arch, pair, "return"),
        len(hop.pairs),
        zones,
        all(p.source.subnet and p.target.subnet for p in hop.pairs),
    )


def _admitted(arch: Architecture, pair: PairVerdict, direction: str) -> tuple[Admission, ...]:
    return tuple(
        Admission(step.kind, step.subject, step.way, step.rules, _numbers(arch, step))
        for step in pair.steps
        if step.direction == direction
    )


def _numbers(arch: Architecture, step: Step) -> tuple[int, ...]:
    """Return the numbers of the network ACL rules that admitted a step, found in the model.

    The analysis words each rule with `nacl.rule_text`; the rule is the one of
    the ACL's side whose text that is, so nothing is taken apart.
    """
    if step.kind != "network_acl" or step.subject not in arch.resources:
        return ()
    acl = arch.get(step.subject, NetworkAcl)
    side = acl.inbound if step.way == "inbound" else acl.outbound
    return tuple(rule.rule for rule in side if nacl.rule_text(rule) in step.rules)


def _end(place: Place) -> End:
    return End(place.subnet, place.zone, place.internet)


def _outside(arch: Architecture, hop: HopVerdict) -> Outside:
    """Return whether the caller is on the internet, and what governs the call."""
    source, target = arch.resource(hop.source), arch.resource(hop.target)
    viewer = target.viewer_protocol if isinstance(target, CloudFront) else None
    oac = isinstance(source, CloudFront) and source.origin_access_control and isinstance(target, S3)
    roles = [r for r in arch.roles_of(hop.source) if hop.target in arch.get(r, IamRole).allows]
    client = "external" in arch.tiers_of(hop.source)
    api = target if isinstance(target, ApiGateway) and target.authorizer != "none" else None
    return Outside(
        client,
        viewer,
        oac,
        refs(arch, roles),
        api.authorizer if api else "",
        api is not None and api.kind == "websocket",
    )


def _via_interface(arch: Architecture, hop: HopVerdict) -> bool:
    """Tell whether the caller's subnets resolve the service to its interface endpoints."""
    subnets = {p.source.subnet for p in hop.pairs if p.source.subnet}
    return any(endpoints.interfaces_for(arch, subnet, hop.target) for subnet in subnets)


def _via_endpoint(arch: Architecture, hop: HopVerdict) -> bool:
    """Tell whether the caller's route table sends this service's traffic to a gateway endpoint."""
    subnets = {p.source.subnet for p in hop.pairs if p.source.subnet}
    tables = {t.id for s in subnets if (t := arch.route_table_of(s))}
    return any(
        endpoint.service == arch.type_of(hop.target) and tables & set(endpoint.route_tables)
        for endpoint in arch.resources_of(VpcEndpoint)
    )
