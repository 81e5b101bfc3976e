"""The trace use case: a connection, or a declared path of them, hop by hop, both ways."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archgen.commands.loading import load_one
from archgen.errors import UsageError
from archgen.safe_text import visible

if TYPE_CHECKING:
    from archgen.model.architecture import Architecture
    from archgen.network.journey import Journey


def trace(file: str, source: str, target: str, port: int | None) -> Journey:
    """Check the way from `source` to `target`: declared, along a path, or tcp on `port`.

    A declared connection is traced as its mode runs it; two resources no
    connection joins, along the declared flow or chain of connections between
    them; with `port` and neither, as one tcp request.
    """
    from archgen.loader.constraints import not_an_end
    from archgen.model.paths import path_between
    from archgen.network.calls import Call, call_of
    from archgen.network.journey import Journey, traced

    arch = load_one(file)
    shown = visible(file)
    for end in (source, target):
        if end not in arch.resources:
            raise UsageError(f"{shown}: no resource '{visible(end)}'")
        problem = not_an_end(end, arch.type_of(end))
        if problem is not None:
            raise UsageError(f"{shown}: {visible(problem)}")
    declared = _declared(arch, source, target)
    if declared is not None:
        call = call_of(arch, arch.connections[declared])
        call = call if port is None else call._replace(port=port)
        return Journey(source, target, (traced(arch, call),))
    if port is not None:
        return Journey(source, target, (traced(arch, Call(source, target, "tcp", port)),))
    path = path_between(arch, source, target) if source != target else None
    if path is None:
        raise UsageError(
            f"{shown}: no connection from {source} to {target} is declared, nor any path of "
            "connections: give --port to trace tcp on that port"
        )
    hops = tuple(traced(arch, call_of(arch, arch.connections[i])) for i in path.connections)
    return Journey(source, target, hops, path.flow)


def _declared(arch: Architecture, source: str, target: str) -> int | None:
    """Return the index of the connection from `source` to `target`, or of a poll they start.

    `trace fn queue` on a queue that feeds fn names the call fn's side starts.
    """
    for index, connection in enumerate(arch.connections):
        if (connection.source, connection.target) == (source, target):
            return index
    for index, connection in enumerate(arch.connections):
        reverse = (connection.target, connection.source) == (source, target)
        if reverse and arch.mode_of(connection) == "poll":
            return index
    return None
