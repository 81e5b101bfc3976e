"""The properties the text states about each resource, each chosen by a predicate.

A sentence such as "it authenticates every request" or "the standby serves no
reads" is only true of some designs. Each note here is chosen by a predicate
over the model (a field, a connection's mode) or the network analysis (what
the internet reaches), never assumed; the partial `explanation/notes.md.j2`
words it. A type with nothing to add has no entry: its rationale says enough.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from archgen.explain.facts import Note
from archgen.explain.refs import ref, refs
from archgen.model.architecture import Architecture
from archgen.model.resources.data import Rds
from archgen.model.resources.edge import Alb, ApiGateway, CloudFront, LoadBalancer
from archgen.model.resources.network import Subnet, Vpc
from archgen.model.resources.services import IamRole, Sqs
from archgen.network.exposure import exposures, internet_ports


def notes_of(arch: Architecture, resource_id: str) -> tuple[Note, ...]:
    """Return what the predicates say of one resource, in a fixed order."""
    finder = _FINDERS.get(arch.type_of(resource_id))
    return tuple(finder(arch, resource_id)) if finder else ()


def exposed(arch: Architecture) -> list[tuple[str, str]]:
    """Return each application or data resource the internet reaches, with what it reaches."""
    return arch.memo("explain.exposed", lambda: [(e.resource, e.what) for e in exposures(arch)])


def has_vpc(arch: Architecture) -> bool:
    """Tell whether the design has a VPC at all: the network sentences need one."""
    return any(True for _ in arch.resources_of(Vpc))


def _targets(arch: Architecture, resource_id: str) -> list[str]:
    return [c.target for _, c in arch.connections_from(resource_id)]


def _client(arch: Architecture, client: str) -> Iterator[Note]:
    me = ref(arch, client)
    found = exposed(arch)
    if found:
        yield Note(
            "exposed", me, refs(arch, [r for r, _ in found]), tuple(what for _, what in found)
        )
    elif has_vpc(arch) and _targets(arch, client):
        yield Note("front_doors", me, refs(arch, _targets(arch, client)))
    bypass = [d for d in open_doors(arch) if d not in _targets(arch, client)]
    if bypass and _targets(arch, client):
        yield Note("open_doors", me, refs(arch, bypass))


def open_doors(arch: Architecture) -> list[str]:
    """Return the load balancers the internet reaches, as the network analysis finds them.

    One behind CloudFront that still admits the internet is a second front
    door: a caller can go around the distribution (and its WAF).
    """
    return arch.memo(
        "explain.open_doors",
        lambda: [
            lb
            for lb, resource in arch.resources.items()
            if isinstance(resource, LoadBalancer) and any(internet_ports(arch, lb).values())
        ],
    )


def _api(arch: Architecture, api_id: str) -> Iterator[Note]:
    api, me = arch.get(api_id, ApiGateway), ref(arch, api_id)
    if api.authorizer == "none":
        yield Note("api_open", me)
    else:
        yield Note("api_authorizer", me, values=(api.authorizer, api.kind))
    pages = [
        t
        for _, c in arch.connections_to(api_id)
        if arch.type_of(c.source) == "client"
        for t in _targets(arch, c.source)
        if arch.type_of(t) in ("cloudfront", "s3") and t != api_id
    ]
    if pages:
        yield Note("cors", me, refs(arch, pages))
    if api.access_logging:
        # A role of the API's that allows a log group is the one the design means to log with.
        loggers = [
            r
            for r in arch.roles_of(api_id)
            if any(arch.type_of(t) == "cloudwatch" for t in arch.get(r, IamRole).allows)
        ]
        yield Note("api_logs", me, refs(arch, loggers), values=(api.kind,))


def _cdn(arch: Architecture, cdn: str) -> Iterator[Note]:
    me = ref(arch, cdn)
    yield Note("cdn_cache", me, refs(arch, _targets(arch, cdn)))
    buckets = [t for t in _targets(arch, cdn) if arch.type_of(t) == "s3"]
    if arch.get(cdn, CloudFront).origin_access_control and buckets:
        yield Note("cdn_oac", me, refs(arch, buckets))


def _alb(arch: Architecture, alb_id: str) -> Iterator[Note]:
    placed = arch.zones_of(alb_id)
    if len(placed) > 1:
        alb = arch.get(alb_id, Alb)
        yield Note("alb_zones", ref(arch, alb_id), refs(arch, _targets(arch, alb.id)), placed)


def _asg(arch: Architecture, group: str) -> Iterator[Note]:
    balancers = [c.source for _, c in arch.connections_to(group) if arch.type_of(c.source) == "alb"]
    if balancers:
        yield Note("asg_health", ref(arch, group), refs(arch, balancers))


def _lambda(arch: Architecture, function: str) -> Iterator[Note]:
    me = ref(arch, function)
    subnets = arch.subnets_of(function)
    if subnets:
        zones = tuple(dict.fromkeys(arch.get(s, Subnet).zone for s in subnets))
        yield Note("lambda_vpc", me, values=zones, count=len(subnets))
    callers = [
        (c.source, f"{arch.mode_of(c)}:{arch.type_of(c.source)}")
        for _, c in arch.connections_to(function)
        if arch.mode_of(c) != "request"
    ]
    # A queue or topic the function sends to may be its failure destination; else none is.
    sends = any(arch.type_of(t) in ("sqs", "sns") for t in _targets(arch, function))
    if callers:
        yield Note(
            "invoked_by",
            me,
            refs(arch, [s for s, _ in callers]),
            tuple(m for _, m in callers),  # "mode:type", so the text can name a table's stream
            count=int(sends),
        )


def _rds(arch: Architecture, db_id: str) -> Iterator[Note]:
    db, me = arch.get(db_id, Rds), ref(arch, db_id)
    zones = tuple(dict.fromkeys(arch.get(s, Subnet).zone for s in arch.subnets_of(db_id)))
    if db.aurora:
        yield Note("aurora" if db.replicas else "aurora_alone", me, values=zones, count=db.replicas)
    elif db.multi_az and len(zones) > 1:
        yield Note("rds_standby", me, values=zones)
    else:
        yield Note("rds_single", me, values=zones)
    if db.publicly_accessible or any(r == db_id for r, _ in exposed(arch)):
        yield Note("public_database", me)


def _sqs(arch: Architecture, queue: str) -> Iterator[Note]:
    """Say how a queue delivers: once for all the queues read, then each one's failures.

    A queue nothing reads (another's dead-letter queue, a function's on-failure
    destination) retries nothing: it keeps its messages for someone to look at.
    """
    q, me = arch.get(queue, Sqs), ref(arch, queue)
    if any(other.dead_letter_queue == queue for other in arch.resources_of(Sqs)):
        return
    if not _targets(arch, queue):
        yield Note("queue_unread", me)
        return
    read = [r.id for r in arch.resources_of(Sqs) if _targets(arch, r.id)]
    if read[0] == queue:
        yield Note("queues_delivery", me, refs(arch, read), count=len(read))
    dead = (ref(arch, q.dead_letter_queue),) if q.dead_letter_queue else ()
    yield Note("queue_failures", me, dead, ("fifo",) if q.fifo else ())


def _sns(arch: Architecture, topic: str) -> Iterator[Note]:
    yield Note("topic_delivery", ref(arch, topic), refs(arch, _targets(arch, topic)))


_FINDERS: dict[str, Callable[[Architecture, str], Iterator[Note]]] = {
    "client": _client,
    "api_gateway": _api,
    "cloudfront": _cdn,
    "alb": _alb,
    "autoscaling_group": _asg,
    "lambda": _lambda,
    "rds": _rds,
    "sqs": _sqs,
    "sns": _sns,
}
"""The predicates each type answers; a type absent here states its rationale alone."""
