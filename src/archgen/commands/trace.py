"""The trace use case: one connection of one file, hop by hop, and how the reply returns."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archgen.commands.loading import load_one
from archgen.errors import UsageError
from archgen.safe_text import visible

if TYPE_CHECKING:
    from archgen.network.verdict import HopVerdict


def trace(file: str, source: str, target: str, port: int | None) -> HopVerdict:
    """Check one connection of a file hop by hop: the declared one, or tcp on `port`."""
    from archgen.network.reach import connection_port, network_of

    arch = load_one(file)
    shown = visible(file)
    for end in (source, target):
        if end not in arch.resources:
            raise UsageError(f"{shown}: no resource '{visible(end)}'")
    declared = next((c for c in arch.connections if (c.source, c.target) == (source, target)), None)
    if declared is None and port is None:
        raise UsageError(
            f"{shown}: no connection from {source} to {target} is declared: give --port "
            "to trace tcp on that port"
        )
    protocol = declared.protocol if declared else "tcp"
    if port is None and declared is not None:
        port = connection_port(arch, declared)
    assert port is not None  # noqa: S101 (both branches above set it)
    return network_of(arch).hop(source, target, protocol, port)
