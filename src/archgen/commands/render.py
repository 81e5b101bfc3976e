"""The render use case: architectures in, output files out, each file on its own.

When every output is current by its fingerprints (see freshness), the run is done
without loading a model; otherwise an output is stale when its content fingerprint
differs, and with `verify` every output is drawn again and compared byte for byte.
Outputs are drawn in memory first (one graphviz process per file, in parallel),
then written all together (see output_folder), so an interruption never leaves a
half-updated folder. A file that is invalid or cannot be drawn keeps its old
outputs and does not stop the others; the result names it and the command exits 2.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from archgen.commands import freshness
from archgen.commands.files import (
    find_architectures,
    output_path,
    output_subfolder,
    refuse_link_out,
    settings_bytes,
)
from archgen.commands.output_folder import STAGING_PREFIX, OutputFolder, writing
from archgen.commands.parallel import Progress, in_parallel
from archgen.commands.pictures import draw_outputs, picture_print
from archgen.commands.views import formats_of, picture_of, views_of
from archgen.errors import RenderError, UsageError
from archgen.render.base import Artifact
from archgen.render.formats import DEFAULT_FORMATS, OUTPUT_FORMATS, VIEWS, output_suffix
from archgen.render.stamp import Stamp, stamp, text_fingerprint
from archgen.safe_text import visible

if TYPE_CHECKING:
    from archgen.layout.drawing import Drawing
    from archgen.model.architecture import Architecture
    from archgen.rules.config import RunConfig

FORMATS = DEFAULT_FORMATS
"""The formats archgen renders unless told, in the order it writes them."""


@dataclass(frozen=True)
class RenderResult:
    """What a render run wrote, or in --check mode, what is missing or stale."""

    written: tuple[Path, ...]
    stale: tuple[Path, ...]
    unchanged: tuple[Path, ...]
    failed: tuple[str, ...] = ()
    """One line for each problem of a file that was not drawn: its outputs are as they were."""


@dataclass(frozen=True)
class _Job:
    arch: Architecture
    planned: Drawing
    formats: tuple[str, ...]
    targets: dict[str, Path]
    stamps: dict[str, Stamp]
    ready: dict[str, Artifact]
    """Outputs made without graphviz (the Markdown), compared byte for byte."""
    config: RunConfig | None = None
    """The check's settings: the picture marks the findings they give."""
    view: str = "default"


@dataclass(frozen=True)
class _Run:
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


def render(
    paths: Sequence[str],
    out: Path,
    formats: Sequence[str] = FORMATS,
    *,
    check: bool = False,
    verify: bool = False,
    force: bool = False,
    jobs: int | None = None,
    progress: Progress | None = None,
    templates: Path | None = None,
    view: str | None = None,
) -> RenderResult:
    """Render the architectures named by `paths` into `out`, or compare in check mode.

    `verify` trusts no fingerprint: every output is drawn and compared byte
    for byte. `force` lets outputs replace files archgen did not write. The
    explanation follows the settings of the current folder, as `check` does.
    `view` chooses the pictures (formats.VIEWS); one other than the default
    is in their names (`capstone.network.png`). Without it, the default view
    is drawn and every view already in `out` is kept current (commands.views).
    """
    unknown = [fmt for fmt in formats if fmt not in OUTPUT_FORMATS]
    if unknown:
        choices = ", ".join(OUTPUT_FORMATS)
        raise UsageError(f"--format: unknown format {unknown[0]!r} (choose from {choices})")
    if view is not None and view not in VIEWS:
        raise UsageError(f"--view: unknown view {visible(view)!r} (choose from {', '.join(VIEWS)})")
    chosen = tuple(fmt for fmt in OUTPUT_FORMATS if fmt in formats)
    refuse_link_out(out, "--out")
    workers = jobs or os.cpu_count() or 1
    run = _Run(out, chosen, check, verify, force, workers, progress, templates, view)
    found = find_architectures(paths)
    files = {file: out / output_subfolder(file, paths) for file in found}
    if check:
        checked = _render(files, run, None)
        return dataclasses.replace(checked, stale=checked.stale + _leftovers(out))
    with writing(out) as folder:
        return _render(files, run, folder)


def _leftovers(out: Path) -> tuple[Path, ...]:
    """Return the staging folders in `out`: a killed run's, or ones a pull request committed.

    The next render finishes or removes them; until then the output folder
    is not what the fingerprints say, so `--check` calls them stale.
    """
    return tuple(sorted(out.glob(f"{STAGING_PREFIX}*"))) if out.is_dir() else ()


def _render(files: dict[Path, Path], run: _Run, folder: OutputFolder | None) -> RenderResult:
    """Compare, then draw and write what is stale (into `folder`; None: --check).

    `files` maps each architecture to the folder its outputs go to.
    """
    chosen = run.formats
    settings = settings_bytes() if "md" in chosen else b""
    layout = freshness.template_bytes(run.templates) if "md" in chosen else b""
    if settings is not None and not run.verify:
        current = freshness.current_without_loading(files, chosen, settings, layout, run.view)
        if current is not None:
            return RenderResult((), (), tuple(current))
    from archgen.commands.loading import load_each  # only now is a model needed
    from archgen.commands.settings import load_config

    config = load_config() if "md" in chosen else None  # reports an unreadable settings file
    loaded, problems = load_each(files)
    outs = {str(path): out for path, out in files.items()}
    failed = [str(problem) for problem in sorted(set(problems))]
    inputs = {
        a.file: freshness.Inputs(freshness.source_bytes(a), settings or b"", layout) for a in loaded
    }
    work = [
        job
        for arch in loaded
        for job in _planned(arch, outs[arch.file], run, config, inputs[arch.file], failed)
    ]
    if run.check and not run.verify:
        stale = [job.targets[fmt] for job in work for fmt in job.formats]
        return _result(_targets(work), stale, failed, written=False)
    outputs, refused = _drawn([job for job in work if job.formats], run, failed)
    work = [job for job in work if job.arch.file not in refused]
    if run.verify:
        shown = {
            t: (fmt, job.stamps[fmt].content) for job in work for fmt, t in job.targets.items()
        }
        outputs = {t: data for t, data in outputs.items() if freshness.differs(t, *shown[t], data)}
    if folder is not None:
        folder.commit(outputs, force=run.force)
    return _result(_targets(work), list(outputs), failed, written=folder is not None)


