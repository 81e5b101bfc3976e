"""What a renderer produces: named files as bytes; the render use case writes them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Artifact:
    """One output file: its name inside the output folder and its exact bytes."""

    name: str
    data: bytes
