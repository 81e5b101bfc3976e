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


def step_connection(arch: Architecture, source: str, target: str) -> int | None:
    """Return the connection a flow step from `source` to `target` follows (None: no such).

    Two resources may be joined by several connections (a web server over
    HTTP and over SSH); a step names only the pair, so it follows the first
    one declared, the order the author wrote. The badges, the explanation and
    `archgen trace` all ask here, so they cannot pick different connections.
    """
    chosen = arch.memo("model.step_connections", lambda: _first_of_each_pair(arch))
    return chosen.get((source, target))


def _first_of_each_pair(arch: Architecture) -> dict[tuple[str, str], int]:
    chosen: dict[tuple[str, str], int] = {}
    for index, connection in enumerate(arch.connections):
        chosen.setdefault((connection.source, connection.target), index)
    return chosen


def _badges(arch: Architecture) -> dict[int, tuple[str, ...]]:
    flows = arch.document.flows
    badges: dict[int, list[str]] = {}
    for number, flow in enumerate(flows):
        prefix = "" if len(flows) == 1 else flow_letter(number)
        for step, pair in enumerate(itertools.pairwise(flow.steps), 1):
            connection = step_connection(arch, *pair)
            if connection is not None:
                badges.setdefault(connection, []).append(f"{prefix}{step}")
    return {index: tuple(values) for index, values in sorted(badges.items())}


def flow_letter(number: int) -> str:
    """Return A..Z, then AA, AB...: flows beyond 26 still get distinct letters."""
    letters = string.ascii_uppercase
    if number < len(letters):
        return letters[number]
    return flow_letter(number // len(letters) - 1) + letters[number % len(letters)]
