"""What graphviz drew, kept for the test session: each worker draws a picture once.

Dozens of modules render the same designs in-process (the capstone in both views,
the gallery, the test designs of the layout), and drawing them is most of their
time. archgen's drawing is made from the scene, its DOT source, the formats asked
for and the graphviz found on PATH, nothing else, so a drawing is kept under a
digest of exactly these and handed back (a copy of its outputs) when they recur.

What it does not keep: a failed drawing (it is tried again), a drawing in a test
marked `redraw` (one that proves two drawings come out alike), and anything drawn
by archgen in a process of its own (the console-script, pre-commit and MkDocs
tests). `ARCHGEN_TEST_REDRAW=1` turns it off for a whole run.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator

from archgen.layout import drawing
from archgen.layout.drawing import Drawing, Settle
from archgen.layout.spare_work import finish_spare
from archgen.model.architecture import Architecture

Meanwhile = Iterator[object]


Draw = Callable[[Architecture | Drawing, tuple[str, ...], Settle | None, Meanwhile | None], Drawing]
"""`archgen.layout.drawing.draw`, or what stands in for it, given all its arguments."""


class DrawCache:
    """Stands in for `archgen.layout.drawing.draw`, which it calls for what it has not kept."""

    def __init__(self, draw: Draw) -> None:
        self.draw = draw
        self.kept: dict[str, Drawing] = {}
        self.on = os.environ.get("ARCHGEN_TEST_REDRAW", "") in ("", "0")
        """Whether drawings are kept now: off in a test marked `redraw`."""

    def __call__(
        self,
        arch: Architecture | Drawing,
        formats: tuple[str, ...],
        settle: Settle | None = None,
        meanwhile: Meanwhile | None = None,
    ) -> Drawing:
        """Draw what `settle` (a render's checks) settles on, as archgen does; keep it by digest.

        `meanwhile` is done once, while graphviz works or, for a kept drawing, at once.
        """
        if not self.on or not formats:
            return self.draw(arch, formats, settle, meanwhile)
        planned = arch if isinstance(arch, Drawing) else drawing.plan(arch)
        if settle is not None:
            planned = settle(planned)
        key = digest(planned, formats)
        kept = self.kept.get(key)
        if kept is None:
            kept = self.kept[key] = self.draw(planned, formats, None, meanwhile)
        else:
            finish_spare(meanwhile)
        return planned._replace(outputs=dict(kept.outputs), rung=kept.rung)


def digest(planned: Drawing, formats: tuple[str, ...]) -> str:
    """Return the digest of all a drawing is made from: scene, DOT, formats, graphviz's PATH."""
    parts = (planned.name, planned.dot, repr(planned.scene), ",".join(formats))
    hashed = hashlib.sha256("\0".join((*parts, os.environ.get("PATH", ""))).encode("utf-8"))
    return hashed.hexdigest()
