"""The declared connections that lead from one resource to another, hop by hop.

`archgen trace FROM TO` on two resources no connection joins follows the
way the author said traffic goes: a declared flow that passes FROM and later
TO, else the shortest chain of declared connections in the direction of
their arrows (breadth first, in declaration order, so the answer is stable).
"""

from __future__ import annotations

import itertools
from collections import deque
from dataclasses import dataclass

from archgen.model.architecture import Architecture
from archgen.model.flows import step_connection


@dataclass(frozen=True)
class Path:
    """A chain of declared connections, by index, and the flow it follows if any."""

    connections: tuple[int, ...]
    flow: str | None = None


def path_between(arch: Architecture, source: str, target: str) -> Path | None:
    """Return the declared way from `source` to `target`: a flow's stretch, else the shortest."""
    return _along_flow(arch, source, target) or _shortest(arch, source, target)


def _along_flow(arch: Architecture, source: str, target: str) -> Path | None:
    """Return the first flow's stretch from `source` to the next `target` after it."""
    for flow in arch.document.flows:
        steps = flow.steps
        if source not in steps:
            continue
        start = steps.index(source)
        if target not in steps[start + 1 :]:
            continue
        end = steps.index(target, start + 1)
        hops = [step_connection(arch, *pair) for pair in itertools.pairwise(steps[start : end + 1])]
        if all(hop is not None for hop in hops):
            return Path(tuple(hop for hop in hops if hop is not None), flow.name)
    return None


def _shortest(arch: Architecture, source: str, target: str) -> Path | None:
    """Return the fewest declared connections from `source` to `target`, arrows forward."""
    came_by: dict[str, int | None] = {source: None}
    queue = deque([source])
    while queue:
        here = queue.popleft()
        if here == target:
            return Path(_back(arch, came_by, target))
        for index, connection in arch.connections_from(here):
            if connection.target not in came_by:
                came_by[connection.target] = index
                queue.append(connection.target)
    return None


def _back(arch: Architecture, came_by: dict[str, int | None], target: str) -> tuple[int, ...]:
    """Return the connections that led to `target`, first hop first."""
    hops: list[int] = []
    index = came_by[target]
    while index is not None:
        hops.append(index)
        index = came_by[arch.connections[index].source]
    return tuple(reversed(hops))
