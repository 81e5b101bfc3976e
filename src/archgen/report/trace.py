"""`archgen trace`: a connection's verdict hop by hop, forward and back, for people."""

from __future__ import annotations

from archgen.network.verdict import HopVerdict, PairVerdict
from archgen.safe_text import log_line, visible


def format_trace(hop: HopVerdict) -> str:
    """Return the verdict, then every pair of places with its numbered steps."""
    verdict = "reachable both ways" if hop.reachable else "BLOCKED"
    lines = [f"{hop.source} -> {hop.target}  {hop.protocol} port {hop.port}: {verdict}"]
    if hop.scope == "outside":
        lines.append("  outside any VPC: IAM and resource policies govern this call")
    else:
        for pair in hop.pairs:
            lines += ["", *_pair(pair)]
    return _shown(lines)


def _shown(lines: list[str]) -> str:
    """Join the lines, each shown, never obeyed: labels and details name the user's resources.

    Each entry is one line of archgen's own text around user text, so escaping
    the whole entry escapes exactly the user's part.
    """
    return "".join(log_line(visible(line)) + "\n" for line in lines)


def _pair(pair: PairVerdict) -> list[str]:
    status = "ok" if pair.reachable else "blocked"
    lines = [f"  {pair.source.label} -> {pair.target.label}: {status}"]
    direction = ""
    for number, step in enumerate(pair.steps, 1):
        if step.direction != direction:
            direction = step.direction
            lines.append(f"    {'request' if direction == 'forward' else 'reply'}:")
        where = f"{step.kind} {step.component}".strip()
        lines.append(f"      {number:>2}. {where}: {step.check}")
        lines.append(f"          admitted by {step.admitted_by}")
    if pair.block is not None:
        block = pair.block
        where = f"{block.kind} {block.component}".strip()
        side = "request" if block.direction == "forward" else "reply"
        lines.append(f"      xx. {where} refuses the {side}: {block.detail} [{block.reason}]")
    return lines