def _drawn(work: list[_Job], run: _Run, failed: list[str]) -> tuple[dict[Path, bytes], set[str]]:
    """Draw every job: return the outputs drawn, and the files that failed (told in `failed`)."""
    outputs: dict[Path, bytes] = {}
    refused: set[str] = set()
    for job, made in zip(work, in_parallel(work, _draw_one, run.jobs, run.progress), strict=True):
        if isinstance(made, str):
            failed.append(made)
            refused.add(job.arch.file)
        else:
            outputs.update((target, artifact.data) for target, artifact in made)
    return outputs, refused


def _planned(
    arch: Architecture,
    out: Path,
    run: _Run,
    config: RunConfig | None,
    inputs: freshness.Inputs,
    failed: list[str],
) -> list[_Job]:
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


def _targets(work: list[_Job]) -> list[Path]:
    return [target for job in work for target in job.targets.values()]


def _result(
    targets: list[Path], changed: list[Path], failed: list[str], *, written: bool
) -> RenderResult:
    changes = set(changed)
    unchanged = tuple(target for target in targets if target not in changes)
    if written:
        return RenderResult(tuple(changed), (), unchanged, tuple(failed))
    return RenderResult((), tuple(changed), unchanged, tuple(failed))


def _job(
    arch: Architecture,
    out: Path,
    run: _Run,
    config: RunConfig | None,
    inputs: freshness.Inputs,
    views: tuple[str, ...],
) -> _Job:
    """Plan the outputs of the view `run.view` into `out`: which are missing or stale (or all)."""
    from archgen.layout.drawing import plan

    view = run.view or "default"
    planned = plan(arch, view=view)
    formats = formats_of(run.formats, views, view)
    targets = {fmt: output_path(out, arch.name + output_suffix(fmt, view)) for fmt in formats}
    contents = {fmt: picture_print(planned, fmt) for fmt in formats if _drawn_by_graphviz(fmt)}
    picture = picture_of(out, arch.name, run.formats, view)
    page = _explain(arch, run, config, targets["md"], picture) if "md" in formats else None
    made = {"md": page} if page is not None else {}
    made |= draw_outputs(planned, [fmt for fmt in formats if _from_scene(fmt)])
    for fmt, artifact in made.items():
        contents[fmt] = text_fingerprint(artifact.data, "explanation" if fmt == "md" else fmt)
    stamps = {
        fmt: Stamp(contents.get(fmt, ""), inputs.fingerprint(targets[fmt], fmt)) for fmt in formats
    }
    stale = tuple(
        fmt
        for fmt in formats
        if run.verify
        or fmt not in contents
        or not freshness.shows(targets[fmt], fmt, contents[fmt])
    )
    for fmt in formats:
        if fmt not in stale:
            freshness.vouch(targets[fmt], fmt, stamps[fmt].inputs)
    ready = {fmt: artifact for fmt, artifact in made.items() if fmt in stale}
    return _Job(arch, planned, stale, targets, stamps, ready, config, view)


def _drawn_by_graphviz(fmt: str) -> bool:
    return OUTPUT_FORMATS[fmt].graphviz is not None


def _from_scene(fmt: str) -> bool:
    """Tell whether `fmt` is written from the scene alone (Mermaid): cheap enough to compare."""
    entry = OUTPUT_FORMATS[fmt]
    return entry.graphviz is None and entry.draw is not None


def _explain(
    arch: Architecture, run: _Run, config: RunConfig | None, target: Path, picture: str
) -> Artifact | None:
    """Write the explanation, without graphviz: its text is its content fingerprint.

    A plain --check of a missing explanation, stale whatever it would say,
    writes none (None): it only names the stale outputs.
    """
    from archgen.commands.explain import explanation

    if run.check and not run.verify and not target.exists():
        return None
    return explanation(arch, run.templates, config, picture)


Made = list[tuple[Path, Artifact]] | str
"""One file's outputs, each with where it goes; or the one line that says why there are none."""


def _draw_one(job: _Job) -> Made:
    drawn = tuple(fmt for fmt in job.formats if fmt not in job.ready)
    made = dict(job.ready)
    if drawn:
        try:
            made |= draw_outputs(_marked(job), drawn)
        except RenderError as error:  # name the design: a run draws many, the others still
            return f"{visible(job.arch.file)}: {error}"
    return [(job.targets[fmt], _stamped(job, fmt, made[fmt])) for fmt in job.formats]


def _marked(job: _Job) -> Drawing:
    """Return the drawing with the check's findings marked on it.

    Only a drawing runs the rules: `--check` compares the fingerprint of the
    unmarked picture, which the source's fingerprint (its inputs) vouches for.
    """
    from archgen.layout.drawing import marked
    from archgen.rules.engine import run_rules

    return marked(job.planned, job.arch, run_rules(job.arch, config=job.config), job.view)


def _stamped(job: _Job, fmt: str, artifact: Artifact) -> Artifact:
    return Artifact(artifact.name, stamp(artifact.data, fmt, job.stamps[fmt]))
