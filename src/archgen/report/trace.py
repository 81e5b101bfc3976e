"""`archgen trace`: each hop's verdict, forward and back, and who identity lets in, for people."""

from __future__ import annotations

from archgen.network.journey import Journey, TracedHop
from archgen.network.verdict import PairVerdict
from archgen.safe_text import log_line, visible

_SCOPES = {
    "outside": "  outside any VPC: IAM and resource policies govern this call",
    "service": "  through the Lambda service: no route, NACL or security group of a VPC applies",
}


def format_trace(journey: Journey) -> str:
    """Return one hop as before, or a path's verdict and then each hop in order."""
    if len(journey.hops) == 1:
        head, *rest = _hop(journey.hops[0])
        return _shown([head, *_asked(journey), *rest])
    lines = [_path_head(journey)]
    for number, hop in enumerate(journey.hops, 1):
        head, *rest = _hop(hop)
        lines += ["", f"hop {number} of {len(journey.hops)}: {head}", *rest]
    return _shown(lines)


def _asked(journey: Journey) -> list[str]:
    """Say what was asked when the call runs the other way: a trace never swaps it silently."""
    hop = journey.hops[0].hop
    if (hop.source, hop.target) == (journey.source, journey.target):
        return []
    return [
        f"  asked {journey.source} -> {journey.target}: traced as the call is made, "
        f"from {hop.source}"
    ]


def _path_head(journey: Journey) -> str:
    """Return e.g. 'users -> site via cdn (flow Load the site): reachable'."""
    reached = [h.call.caller if h.call.mode == "poll" else h.call.callee for h in journey.hops]
    via = ", ".join(reached[:-1])
    flow = f" (flow {journey.flow})" if journey.flow else ""
    blocked = next((n for n, hop in enumerate(journey.hops, 1) if not hop.passes), None)
    verdict = "reachable" if blocked is None else f"BLOCKED at hop {blocked}"
    return f"{journey.source} -> {journey.target} via {via}{flow}: {verdict}"


_EVENT_REPLIED = (
    "  event: the application answers nothing, but the transport does: its acknowledgements"
    " come back and are checked"
)
_EVENT_DATAGRAM = (
    "  event: datagrams handed over one way; nothing comes back, so no reply is checked"
)


def _hop(traced: TracedHop) -> list[str]:
    """Return a hop's verdict line, its path (or what governs it) and its identity verdict."""
    hop, call = traced.hop, traced.call
    lines = [f"{hop.source} -> {hop.target}  {hop.protocol} port {hop.port}: {_verdict(traced)}"]
    if call.mode == "poll":
        lines.append(
            f"  poll: declared {call.callee} -> {call.caller}, where the data flows; "
            f"{call.caller} starts each call and reads {call.callee}"
        )
    if call.one_way:
        lines.append(_EVENT_REPLIED if call.replied else _EVENT_DATAGRAM)
    if hop.scope in _SCOPES:
        lines.append(_SCOPES[hop.scope])
    else:
        for pair in hop.pairs:
            lines += ["", *_pair(pair)]
    if traced.access is not None:
        decision = traced.access
        state = "allowed" if decision.allowed else "REFUSED"
        lines.append(f"  identity: {state}: {decision.reason}")
        if decision.condition:
            lines.append(f"  {decision.condition} get through")
    return lines


def _verdict(traced: TracedHop) -> str:
    """Return the hop's verdict in words: blocked, one way, or both ways."""
    if not traced.passes:
        return "BLOCKED"
    return "reachable one way" if traced.call.one_way else "reachable both ways"


def _shown(lines: list[str]) -> str:
    """Join the lines, each shown, never obeyed: labels and details name the user's resources.

    Each entry is one line of archgen's own text around user text, so escaping
    the whole entry escapes exactly the user's part.
    """
    return "".join(log_line(visible(line)) + "\n" for line in lines)


def _pair(pair: PairVerdict) -> list[str]:
    unverified = any(step.unverified for step in pair.steps)
    status = "blocked" if not pair.reachable else "ok, unverified" if unverified else "ok"
    lines = [f"  {pair.source.label} -> {pair.target.label}: {status}"]
    direction = ""
    for number, step in enumerate(pair.steps, 1):
        if step.direction != direction:
            direction = step.direction
            lines.append(f"    {'request' if direction == 'forward' else 'reply'}:")
        where = f"{step.kind} {step.component}".strip()
        lines.append(f"      {number:>2}. {where}: {step.check}")
        lines.append(f"          admitted by {step.admitted_by}")
        if step.unverified:
            lines.append(f"          unverified: {step.unverified}")
    if pair.block is not None:
        block = pair.block
        where = f"{block.kind} {block.component}".strip()
        side = "request" if block.direction == "forward" else "reply"
        lines.append(f"      xx. {where} refuses the {side}: {block.detail} [{block.reason}]")
    return lines
