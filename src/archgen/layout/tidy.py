"""The tidy pass: dot's layout moved into the shapes an AWS architect draws.

It runs between dot's layout and the drawing (`redraw`), on the numbers alone.
"""

from __future__ import annotations

from archgen.layout.laid import Laid
from archgen.layout.scene import Scene


def tidy(scene: Scene, laid: Laid) -> None:
    """Tidy `laid` in place for `scene`."""
