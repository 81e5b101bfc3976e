"""Step numbers of the flows: the same numbers on the diagram's badges and in the text.

One flow is numbered 1, 2, 3...; several get a letter each: A1, A2... B1...
A connection that several flows use carries every badge, in flow order.
"""

from __future__ import annotations

import itertools
import string

from archgen.model.architecture import Architecture


def flow_badges(arch: Architecture) -> dict[int, tuple[str, ...]]:
    """Return the badges of each connection index that a flow uses (computed once)."""
    return arch.memo("model.badges", lambda: _badges(arch))


def _badges(arch: Architecture) -> dict[int, tuple[str, ...]]:
    flows = arch.document.flows
    index_of = {(c.source, c.target): i for i, c in enumerate(arch.connections)}
    badges: dict[int, list[str]] = {}
    for number, flow in enumerate(flows):
        prefix = "" if len(flows) == 1 else flow_letter(number)
        for step, pair in enumerate(itertools.pairwise(flow.steps), 1):
            connection = index_of.get(pair)
            if connection is not None:
                badges.setdefault(connection, []).append(f"{prefix}{step}")
    return {index: tuple(values) for index, values in sorted(badges.items())}


def flow_letter(number: int) -> str:
    """Return A..Z, then AA, AB...: flows beyond 26 still get distinct letters."""
    letters = string.ascii_uppercase
    if number < len(letters):
        return letters[number]
    return flow_letter(number // len(letters) - 1) + letters[number % len(letters)]
