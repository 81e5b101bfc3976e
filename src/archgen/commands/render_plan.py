"""The plan of a render: for each design and view, which outputs must be drawn.

An output whose content fingerprint shows it current (its sealed stamp, or the
user's cache) is left alone; every other one is drawn, and the render use case
then compares the drawing with it. The plan needs no graphviz: the pictures'
fingerprints come from the DOT source, and the texts (the explanation, the
Mermaid source) are made here, being cheap.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from archgen.commands import freshness, remembered
from archgen.commands.files import output_path
from archgen.commands.parallel import Progress
from archgen.commands.pictures import draw_outputs, picture_print
from archgen.commands.views import formats_of, picture_of, views_of
from archgen.errors import RenderError
from archgen.render.base import Artifact
from archgen.render.formats import OUTPUT_FORMATS, output_suffix
from archgen.render.stamp import Stamp, text_fingerprint
from archgen.safe_text import visible

if TYPE_CHECKING:
    from archgen.layout.drawing import Drawing
    from archgen.model.architecture import Architecture
    from archgen.rules.config import RunConfig


@dataclass(frozen=True)
class Run:
    """What one render run was asked to do."""

    out: Path
    formats: tuple[str, ...]
    check: bool
    verify: bool
    force: bool
    jobs: int
    progress: Progress | None
    templates: Path | None
    view: str | None = None
    """The `--view` given; None: the default and every view already drawn (commands.views)."""


@dataclass(frozen=True)
class Job:
    """One design's outputs in one view: where they go, how they are stamped, which to draw."""

    arch: Architecture
    planned: Drawing
    formats: tuple[str, ...]
    """The formats to draw: those not shown current by a fingerprint (or all, to verify)."""
    targets: dict[str, Path]
    stamps: dict[str, Stamp]
    ready: dict[str, Artifact]
    """Outputs made without graphviz (the Markdown), compared byte for byte."""
    config: RunConfig | None = None
    """The check's settings: the picture marks the findings they give."""
    view: str = "default"


def planned(
    arch: Architecture,
    out: Path,
    run: Run,
    config: RunConfig | None,
    inputs: freshness.Inputs,
    failed: list[str],
) -> list[Job]:
    """Plan one file's outputs, a job per view, or add why it cannot be drawn to `failed`."""
    views = views_of(out, arch.name, run.formats, run.view)
    try:
        return [
            _job(arch, out, dataclasses.replace(run, view=view), config, inputs, views)
            for view in views
        ]
    except RenderError as error:
        failed.append(f"{visible(arch.file)}: {error}")
        return []


def _job(
    arch: Architecture,
    out: Path,
    run: Run,
    config: RunConfig | None,
    inputs: freshness.Inputs,
    views: tuple[str, ...],
) -> Job:
    """Plan the outputs of the view `run.view` into `out`: which must be drawn (or all)."""
    from archgen.layout.drawing import plan

    view = run.view or "default"
    drawing = plan(arch, view=view)
    formats = formats_of(run.formats, views, view)
    targets = {fmt: output_path(out, arch.name + output_suffix(fmt, view)) for fmt in formats}
    contents = {fmt: picture_print(drawing, fmt) for fmt in formats if _drawn_by_graphviz(fmt)}
    picture = picture_of(out, arch.name, run.formats, view)
    page = _explain(arch, run, config, targets["md"], picture) if "md" in formats else None
    made = {"md": page} if page is not None else {}
    made |= draw_outputs(drawing, [fmt for fmt in formats if _from_scene(fmt)])
    for fmt, artifact in made.items():
        contents[fmt] = text_fingerprint(artifact.data, "explanation" if fmt == "md" else fmt)
    stamps = {
        fmt: Stamp(contents.get(fmt, ""), inputs.fingerprint(targets[fmt], fmt)) for fmt in formats
    }
    unproved = tuple(
        fmt
        for fmt in formats
        if run.verify
        or fmt not in contents
        or not freshness.shows(targets[fmt], fmt, contents[fmt])
    )
    for fmt in formats:
        if fmt not in unproved:
            remembered.vouch(targets[fmt], fmt, stamps[fmt].inputs)
    ready = {fmt: artifact for fmt, artifact in made.items() if fmt in unproved}
    return Job(arch, drawing, unproved, targets, stamps, ready, config, view)


def _drawn_by_graphviz(fmt: str) -> bool:
    return OUTPUT_FORMATS[fmt].graphviz is not None


def _from_scene(fmt: str) -> bool:
    """Tell whether `fmt` is written from the scene alone (Mermaid): cheap enough to compare."""
    entry = OUTPUT_FORMATS[fmt]
    return entry.graphviz is None and entry.draw is not None


def _explain(
    arch: Architecture, run: Run, config: RunConfig | None, target: Path, picture: str
) -> Artifact | None:
    """Write the explanation, without graphviz: its text is its content fingerprint.

    A plain --check of a missing explanation, stale whatever it would say,
    writes none (None): it only names the stale outputs.
    """
    from archgen.commands.explain import explanation

    if run.check and not run.verify and not target.exists():
        return None
    return explanation(arch, run.templates, config, picture)
