"""The plan of a render: for each design and view, which outputs must be drawn.

An output whose content fingerprint shows it current (its sealed stamp, or the
user's cache) is left alone; every other one is drawn, and the render use case
then compares the drawing with it. The plan needs no graphviz: the pictures'
fingerprints come from the DOT source (worked out only for an output that is
there to compare), and the Mermaid source is made here, being cheap. So is
the explanation, unless pictures are to be drawn: then it is made while
graphviz draws them (`meanwhile`), with the stamps, and compared like them.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from archgen.commands import freshness, remembered
from archgen.commands.files import output_path
from archgen.commands.parallel import Progress
from archgen.commands.pictures import draw_outputs, picture_print
from archgen.commands.views import formats_of, picture_of, views_of
from archgen.errors import RenderError
from archgen.layout.spare_work import UNTIL_DRAWN, Spare
from archgen.render.base import Artifact
from archgen.render.formats import OUTPUT_FORMATS, output_suffix
from archgen.render.stamp import Stamp, text_fingerprint
from archgen.safe_text import visible

if TYPE_CHECKING:
    from archgen.layout.drawing import Drawing
    from archgen.model.architecture import Architecture
    from archgen.rules.config import RunConfig


class Run(NamedTuple):
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


class Job(NamedTuple):
    """One design's outputs in one view: where they go, how they are stamped, which to draw."""

    arch: Architecture
    planned: Drawing
    formats: tuple[str, ...]
    """The formats to draw: those not shown current by a fingerprint (or all, to verify)."""
    targets: dict[str, Path]
    inputs: freshness.Inputs
    ready: dict[str, Artifact]
    """Outputs made without graphviz (the Markdown, the Mermaid source), compared byte for byte."""
    contents: dict[str, str]
    """The content fingerprints worked out so far, by format."""
    stamps: dict[str, Stamp]
    """The stamps worked out so far, by format (`stamp_of`)."""
    config: RunConfig | None = None
    """The check's settings: the picture marks the findings they give."""
    view: str = "default"
    explain: Callable[[], Artifact | None] | None = None
    """Makes the explanation while graphviz draws (`meanwhile`); None: made already or unasked."""

    @property
    def pictures(self) -> tuple[str, ...]:
        """Return the formats graphviz draws (the others are made without it: `ready`)."""
        return tuple(fmt for fmt in self.formats if _drawn_by_graphviz(fmt))

    def content(self, fmt: str) -> str:
        """Return the content fingerprint of `fmt`: a picture's is worked out when first asked."""
        if fmt not in self.contents and _drawn_by_graphviz(fmt):
            self.contents[fmt] = picture_print(self.planned, fmt)
        return self.contents.get(fmt, "")

    def stamp_of(self, fmt: str) -> Stamp:
        """Return the stamp of `fmt`'s output (the explanation's once it is made)."""
        if fmt not in self.stamps:
            inputs = self.inputs.fingerprint(self.targets[fmt], fmt)
            self.stamps[fmt] = Stamp(self.content(fmt), inputs)
        return self.stamps[fmt]

    def make(self, made: dict[str, Artifact]) -> None:
        """Keep outputs made without graphviz, each with its content fingerprint: its very text."""
        for fmt, artifact in made.items():
            self.ready[fmt] = artifact
            self.contents[fmt] = text_fingerprint(artifact.data, _text_kind(fmt))


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
        return [_job(arch, out, run._replace(view=view), config, inputs, views) for view in views]
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
    formats = formats_of(run.formats, views, view)
    targets = {fmt: output_path(out, arch.name + output_suffix(fmt, view)) for fmt in formats}
    planned = plan(arch, view=view)
    job = Job(arch, planned, formats, targets, inputs, {}, {}, {}, config=config, view=view)
    job.make(draw_outputs(job.planned, [fmt for fmt in formats if _from_scene(fmt)]))
    pictures = [fmt for fmt in formats if _drawn_by_graphviz(fmt) and _unproved(job, run, fmt)]
    picture = picture_of(out, arch.name, run.formats, view)
    explain = functools.partial(_explain, arch, run, config, targets.get("md"), picture)
    later = "md" in formats and bool(pictures) and not run.check
    if "md" in formats and not later:
        job.make({"md": page} if (page := explain()) is not None else {})
    unproved = tuple(
        fmt
        for fmt in formats
        if fmt in pictures or (fmt == "md" and later) or _unproved(job, run, fmt)
    )
    for fmt in formats:
        if fmt not in unproved:
            remembered.vouch(targets[fmt], fmt, job.stamp_of(fmt).inputs)
    ready = {fmt: artifact for fmt, artifact in job.ready.items() if fmt in unproved}
    return job._replace(formats=unproved, ready=ready, explain=explain if later else None)


def _unproved(job: Job, run: Run, fmt: str) -> bool:
    """Tell whether `fmt`'s output must be drawn: asked to verify, missing, or showing else.

    A target that is not there is unproved without working its fingerprint out.
    """
    target = job.targets[fmt]
    if run.verify or not os.path.lexists(target):
        return True
    if fmt not in job.ready and not _drawn_by_graphviz(fmt):
        return True  # an explanation a plain --check of a missing one does not write
    return not freshness.shows(target, fmt, job.content(fmt))


def meanwhile(job: Job) -> Spare:
    """Make what needs no picture while graphviz works, a piece per step (layout.spare_work).

    The pictures' stamps first, while dot lays out; the explanation, which takes
    longer than a layout, waits for the drawing (`UNTIL_DRAWN`); then its stamp.
    """
    for fmt in job.formats:
        if fmt != "md":
            yield job.stamp_of(fmt)
    yield UNTIL_DRAWN
    if job.explain is not None and "md" not in job.ready:
        job.make({"md": page} if (page := job.explain()) is not None else {})
    if "md" in job.formats:
        yield job.stamp_of("md")


def _drawn_by_graphviz(fmt: str) -> bool:
    return OUTPUT_FORMATS[fmt].graphviz is not None


def _from_scene(fmt: str) -> bool:
    """Tell whether `fmt` is written from the scene alone (Mermaid): cheap enough to compare."""
    entry = OUTPUT_FORMATS[fmt]
    return entry.graphviz is None and entry.draw is not None


def _explain(
    arch: Architecture, run: Run, config: RunConfig | None, target: Path | None, picture: str
) -> Artifact | None:
    """Write the explanation, without graphviz: its text is its content fingerprint.

    A plain --check of a missing explanation, stale whatever it would say,
    writes none (None): it only names the stale outputs.
    """
    from archgen.commands.explain import explanation

    if target is None or (run.check and not run.verify and not target.exists()):
        return None
    return explanation(arch, run.templates, config, picture)


def _text_kind(fmt: str) -> str:
    return "explanation" if fmt == "md" else fmt
