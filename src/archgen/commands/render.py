"""The render use case: architectures in, output files out, each file on its own.

When every output is current by its fingerprints (see freshness), the run is done
without loading a model. Otherwise each output whose content fingerprint does not
show it current (with `verify`, every output) is drawn again and compared with
what is there, stamps set aside: it is stale, and rewritten, only when its
picture or text differs, so an archgen change that draws the same rewrites
nothing, and `--check` passes after it (drawing once, then remembering; see
remembered). Outputs are drawn in memory first (one graphviz process per file, in parallel),
then written all together (see output_folder), so an interruption never leaves a
half-updated folder. A file that is invalid or cannot be drawn keeps its old
outputs and does not stop the others; the result names it and the command exits 2.
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from archgen.commands import freshness, remembered
from archgen.commands.files import (
    find_architectures,
    output_subfolder,
    refuse_link_out,
    settings_bytes,
)
from archgen.commands.output_folder import STAGING_PREFIX, OutputFolder, writing
from archgen.commands.parallel import Progress, in_parallel
from archgen.commands.pictures import draw_outputs
from archgen.commands.render_plan import Job, Run, meanwhile, planned
from archgen.errors import RenderError, UsageError
from archgen.render.base import Artifact
from archgen.render.formats import DEFAULT_FORMATS, OUTPUT_FORMATS, VIEWS
from archgen.render.stamp import stamp
from archgen.safe_text import visible

if TYPE_CHECKING:
    from archgen.layout.drawing import Drawing
    from archgen.rules.config import RunConfig

FORMATS = DEFAULT_FORMATS
"""The formats archgen renders unless told, in the order it writes them."""


class RenderResult(NamedTuple):
    """What a render run wrote, or in --check mode, what is missing or stale."""

    written: tuple[Path, ...]
    stale: tuple[Path, ...]
    unchanged: tuple[Path, ...]
    failed: tuple[str, ...] = ()
    """One line for each problem of a file that was not drawn: its outputs are as they were."""


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
    run = Run(out, chosen, check, verify, force, workers, progress, templates, view)
    found = find_architectures(paths)
    files = {file: out / output_subfolder(file, paths) for file in found}
    if check:
        checked = _render(files, run, None)
        return checked._replace(stale=checked.stale + _leftovers(out))
    with writing(out) as folder:
        return _render(files, run, folder)


def _leftovers(out: Path) -> tuple[Path, ...]:
    """Return the staging folders in `out`: a killed run's, or ones a pull request committed.

    The next render finishes or removes them; until then the output folder
    is not what the fingerprints say, so `--check` calls them stale.
    """
    return tuple(sorted(out.glob(f"{STAGING_PREFIX}*"))) if out.is_dir() else ()


def _render(files: dict[Path, Path], run: Run, folder: OutputFolder | None) -> RenderResult:
    """Draw what no fingerprint shows current; write what differs (into `folder`; None: --check).

    `files` maps each architecture to the folder its outputs go to. A plain
    --check draws no missing output: it is stale whatever it would show.
    """
    chosen = run.formats
    settings = settings_bytes() if "md" in chosen else b""
    layout = freshness.template_bytes(run.templates) if "md" in chosen else b""
    if settings is not None and not run.verify:
        current = freshness.current_without_loading(files, chosen, settings, layout, run.view)
        if current is not None:
            return RenderResult((), (), tuple(current))
    lays_out = not run.check and any(OUTPUT_FORMATS[fmt].graphviz for fmt in chosen)
    if lays_out:
        _start_layout_ahead()
    try:
        return _loaded_and_drawn(files, run, folder, settings, layout)
    finally:
        if lays_out:
            from archgen.layout.layout_ahead import stop_waiting

            stop_waiting()


def _start_layout_ahead() -> None:
    """Start dot now, to lay out the first design drawn: it starts while the models load."""
    from archgen.layout import layout_ahead
    from archgen.layout.run import program

    with contextlib.suppress(RenderError):  # graphviz missing: the drawing says so, naming the file
        layout_ahead.start_ahead([program("dot")], ("json",))


def _loaded_and_drawn(
    files: dict[Path, Path],
    run: Run,
    folder: OutputFolder | None,
    settings: bytes | None,
    layout: bytes,
) -> RenderResult:
    """Load every file, then draw and write (or compare) what `_render` found unproved."""
    chosen = run.formats
    from archgen.commands.loading import load_each  # only now is a model needed

    config = _settings() if "md" in chosen else None
    loaded, problems = load_each(files)
    outs = {str(path): out for path, out in files.items()}
    failed = [str(problem) for problem in sorted(set(problems))]
    inputs = {
        a.file: freshness.Inputs(freshness.source_bytes(a), settings or b"", layout) for a in loaded
    }
    work = [
        job
        for arch in loaded
        for job in planned(arch, outs[arch.file], run, config, inputs[arch.file], failed)
    ]
    to_draw = [_present(job) if run.check and not run.verify else job for job in work]
    outputs, refused = _drawn([job for job in to_draw if job.formats], run, failed)
    work = [job for job in work if job.arch.file not in refused]
    alike = _alike(work, outputs)
    drawn = [job.targets[fmt] for job in work for fmt in job.formats]
    changed = [target for target in drawn if target not in alike]
    if folder is not None:
        folder.commit({target: outputs[target] for target in changed}, force=run.force)
    return _result(_targets(work), changed, failed, written=folder is not None)


def _present(job: Job) -> Job:
    """Keep the formats whose output exists: a missing one is stale without drawing it."""
    there = tuple(fmt for fmt in job.formats if job.targets[fmt].exists())
    return job._replace(formats=there)


def _alike(work: list[Job], outputs: dict[Path, bytes]) -> set[Path]:
    """Return the outputs that hold just what was drawn for them, and remember them so.

    Their stamps are older, or were not trusted (--verify): archgen changed,
    or the design, in ways that draw the same. They are current and keep
    their bytes; the user's cache notes it for the next run.
    """
    alike = set()
    for job in work:
        for fmt in job.formats:
            target = job.targets[fmt]
            if target in outputs and freshness.drawn_alike(target, fmt, outputs[target]):
                alike.add(target)
                remembered.note_drawn(target, fmt, job.stamp_of(fmt).content)
                remembered.vouch(target, fmt, job.stamp_of(fmt).inputs)
    return alike


def _settings() -> RunConfig:
    """Read the explanation's settings, loading the rules: a picture's load while dot works."""
    from archgen.commands.settings import load_config

    return load_config()


def _drawn(work: list[Job], run: Run, failed: list[str]) -> tuple[dict[Path, bytes], set[str]]:
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


def _targets(work: list[Job]) -> list[Path]:
    return [target for job in work for target in job.targets.values()]


def _result(
    targets: list[Path], changed: list[Path], failed: list[str], *, written: bool
) -> RenderResult:
    changes = set(changed)
    unchanged = tuple(target for target in targets if target not in changes)
    if written:
        return RenderResult(tuple(changed), (), unchanged, tuple(failed))
    return RenderResult((), tuple(changed), unchanged, tuple(failed))


Made = list[tuple[Path, Artifact]] | str
"""One file's outputs, each with where it goes; or the one line that says why there are none."""


def _draw_one(job: Job) -> Made:
    """Draw the job's pictures, make the rest meanwhile, and return its stamped outputs."""
    made: dict[str, Artifact] = {}
    if job.pictures:
        settle = functools.partial(_marked, job)
        try:
            made = draw_outputs(job.planned, job.pictures, settle, meanwhile(job))
        except RenderError as error:  # name the design: a run draws many, the others still
            return f"{visible(job.arch.file)}: {error}"
    made |= job.ready
    return [(job.targets[fmt], _stamped(job, fmt, made[fmt])) for fmt in job.formats]


def _marked(job: Job, planned: Drawing) -> Drawing:
    """Return the drawing with the check's findings marked on it (`planned` when none marks it).

    Only a drawing runs the rules, while dot lays the planned drawing out:
    `--check` compares the fingerprint of the unmarked picture, which the
    source's fingerprint (its inputs) vouches for.
    """
    from archgen.layout.drawing import marked
    from archgen.rules.engine import run_rules

    return marked(planned, job.arch, run_rules(job.arch, config=job.config), job.view)


def _stamped(job: Job, fmt: str, artifact: Artifact) -> Artifact:
    return Artifact(artifact.name, stamp(artifact.data, fmt, job.stamp_of(fmt)))
