"""What a renderer produces: named files as bytes; the render use case writes them."""

from __future__ import annotations

from typing import NamedTuple


class Artifact(NamedTuple):
    """One output file: its name inside the output folder and its exact bytes."""

    name: str
    data: bytes
